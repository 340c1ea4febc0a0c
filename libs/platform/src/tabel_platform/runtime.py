"""The infrastructure a service's use cases and entrypoints are wired to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request

from tabel_platform.auth.tokens import TokenValidator
from tabel_platform.db.database import Database
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.events.envelope import Actor
from tabel_platform.events.nats import NatsConnection
from tabel_platform.settings import ServiceSettings


@dataclass
class Runtime:
    """The infrastructure a service's use cases and entrypoints are wired to."""

    settings: ServiceSettings
    db: Database
    nats: NatsConnection
    validator: TokenValidator
    extras: dict[str, Any] = field(default_factory=dict)

    def uow(
        self,
        *,
        school_id: UUID | None = None,
        all_schools: bool = False,
        actor: Actor | None = None,
    ) -> UnitOfWork:
        return UnitOfWork(
            self.db,
            source=self.settings.service_name,
            school_id=school_id,
            all_schools=all_schools,
            actor=actor,
        )


async def get_runtime(request: Request) -> Runtime:
    # async: FastAPI would run a plain `def` dependency in a worker thread on every request.
    runtime: Runtime = request.app.state.runtime
    return runtime


CurrentRuntime = Annotated[Runtime, Depends(get_runtime)]
