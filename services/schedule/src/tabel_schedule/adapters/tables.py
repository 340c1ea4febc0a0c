"""Schedule's tables (SQLAlchemy Core); the schema itself is made by the migrations."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    Time,
    Uuid,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData()


def _table(name: str, *columns: Column) -> Table:  # type: ignore[type-arg]
    return Table(name, metadata, Column("school_id", Uuid, nullable=False), *columns)


def _id() -> Column:  # type: ignore[type-arg]
    return Column("id", Uuid, primary_key=True)


UUIDS = ARRAY(Uuid)

academic_years = _table(
    "academic_years",
    _id(),
    Column("start_year", Integer),
    Column("name", Text),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("time_zone", Text),
)
terms = _table(
    "terms",
    _id(),
    Column("academic_year_id", Uuid),
    Column("kind", Text),
    Column("number", Integer),
    Column("grade_levels", ARRAY(Integer)),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("closed", Boolean),
    Column("closed_at", DateTime(timezone=True)),
    Column("closed_by", Text),
)
holidays = _table(
    "holidays",
    _id(),
    Column("academic_year_id", Uuid),
    Column("name", Text),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("grade_levels", ARRAY(Integer)),
)
bell_schedules = _table(
    "bell_schedules",
    _id(),
    Column("name", Text),
    Column("shift", Integer),
    Column("shortened", Boolean),
    Column("periods", JSONB),
)
shortened_days = _table(
    "shortened_days",
    Column("day", Date, primary_key=True),
    Column("shift", Integer, primary_key=True),
    Column("bell_schedule_id", Uuid),
)
buildings = _table("buildings", _id(), Column("name", Text), Column("address", Text))
rooms = _table(
    "rooms",
    _id(),
    Column("building_id", Uuid),
    Column("name", Text),
    Column("capacity", Integer),
)
subjects = _table("subjects", _id(), Column("name", Text), Column("short_name", Text))
teaching_assignments = _table(
    "teaching_assignments",
    _id(),
    Column("academic_year_id", Uuid),
    Column("teacher_id", Uuid),
    Column("subject_id", Uuid),
    Column("class_id", Uuid),
    Column("study_group_id", Uuid),
    Column("weekly_hours", Numeric(5, 2, asdecimal=False)),
)
timetable_entries = _table(
    "timetable_entries",
    _id(),
    Column("academic_year_id", Uuid),
    Column("weekday", Integer),
    Column("shift", Integer),
    Column("period", Integer),
    Column("starts", Time),
    Column("ends", Time),
    Column("weeks", Text),
    Column("subject_id", Uuid),
    Column("teacher_id", Uuid),
    Column("class_ids", UUIDS),
    Column("study_group_ids", UUIDS),
    Column("room_id", Uuid),
    Column("teaching_assignment_id", Uuid),
    Column("valid_from", Date),
    Column("valid_to", Date),
)
lessons = _table(
    "lessons",
    _id(),
    Column("timetable_entry_id", Uuid),
    Column("day", Date),
    Column("period", Integer),
    Column("starts_at", DateTime(timezone=True)),
    Column("ends_at", DateTime(timezone=True)),
    Column("subject_id", Uuid),
    Column("teacher_id", Uuid),
    Column("class_ids", UUIDS),
    Column("study_group_ids", UUIDS),
    Column("room_id", Uuid),
    Column("term_id", Uuid),
    Column("teaching_assignment_id", Uuid),
    Column("status", Text),
    Column("substitute_teacher_id", Uuid),
    Column("changes", ARRAY(Text)),
    Column("original_day", Date),
    Column("original_period", Integer),
    Column("note", Text),
)
substitutions = _table(
    "substitutions",
    _id(),
    Column("lesson_id", Uuid),
    Column("kind", Text),
    Column("before", JSONB),
    Column("after", JSONB),
    Column("reason", Text),
    Column("made_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
)
calendar_feeds = _table(
    "calendar_feeds",
    _id(),
    Column("person_id", Uuid),
    Column("token_hash", Text),
    Column("created_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)
