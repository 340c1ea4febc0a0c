"""Journal's events into the read models."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2 as env_pb
from tabel.journal.v1 import events_pb2 as ev
from tabel.journal.v1 import marks_pb2
from tabel_platform.events.envelope import event_time
from tabel_reporting.adapters import journal_projection as jp
from tabel_reporting.adapters import progress_cells as cells
from tabel_reporting.adapters.proto_values import uuid_or_none


async def _refresh(s: AsyncSession, school_id: str, student: str, subject: str, term: str) -> None:
    keys = [uuid_or_none(v) for v in (school_id, student, subject, term)]
    if None not in keys:
        school, who, what, when = keys
        assert school and who and what and when
        await cells.refresh_result(s, school_id=school, student=who, subject=what, term=when)


async def _refresh_mark(s: AsyncSession, m: marks_pb2.Mark) -> None:
    await _refresh(s, m.school_id, m.student_id, m.subject_id, m.term_id)


async def _mark_recorded(s: AsyncSession, e: ev.MarkRecorded, env: env_pb.Envelope) -> None:
    await jp.mark(s, e.mark, event_time(env))
    await jp.recompute_result(s, e.mark)
    await _refresh_mark(s, e.mark)


async def _mark_changed(s: AsyncSession, e: ev.MarkChanged, env: env_pb.Envelope) -> None:
    await jp.mark(s, e.mark, event_time(env))
    await jp.recompute_result(s, e.mark)
    if e.HasField("previous"):  # it may have moved to another subject or term
        await jp.recompute_result(s, e.previous)
        await _refresh_mark(s, e.previous)
    await _refresh_mark(s, e.mark)


async def _mark_deleted(s: AsyncSession, e: ev.MarkDeleted, env: env_pb.Envelope) -> None:
    await jp.mark(s, e.mark, event_time(env), deleted=True)
    await jp.recompute_result(s, e.mark)
    await _refresh_mark(s, e.mark)


async def _lesson_saved(s: AsyncSession, e: ev.LessonJournalSaved, env: env_pb.Envelope) -> None:
    """A whole save: each part into its read model, then each student's result in each
    subject and term it touched refreshed once."""
    at = event_time(env)
    touched: dict[tuple[str, str, str, str], marks_pb2.Mark] = {}

    def touch(m: marks_pb2.Mark) -> None:
        touched.setdefault((m.school_id, m.student_id, m.subject_id, m.term_id), m)

    for recorded in e.marks_recorded:
        await jp.mark(s, recorded.mark, at)
        touch(recorded.mark)
    for changed in e.marks_changed:
        await jp.mark(s, changed.mark, at)
        touch(changed.mark)
        if changed.HasField("previous"):
            touch(changed.previous)
    for deleted in e.marks_deleted:
        await jp.mark(s, deleted.mark, at, deleted=True)
        touch(deleted.mark)
    for entry in e.attendance:
        await jp.attendance(s, entry.entry, at)
    if e.HasField("record"):
        await jp.lesson_record(s, e.record.record, at)
    for mark in touched.values():
        await jp.recompute_result(s, mark)
        await _refresh_mark(s, mark)


def actions_in(payload: Any) -> dict[str, int] | None:
    """The user actions a lesson save stands for (for the activity report), by kind."""
    if not isinstance(payload, ev.LessonJournalSaved):
        return None
    counts = {
        "mark.recorded": len(payload.marks_recorded),
        "mark.changed": len(payload.marks_changed),
        "mark.deleted": len(payload.marks_deleted),
        "attendance.recorded": len(payload.attendance),
        "lesson_record.updated": int(payload.HasField("record")),
    }
    return {action: n for action, n in counts.items() if n}


async def _attendance(s: AsyncSession, e: ev.AttendanceRecorded, env: env_pb.Envelope) -> None:
    await jp.attendance(s, e.entry, event_time(env))


async def _final_mark(s: AsyncSession, e: ev.FinalMarkSet, env: env_pb.Envelope) -> None:
    await jp.final_mark(s, e.final_mark, event_time(env))
    f = e.final_mark
    if f.kind == marks_pb2.FINAL_MARK_KIND_TERM:
        await _refresh(s, f.school_id, f.student_id, f.subject_id, f.term_id)


async def _final_mark_deleted(
    s: AsyncSession, e: ev.FinalMarkDeleted, env: env_pb.Envelope
) -> None:
    """The mark drops out of the read models; a term's progress falls back to its marks."""
    await jp.forget_final_mark(s, e.final_mark, event_time(env))
    f = e.final_mark
    if f.kind == marks_pb2.FINAL_MARK_KIND_TERM:
        await _refresh(s, f.school_id, f.student_id, f.subject_id, f.term_id)


async def _lesson_record(s: AsyncSession, e: ev.LessonRecordUpdated, env: env_pb.Envelope) -> None:
    await jp.lesson_record(s, e.record, event_time(env))


async def _homework(s: AsyncSession, e: ev.HomeworkAssigned, env: env_pb.Envelope) -> None:
    await jp.homework(s, e.homework, event_time(env))


HANDLERS: dict[type[Any], Any] = {
    ev.MarkRecorded: _mark_recorded,
    ev.MarkChanged: _mark_changed,
    ev.MarkDeleted: _mark_deleted,
    ev.AttendanceRecorded: _attendance,
    ev.FinalMarkSet: _final_mark,
    ev.FinalMarkDeleted: _final_mark_deleted,
    ev.LessonRecordUpdated: _lesson_record,
    ev.HomeworkAssigned: _homework,
    ev.LessonJournalSaved: _lesson_saved,
}
