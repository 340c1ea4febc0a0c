"""Unit of work: one transaction, in one school, that commits a change with its events.

Events are written to the outbox in the same transaction as the change (the relay
publishes them afterwards), so a change is never saved without its event or vice versa.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self
from uuid import UUID

from google.protobuf.message import Message
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.db.database import Database
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.events.outbox import add_to_outbox
from tabel_platform.tenancy import current_school


class UnitOfWork:
    def __init__(
        self,
        db: Database,
        *,
        source: str,
        school_id: UUID | None = None,
        all_schools: bool = False,
        actor: Actor | None = None,
    ) -> None:
        self._db = db
        self.source = source
        self.school_id = school_id if school_id is not None else current_school.get()
        self.all_schools = all_schools
        self.actor = actor or Actor.system()
        self._cm = db.transaction(school_id=self.school_id, all_schools=all_schools)
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside `async with`")
        return self._session

    async def __aenter__(self) -> Self:
        self._session = await self._cm.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Leaving the block without an exception commits; an exception rolls back.
        await self._cm.__aexit__(exc_type, exc, tb)
        self._session = None

    def emit(self, payload: Message, *, school_id: UUID | None = None) -> UUID:
        """Record an event to be published once this unit of work commits; returns its id.

        The subject comes from the payload's `(tabel.events.v1.subject)` option."""
        envelope = make_envelope(
            subject_of(payload),
            payload,
            source=self.source,
            school_id=school_id if school_id is not None else self.school_id,
            actor=self.actor,
        )
        add_to_outbox(self.session, envelope)
        return UUID(envelope.id)
