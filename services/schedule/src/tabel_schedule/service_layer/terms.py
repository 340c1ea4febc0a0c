"""Closing a term (учебный период): from then on it is locked.

The journal takes TermClosed and locks the term's entries; corrections there need a
permit from management and a reason (seed 002, 4.1; DESIGN.md). Reopening is not offered:
the seeds know no such step — at the end of each term the journal is printed, bound and
kept (seed 004, 3.2.4), so a closed term stays closed and its fixes go through the journal.
"""

from __future__ import annotations

from uuid import UUID

from tabel.schedule.v1 import events_pb2
from tabel_platform.errors import Conflict, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import calendar_repo
from tabel_schedule.domain.calendar import AcademicYear, Term
from tabel_schedule.domain.events import term_message


async def close_term(
    *, runtime: Runtime, school_id: UUID, term_id: UUID, actor: Actor
) -> tuple[Term, AcademicYear]:
    """Locks the term and emits TermClosed in the same transaction; a second close is a 409."""
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        found = await calendar_repo.term(s, term_id, lock=True)
        if found is None:
            raise NotFound("schedule.term_not_found", code="term_not_found")
        term, year_id = found
        if term.closed:
            closed_on = term.closed_at.date().strftime("%d.%m.%Y") if term.closed_at else ""
            raise Conflict(
                "schedule.term_already_closed",
                code="term_already_closed",
                number=term.number,
                closed_on=closed_on,
            )
        await calendar_repo.close_term(s, term_id, by=actor.person_id or actor.subject)
        year = await calendar_repo.get(s, year_id)
        assert year is not None  # the term's year: a foreign key
        closed = next(t for t in year.terms if t.id == term_id)
        uow.emit(events_pb2.TermClosed(term=term_message(closed, year)))
    return closed, year
