"""gRPC AuthorizationService: "may X do Y on Z" from the grants, and grant listings, for
callers off the hot path (services keep their own projection for those)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc

from tabel.identity.v1 import authorization_service_pb2 as pb
from tabel.identity.v1 import authorization_service_pb2_grpc as pb_grpc
from tabel_identity.adapters import grants_repo
from tabel_identity.adapters.messages import grant_message, role_from_message, scope_from_message
from tabel_identity.domain.grants import Scope
from tabel_identity.service_layer import authorization
from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.errors import Forbidden, InvalidInput, Unauthenticated
from tabel_platform.grpc.fields import optional_uuid
from tabel_platform.grpc.server import Registration
from tabel_platform.runtime import Runtime

if TYPE_CHECKING:
    Context = grpc.aio.ServicerContext[object, object]

MAX_PAGE = 500


def _scope(message: object, field: str) -> Scope | None:
    try:
        return scope_from_message(message)  # type: ignore[arg-type]
    except ValueError as exc:
        raise InvalidInput(
            "field.invalid", code="invalid_scope", errors=[{"field": field}]
        ) from exc


def _caller() -> Principal:
    principal = current_principal.get()
    if principal is None:
        raise Unauthenticated()
    return principal


class AuthorizationServicer(pb_grpc.AuthorizationServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def Check(self, request: pb.CheckRequest, context: Context) -> pb.CheckResponse:
        caller = _caller()
        if not request.subject or not request.permission:
            raise InvalidInput("field.invalid", code="subject_and_permission_required")
        if not caller.is_service and request.subject != caller.subject:
            raise Forbidden()  # a person may ask only about themselves
        decision = await authorization.check(
            runtime=self._rt,
            subject=request.subject,
            permission=request.permission,
            school_id=optional_uuid(request.school_id, "school_id"),
            scope=_scope(request.scope, "scope") if request.HasField("scope") else None,
        )
        return pb.CheckResponse(allowed=decision.allowed, reason=decision.reason)

    async def ListGrants(
        self, request: pb.ListGrantsRequest, context: Context
    ) -> pb.ListGrantsResponse:
        caller = _caller()
        school_id = optional_uuid(request.school_id, "school_id")
        if school_id is None and not request.subject:
            raise InvalidInput("field.invalid", code="school_or_subject_required")
        size = min(request.page_size or 100, MAX_PAGE)
        async with self._rt.uow(school_id=school_id, all_schools=school_id is None) as uow:
            if not caller.is_service and request.subject != caller.subject:
                if school_id is None:
                    raise Forbidden()
                actor = authorization.Actor(subject=caller.subject)
                decision = await authorization.check_in(
                    uow.session, subject=actor.subject, permission="identity.grant.manage",
                    school_id=school_id,
                )  # fmt: skip
                if not decision.allowed:
                    raise Forbidden()
            found = await grants_repo.search(
                uow.session, school_id=school_id, subject=request.subject or None,
                person_id=optional_uuid(request.person_id, "person_id"),
                role=role_from_message(request.role),
                after=optional_uuid(request.page_token, "page_token"), limit=size + 1,
            )  # fmt: skip
        more = len(found) > size
        page = found[:size]
        return pb.ListGrantsResponse(
            grants=[grant_message(g) for g in page],
            next_page_token=str(page[-1].id) if more else "",
        )


def registration(runtime: Runtime) -> tuple[str, Registration]:
    servicer = AuthorizationServicer(runtime)
    name = pb.DESCRIPTOR.services_by_name["AuthorizationService"].full_name
    return name, lambda server: pb_grpc.add_AuthorizationServiceServicer_to_server(servicer, server)
