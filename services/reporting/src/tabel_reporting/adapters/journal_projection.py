"""Journal's marks, attendance, final marks, lesson records and homework.

`subject_results` (per student, subject and term: count, weighted sum, special marks) is
recomputed from `marks` after every mark event of that student, subject and term, and after
a lesson of theirs is cancelled or takes place again, so it is always what the marks and
lessons say, whatever order they arrived in.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.journal.v1 import attendance_pb2, homework_pb2, lessons_pb2, marks_pb2
from tabel_reporting.adapters.proto_values import date_or_none, time_or_none, uuid_or_none
from tabel_reporting.adapters.upsert import upsert_newest
from tabel_reporting.domain.marks import FIVE_POINT_SQL

_RECOMPUTE = text(
    f"""INSERT INTO subject_results
        (school_id, student_id, subject_id, term_id, marks, sum_weighted, sum_weights, specials)
    SELECT school_id, student_id, subject_id, term_id,
        count(*) FILTER (WHERE {FIVE_POINT_SQL}),
        coalesce(sum(weight * value::integer) FILTER (WHERE {FIVE_POINT_SQL}), 0),
        coalesce(sum(weight) FILTER (WHERE {FIVE_POINT_SQL}), 0),
        coalesce(array_agg(DISTINCT value ORDER BY value)
                 FILTER (WHERE NOT ({FIVE_POINT_SQL})), '{{}}')
    FROM marks
    WHERE student_id = :student AND subject_id = :subject AND term_id = :term AND NOT deleted
      AND NOT EXISTS (SELECT 1 FROM lessons l
                      WHERE l.lesson_id = marks.lesson_id AND l.cancelled)
    GROUP BY school_id, student_id, subject_id, term_id
    ON CONFLICT (student_id, subject_id, term_id) DO UPDATE SET
        marks = EXCLUDED.marks, sum_weighted = EXCLUDED.sum_weighted,
        sum_weights = EXCLUDED.sum_weights, specials = EXCLUDED.specials
    RETURNING 1"""  # noqa: S608 - a constant of this module
)
_FORGET = text(
    "DELETE FROM subject_results "
    "WHERE student_id = :student AND subject_id = :subject AND term_id = :term"
)


async def mark(
    session: AsyncSession, value: marks_pb2.Mark, at: datetime, *, deleted: bool = False
) -> None:
    day = date_or_none(value.date)
    subject = uuid_or_none(value.subject_id)
    if day is None or subject is None:
        return
    await upsert_newest(
        session,
        "marks",
        ["mark_id"],
        {
            "mark_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "student_id": UUID(value.student_id),
            "lesson_id": uuid_or_none(value.lesson_id),
            "subject_id": subject,
            "term_id": uuid_or_none(value.term_id),
            "date": day,
            "value": value.value.strip(),
            "scale_code": value.scale_code or _scale_code(value.scale),
            "weight": value.weight if value.weight > 0 else 1,
            "work_type": value.work_type,
            "teacher_id": uuid_or_none(value.teacher_id),
            "recorded_at": time_or_none(value.recorded_at),
            "on_time": value.on_time,
            "deleted": deleted,
            "event_at": at,
        },
    )


async def recompute_result(session: AsyncSession, value: marks_pb2.Mark) -> None:
    """Refresh the student's result in the mark's subject and term (skip marks without)."""
    student, subject = uuid_or_none(value.student_id), uuid_or_none(value.subject_id)
    term = uuid_or_none(value.term_id)
    if student and subject and term:
        await recompute(session, student=student, subject=subject, term=term)


async def recompute(session: AsyncSession, *, student: UUID, subject: UUID, term: UUID) -> None:
    """The student's result in the subject and term from their marks. Marks of a cancelled
    lesson count in nothing (the lesson did not take place; the journal's diary and final
    mark suggestions leave them out too); one of a lesson not projected yet counts until
    the lesson's cancellation arrives and recomputes it (`results_of_lesson`)."""
    keys = {"student": student, "subject": subject, "term": term}
    if (await session.execute(_RECOMPUTE, keys)).first() is None:
        await session.execute(_FORGET, keys)


_OF_LESSON = text(
    "SELECT DISTINCT student_id, subject_id, term_id FROM marks "
    "WHERE school_id = :school AND lesson_id = :lesson AND term_id IS NOT NULL AND NOT deleted"
)


async def results_of_lesson(
    session: AsyncSession, *, school_id: UUID, lesson_id: UUID
) -> list[tuple[UUID, UUID, UUID]]:
    """(student, subject, term) of the results the lesson's marks count in."""
    rows = await session.execute(_OF_LESSON, {"school": school_id, "lesson": lesson_id})
    return [(r.student_id, r.subject_id, r.term_id) for r in rows]


def _scale_code(scale: int) -> str:
    return {1: "five_point", 2: "pass_fail"}.get(scale, "five_point")


