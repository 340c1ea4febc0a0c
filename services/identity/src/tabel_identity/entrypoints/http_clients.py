"""REST: a school's OneRoster clients (client credentials for an LMS or another system that
reads the school's roster), managed by whoever holds `identity.client.manage` there."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from tabel_identity.domain.clients import ONEROSTER_SCOPES
from tabel_identity.domain.errors import IdentityError
from tabel_identity.domain.school_clients import SchoolClient
from tabel_identity.entrypoints.actors import actor_of, source_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.service_layer import school_clients
from tabel_identity.wiring import identity_of, settings_of
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1", tags=["clients"])
ClientId = Annotated[str, Path(min_length=1, max_length=100)]


class OneRosterClientCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="e.g. the LMS it is for")
    scopes: list[str] = Field(
        default_factory=list, max_length=len(ONEROSTER_SCOPES),
        description="OneRoster 1.2 rostering scopes; omitted: roster-core.readonly",
    )  # fmt: skip


class OneRosterClientRead(BaseModel):
    client_id: str
    school_id: UUID
    name: str
    scopes: list[str]
    created_at: datetime
    created_by: UUID | None
    revoked_at: datetime | None
    status: str  # active | revoked


class RegisteredOneRosterClientRead(OneRosterClientRead):
    client_secret: str  # shown only now
    token_endpoint: str


def client_read(c: SchoolClient) -> OneRosterClientRead:
    return OneRosterClientRead(
        client_id=c.client_id, school_id=c.school_id, name=c.name, scopes=sorted(c.scopes),
        created_at=c.created_at, created_by=c.created_by, revoked_at=c.revoked_at,
        status=c.status,
    )  # fmt: skip


@router.post(
    "/schools/{school_id}/oneroster-clients", status_code=201,
    response_model=RegisteredOneRosterClientRead,
)  # fmt: skip
async def register_client(
    school_id: UUID, body: OneRosterClientCreate, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> RegisteredOneRosterClientRead:  # fmt: skip
    """Register a OneRoster client of the school; its secret is shown only now."""
    command = school_clients.RegisterClient(
        school_id=school_id, name=body.name.strip() or body.name, scopes=frozenset(body.scopes)
    )
    try:
        done = await school_clients.register(
            runtime=runtime, hasher=identity_of(runtime).hasher, command=command,
            by=actor_of(request, principal), source=source_of(request),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
    token_endpoint = settings_of(runtime).issuer + "/protocol/openid-connect/token"
    return RegisteredOneRosterClientRead(
        **client_read(done.client).model_dump(), client_secret=done.secret,
        token_endpoint=token_endpoint,
    )  # fmt: skip


@router.get("/schools/{school_id}/oneroster-clients", response_model=list[OneRosterClientRead])
async def list_clients(
    school_id: UUID, request: Request, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> list[OneRosterClientRead]:
    """The school's OneRoster clients, newest first (without secrets)."""
    try:
        found = await school_clients.listed(
            runtime=runtime, school_id=school_id, by=actor_of(request, principal)
        )
    except IdentityError as exc:
        raise platform_error(exc) from exc
    return [client_read(c) for c in found]


@router.delete("/schools/{school_id}/oneroster-clients/{client_id}", status_code=204)
async def revoke_client(
    school_id: UUID, client_id: ClientId, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> None:  # fmt: skip
    """Revoke a OneRoster client: it gets no more tokens."""
    try:
        await school_clients.revoke(
            runtime=runtime, school_id=school_id, client_id=client_id,
            by=actor_of(request, principal), source=source_of(request),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
