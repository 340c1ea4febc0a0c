"""Schedule's copies of others' data (SQLAlchemy Core), fed by events: roster's classes,
study groups, memberships, people and guardianships; identity's grants; the journal's
"this lesson has entries"."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, Text, Uuid
from sqlalchemy.dialects.postgresql import ARRAY

from tabel_schedule.adapters.tables import _id, _table

classes = _table("classes", _id(), Column("name", Text), Column("grade_level", Integer))

study_groups = _table("study_groups", _id(), Column("class_id", Uuid), Column("name", Text))

memberships = _table(
    "memberships",
    _id(),
    Column("person_id", Uuid),
    Column("class_id", Uuid),
    Column("study_group_id", Uuid),
    Column("starts_on", Date),
    Column("ends_on", Date),
)

lessons_with_entries = _table("lessons_with_entries", Column("lesson_id", Uuid, primary_key=True))

people = _table(
    "people",
    _id(),
    Column("kinds", ARRAY(Text)),
    Column("positions", ARRAY(Text)),
    Column("last_name", Text),
    Column("first_name", Text),
    Column("middle_name", Text),
)

guardianships = _table(
    "guardianships", _id(), Column("guardian_id", Uuid), Column("student_id", Uuid)
)

grants = _table(
    "grants",
    _id(),
    Column("person_id", Uuid),
    Column("role", Text),
    Column("scope_kind", Text),
    Column("scope_id", Uuid),
    Column("expires_at", DateTime(timezone=True)),
)