async def attendance(
    session: AsyncSession, entry: attendance_pb2.AttendanceEntry, at: datetime
) -> None:
    day = date_or_none(entry.date)
    if day is None:
        return
    await upsert_newest(
        session,
        "attendance",
        ["lesson_id", "student_id"],
        {
            "lesson_id": UUID(entry.lesson_id),
            "student_id": UUID(entry.student_id),
            "school_id": UUID(entry.school_id),
            "subject_id": uuid_or_none(entry.subject_id),
            "term_id": uuid_or_none(entry.term_id),
            "date": day,
            "status": int(entry.status),
            "late_minutes": entry.late_minutes,
            "note": entry.note,
            "recorded_by": uuid_or_none(entry.recorded_by),
            "on_time": entry.on_time,
            "event_at": at,
        },
    )


_DELETED_SINCE = text(
    "SELECT 1 FROM final_mark_tombstones WHERE student_id = :student AND subject_id = :subject "
    "AND kind = :kind AND period_id = :period AND event_at > :at"
)


async def final_mark(session: AsyncSession, value: marks_pb2.FinalMark, at: datetime) -> None:
    """The final mark, unless it was deleted by a newer event."""
    period = uuid_or_none(value.term_id) or uuid_or_none(value.academic_year_id)
    subject = uuid_or_none(value.subject_id)
    if period is None or subject is None:
        return
    keys = {"student": UUID(value.student_id), "subject": subject, "kind": int(value.kind)}
    if (await session.execute(_DELETED_SINCE, {**keys, "period": period, "at": at})).first():
        return
    await upsert_newest(
        session,
        "final_marks",
        ["student_id", "subject_id", "kind", "period_id"],
        {
            "student_id": UUID(value.student_id),
            "subject_id": subject,
            "kind": int(value.kind),
            "period_id": period,
            "school_id": UUID(value.school_id),
            "academic_year_id": uuid_or_none(value.academic_year_id),
            "term_id": uuid_or_none(value.term_id),
            "value": value.value.strip(),
            "teacher_id": uuid_or_none(value.teacher_id),
            "set_at": time_or_none(value.set_at),
            "on_time": value.on_time if value.HasField("on_time") else None,
            "event_at": at,
        },
    )


_FORGET_FINAL = text(
    "DELETE FROM final_marks WHERE student_id = :student AND subject_id = :subject "
    "AND kind = :kind AND period_id = :period AND event_at <= :at"
)


async def forget_final_mark(
    session: AsyncSession, value: marks_pb2.FinalMark, at: datetime
) -> None:
    """A deleted final mark: its row goes (unless a newer event set the mark again), and a
    tombstone keeps the deletion's time, so an older set delivered later stays ignored."""
    period = uuid_or_none(value.term_id) or uuid_or_none(value.academic_year_id)
    subject = uuid_or_none(value.subject_id)
    if period is None or subject is None:
        return
    keys = {"student": UUID(value.student_id), "subject": subject, "kind": int(value.kind)}
    await session.execute(_FORGET_FINAL, {**keys, "period": period, "at": at})
    await upsert_newest(
        session,
        "final_mark_tombstones",
        ["student_id", "subject_id", "kind", "period_id"],
        {
            "student_id": keys["student"], "subject_id": subject, "kind": keys["kind"],
            "period_id": period, "school_id": UUID(value.school_id), "event_at": at,
        },
    )  # fmt: skip


async def lesson_record(
    session: AsyncSession, record: lessons_pb2.LessonRecord, at: datetime
) -> None:
    await upsert_newest(
        session,
        "lesson_records",
        ["lesson_id"],
        {
            "lesson_id": UUID(record.lesson_id),
            "school_id": UUID(record.school_id),
            "subject_id": uuid_or_none(record.subject_id),
            "term_id": uuid_or_none(record.term_id),
            "date": date_or_none(record.date),
            "topic": record.topic,
            "work_types": list(record.work_types),
            "teacher_id": uuid_or_none(record.teacher_id),
            # Unset in events of older streams: unknown, not late.
            "on_time": record.on_time if record.HasField("on_time") else None,
            "attendance_taken_at": time_or_none(record.attendance_taken_at)
            if record.HasField("attendance_taken_at")
            else None,
            "attendance_on_time": record.attendance_on_time
            if record.HasField("attendance_on_time")
            else None,
            "event_at": at,
        },
    )


async def homework(session: AsyncSession, value: homework_pb2.Homework, at: datetime) -> None:
    await upsert_newest(
        session,
        "homework",
        ["homework_id"],
        {
            "homework_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "subject_id": uuid_or_none(value.subject_id),
            "lesson_id": uuid_or_none(value.lesson_id),
            "assigned_on": date_or_none(value.assigned_on),
            "due_on": date_or_none(value.due_on),
            "text": value.text,
            "teacher_id": uuid_or_none(value.teacher_id),
            "on_time": value.on_time,
            "event_at": at,
        },
    )
