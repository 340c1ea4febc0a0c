"""Schedule's academic years, terms and dated lessons."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.schedule.v1 import calendar_pb2, lessons_pb2
from tabel_reporting.adapters.proto_values import date_or_none, uuid_or_none, uuids
from tabel_reporting.adapters.upsert import upsert_newest


async def academic_year(
    session: AsyncSession, value: calendar_pb2.AcademicYear, at: datetime
) -> None:
    await upsert_newest(
        session,
        "academic_years",
        ["academic_year_id"],
        {
            "academic_year_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "start_year": value.start_year,
            "name": value.name,
            "starts_on": date_or_none(value.starts_on),
            "ends_on": date_or_none(value.ends_on),
            "event_at": at,
        },
    )


async def term(session: AsyncSession, value: calendar_pb2.Term, at: datetime) -> None:
    await upsert_newest(
        session,
        "terms",
        ["term_id"],
        {
            "term_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "academic_year_id": uuid_or_none(value.academic_year_id),
            "kind": int(value.kind),
            "number": value.number,
            "grade_levels": list(value.grade_levels),
            "starts_on": date_or_none(value.starts_on),
            "ends_on": date_or_none(value.ends_on),
            "closed": value.closed,
            "event_at": at,
        },
    )


_CANCELLED = text("SELECT cancelled FROM lessons WHERE lesson_id = :l")


async def lesson(session: AsyncSession, value: lessons_pb2.Lesson, at: datetime) -> bool:
    """Keep the lesson; True when whether it is cancelled changed (a lesson not seen before
    counts as held), so the results its marks count in are to be recomputed."""
    if date_or_none(value.date) is None:  # not a dated lesson: nothing a report can place
        return False
    key = {"l": UUID(value.id)}
    before = bool((await session.execute(_CANCELLED, key)).scalar_one_or_none())
    await upsert_newest(
        session,
        "lessons",
        ["lesson_id"],
        {
            "lesson_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "date": date_or_none(value.date),
            "period": value.period,
            "subject_id": uuid_or_none(value.subject.id),
            "subject_name": value.subject.name,
            "teacher_id": uuid_or_none(value.teacher_id),
            "substitute_teacher_id": uuid_or_none(value.substitute_teacher_id),
            "class_ids": uuids(value.class_ids),
            "study_group_ids": uuids(value.study_group_ids),
            "term_id": uuid_or_none(value.term_id),
            "cancelled": value.status == lessons_pb2.LESSON_STATUS_CANCELLED,
            "event_at": at,
        },
    )
    return before != bool((await session.execute(_CANCELLED, key)).scalar_one())


_NAME = text("SELECT name_key FROM subjects WHERE subject_id = :s")


async def subject(
    session: AsyncSession, value: lessons_pb2.Subject, school_id: str, at: datetime
) -> bool:
    """Keep the subject's name; True when what it is filed under (its name) changed."""
    if not value.id or not value.name:
        return False
    before = (await session.execute(_NAME, {"s": UUID(value.id)})).scalar_one_or_none()
    await upsert_newest(
        session,
        "subjects",
        ["subject_id"],
        {
            "subject_id": UUID(value.id),
            "school_id": UUID(school_id),
            "name": value.name,
            "name_key": name_key(value.name),
            "event_at": at,
        },
    )
    after = (await session.execute(_NAME, {"s": UUID(value.id)})).scalar_one_or_none()
    return before != after


def name_key(name: str) -> str:
    """What cross-school reports group a subject by: its name, case and spaces aside."""
    return " ".join(name.split()).lower()
