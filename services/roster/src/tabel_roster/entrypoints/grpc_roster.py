"""gRPC RosterService: queries for other services and the portal (not on hot paths)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

import grpc

from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc
from tabel_platform.errors import InvalidInput, NotFound
from tabel_platform.grpc.server import Registration
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import schools_repo
from tabel_roster.domain.events import school_message
from tabel_roster.domain.schools import InvalidDomain, normalize_domain
from tabel_roster.service_layer import schools as use_cases

if TYPE_CHECKING:
    Context = grpc.aio.ServicerContext[object, object]


def _uuid(value: str, field: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as exc:
        raise InvalidInput("field.invalid", code="invalid_uuid", errors=[{"field": field}]) from exc


class RosterServicer(pb_grpc.RosterServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def GetSchool(
        self, request: pb.GetSchoolRequest, context: Context
    ) -> pb.GetSchoolResponse:
        school = await use_cases.get_school(
            runtime=self._rt, school_id=_uuid(request.school_id, "school_id")
        )
        return pb.GetSchoolResponse(school=school_message(school))

    async def ResolveHost(
        self, request: pb.ResolveHostRequest, context: Context
    ) -> pb.ResolveHostResponse:
        try:
            domain = normalize_domain(request.host)
        except InvalidDomain as exc:
            raise InvalidInput("roster.invalid_domain", code="invalid_domain") from exc
        async with self._rt.uow(all_schools=True) as uow:
            school_id = await schools_repo.school_for_domain(uow.session, domain)
            school = await schools_repo.get(uow.session, school_id) if school_id else None
        if school is None:
            raise NotFound("error.school_unknown", code="school_unknown")
        return pb.ResolveHostResponse(school=school_message(school))


def registration(runtime: Runtime) -> tuple[str, Registration]:
    # ListClasses, GetPerson and ListClassMembers answer UNIMPLEMENTED until roster has people.
    servicer = RosterServicer(runtime)  # type: ignore[abstract]
    name = pb.DESCRIPTOR.services_by_name["RosterService"].full_name
    return name, lambda server: pb_grpc.add_RosterServiceServicer_to_server(servicer, server)
