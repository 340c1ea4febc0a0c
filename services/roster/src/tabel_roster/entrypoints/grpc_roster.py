"""gRPC RosterService: queries for other services and the portal (not on hot paths)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

import grpc

from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc
from tabel_platform.auth.principal import current_principal
from tabel_platform.errors import Unauthenticated
from tabel_platform.grpc.fields import date_field, uuid_field
from tabel_platform.grpc.server import Registration
from tabel_platform.runtime import Runtime
from tabel_roster.domain.classes import academic_year_of
from tabel_roster.domain.events import (
    class_message,
    membership_message,
    person_message,
    school_message,
)
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.service_layer import classes, people
from tabel_roster.service_layer import schools as use_cases

if TYPE_CHECKING:
    Context = grpc.aio.ServicerContext[object, object]

MAX_PAGE = 500


async def _may_read(runtime: Runtime, school_id: UUID) -> None:
    principal = current_principal.get()
    if principal is None:
        raise Unauthenticated()
    await authorize(runtime, principal, Action.READ_ROSTER, school_id)


class RosterServicer(pb_grpc.RosterServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def GetSchool(
        self, request: pb.GetSchoolRequest, context: Context
    ) -> pb.GetSchoolResponse:
        school = await use_cases.get_school(
            runtime=self._rt, school_id=uuid_field(request.school_id, "school_id")
        )
        return pb.GetSchoolResponse(school=school_message(school))

    async def ResolveHost(
        self, request: pb.ResolveHostRequest, context: Context
    ) -> pb.ResolveHostResponse:
        school = await use_cases.resolve_host(runtime=self._rt, host=request.host)
        return pb.ResolveHostResponse(school=school_message(school))

    async def ListClasses(
        self, request: pb.ListClassesRequest, context: Context
    ) -> pb.ListClassesResponse:
        school_id = uuid_field(request.school_id, "school_id")
        await _may_read(self._rt, school_id)
        year = request.academic_year_start or academic_year_of(date.today())
        found = await classes.list_classes(
            runtime=self._rt, school_id=school_id, year=year, grade=request.grade_level or None
        )
        size = min(request.page_size or 100, MAX_PAGE)
        start = int(request.page_token) if request.page_token.isdigit() else 0
        page = found[start : start + size]
        more = start + size < len(found)
        return pb.ListClassesResponse(
            classes=[class_message(c) for c in page],
            next_page_token=str(start + size) if more else "",
        )

    async def GetPerson(
        self, request: pb.GetPersonRequest, context: Context
    ) -> pb.GetPersonResponse:
        school_id = uuid_field(request.school_id, "school_id")
        await _may_read(self._rt, school_id)
        person = await people.get_person(
            runtime=self._rt,
            school_id=school_id,
            person_id=uuid_field(request.person_id, "person_id"),
        )
        return pb.GetPersonResponse(person=person_message(person))

    async def ListClassMembers(
        self, request: pb.ListClassMembersRequest, context: Context
    ) -> pb.ListClassMembersResponse:
        school_id = uuid_field(request.school_id, "school_id")
        await _may_read(self._rt, school_id)
        day = (
            date_field(request.on_date, "on_date") if request.HasField("on_date") else date.today()
        )
        pairs = await classes.class_members(
            runtime=self._rt,
            school_id=school_id,
            class_id=uuid_field(request.class_id, "class_id"),
            on=day,
        )
        return pb.ListClassMembersResponse(
            members=[
                pb.ClassMember(person=person_message(p), membership=membership_message(m))
                for p, m in pairs
            ]
        )


def registration(runtime: Runtime) -> tuple[str, Registration]:
    servicer = RosterServicer(runtime)
    name = pb.DESCRIPTOR.services_by_name["RosterService"].full_name
    return name, lambda server: pb_grpc.add_RosterServiceServicer_to_server(servicer, server)
