"""Roster's schools, municipalities, people, classes and memberships, as reporting needs them.

Of a person only the name and kind are kept: reports print names; nothing else personal
is needed, so nothing else is copied (a municipal analyst never sees even these).
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.roster.v1 import classes_pb2, people_pb2, schools_pb2
from tabel_reporting.adapters.proto_values import date_or_none, uuid_or_none
from tabel_reporting.adapters.upsert import upsert_newest


async def school(session: AsyncSession, value: schools_pb2.School, at: datetime) -> None:
    await upsert_newest(
        session,
        "schools",
        ["school_id"],
        {
            "school_id": UUID(value.id),
            "municipality_id": UUID(value.municipality_id),
            "name": value.name,
            "short_name": value.short_name,
            "event_at": at,
        },
    )


async def municipality(
    session: AsyncSession, value: schools_pb2.Municipality, at: datetime
) -> None:
    await upsert_newest(
        session,
        "municipalities",
        ["municipality_id"],
        {
            "municipality_id": UUID(value.id),
            "name": value.name,
            "oktmo": value.oktmo,
            "event_at": at,
        },
    )


async def person(session: AsyncSession, value: people_pb2.Person, at: datetime) -> None:
    await upsert_newest(
        session,
        "people",
        ["person_id"],
        {
            "person_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "last_name": value.name.last_name,
            "first_name": value.name.first_name,
            "middle_name": value.name.middle_name,
            "is_student": people_pb2.PERSON_KIND_STUDENT in value.kinds,
            "is_staff": people_pb2.PERSON_KIND_STAFF in value.kinds,
            "event_at": at,
        },
    )


async def school_class(session: AsyncSession, value: classes_pb2.SchoolClass, at: datetime) -> None:
    await upsert_newest(
        session,
        "classes",
        ["class_id"],
        {
            "class_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "academic_year_start": value.academic_year_start,
            "grade_level": value.grade_level,
            "name": value.name,
            "class_teacher_id": uuid_or_none(value.class_teacher_id),
            "event_at": at,
        },
    )


_ASSIGN_TEACHER = text(
    "UPDATE classes SET class_teacher_id = :teacher, event_at = :at "
    "WHERE class_id = :class_id AND event_at <= :at"
)


async def class_teacher(
    session: AsyncSession, class_id: str, teacher_id: str, at: datetime
) -> None:
    await session.execute(
        _ASSIGN_TEACHER,
        {"class_id": UUID(class_id), "teacher": uuid_or_none(teacher_id), "at": at},
    )


async def membership(session: AsyncSession, value: classes_pb2.Membership, at: datetime) -> None:
    unit = value.WhichOneof("unit")
    await upsert_newest(
        session,
        "memberships",
        ["membership_id"],
        {
            "membership_id": UUID(value.id),
            "school_id": UUID(value.school_id),
            "person_id": UUID(value.person_id),
            "class_id": uuid_or_none(value.class_id) if unit == "class_id" else None,
            "study_group_id": (
                uuid_or_none(value.study_group_id) if unit == "study_group_id" else None
            ),
            "starts_on": date_or_none(value.starts_on),
            "ends_on": date_or_none(value.ends_on),
            "event_at": at,
        },
    )


_MEMBERS = text("SELECT DISTINCT person_id FROM memberships WHERE class_id = :c ORDER BY 1")


async def members(session: AsyncSession, class_id: UUID) -> list[UUID]:
    """Everyone ever in the class (for refreshing what depends on their class)."""
    return list((await session.execute(_MEMBERS, {"c": class_id})).scalars())
