"""Roster's tables (SQLAlchemy Core); the schema itself is made by the migrations."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    Uuid,
    func,
)

metadata = MetaData()


def _tenant() -> Column[object]:
    return Column("school_id", Uuid, nullable=False)


municipalities = Table(
    "municipalities",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", Text, nullable=False),
    Column("oktmo", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

schools = Table(
    "schools",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),  # = id; the tenant key every table carries
    Column("municipality_id", Uuid, nullable=False),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=False),
    Column("time_zone", Text, nullable=False),
    Column("grade_levels", ARRAY(Integer), nullable=False),
    Column("school_week_days", Integer, nullable=False),
    Column("grading_scale", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), server_default=func.now()),
)

school_domains = Table(
    "school_domains",
    metadata,
    Column("domain", Text, primary_key=True),
    _tenant(),
    Column("is_primary", Integer, nullable=False),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("middle_name", Text, nullable=False),
    Column("kinds", ARRAY(Text), nullable=False),
    Column("consent", Integer, nullable=False),
    Column("birth_date", Date),
    Column("sex", Integer, nullable=False),
    Column("email", Text),
    Column("phone", Text),
    Column("snils", Text),
    Column("document", Text),
    Column("address", Text),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), server_default=func.now()),
)

consents = Table(
    "consents",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("person_id", Uuid, nullable=False),
    Column("status", Integer, nullable=False),
    Column("given_by", Text, nullable=False),
    Column("given_by_person_id", Uuid),
    Column("scope", ARRAY(Text), nullable=False),
    Column("document_ref", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), server_default=func.now()),
)

personal_data_log = Table(
    "personal_data_log",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    _tenant(),
    Column("person_id", Uuid, nullable=False),
    Column("action", Text, nullable=False),
    Column("fields", ARRAY(Text), nullable=False),
    Column("actor_subject", Text, nullable=False),
    Column("actor_person_id", Uuid),
    Column("at", DateTime(timezone=True), server_default=func.now()),
)

staff_positions = Table(
    "staff_positions",
    metadata,
    _tenant(),
    Column("person_id", Uuid, primary_key=True),
    Column("position", Text, primary_key=True),
)

guardianships = Table(
    "guardianships",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("guardian_id", Uuid, nullable=False),
    Column("student_id", Uuid, nullable=False),
    Column("relation", Integer, nullable=False),
    Column("added_at", DateTime(timezone=True), server_default=func.now()),
    Column("removed_at", DateTime(timezone=True)),
    Column("removal_reason", Text, nullable=False, server_default=""),
)

classes = Table(
    "classes",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("academic_year_start", Integer, nullable=False),
    Column("grade_level", Integer, nullable=False),
    Column("letter", Text, nullable=False),
    Column("class_teacher_id", Uuid),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

class_teacher_history = Table(
    "class_teacher_history",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    _tenant(),
    Column("class_id", Uuid, nullable=False),
    Column("teacher_id", Uuid),
    Column("starts_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), server_default=func.now()),
)

study_groups = Table(
    "study_groups",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("class_id", Uuid),
    Column("academic_year_start", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("person_id", Uuid, nullable=False),
    Column("class_id", Uuid),
    Column("study_group_id", Uuid),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date),
)

enrolment_movements = Table(
    "enrolment_movements",
    metadata,
    Column("id", Uuid, primary_key=True),
    _tenant(),
    Column("student_id", Uuid, nullable=False),
    Column("kind", Integer, nullable=False),
    Column("from_class_id", Uuid),
    Column("to_class_id", Uuid),
    Column("effective_on", Date, nullable=False),
    Column("order_number", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("counterpart_school", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), server_default=func.now()),
)

import_keys = Table(
    "import_keys",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("entity", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("entity_id", Uuid, nullable=False),
)
