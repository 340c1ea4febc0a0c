"""Tables of other services' data roster keeps as projections (fed by their events)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    Table,
    Text,
    Uuid,
)

from tabel_roster.adapters.tables import metadata

access_grants = Table(
    "access_grants",
    metadata,
    Column("grant_id", Uuid, primary_key=True),
    Column("school_id", Uuid, nullable=False),
    Column("subject", Text, nullable=False),
    Column("account_id", Uuid, nullable=False),
    Column("person_id", Uuid),
    Column("role", Text, nullable=False),
    Column("scope_kind", Text, nullable=False),
    Column("scope_id", Uuid),
    Column("expires_at", DateTime(timezone=True)),
)

role_rights = Table(
    "role_rights",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("role", Text, primary_key=True),
    Column("effective", ARRAY(Text), nullable=False),
)

person_rights = Table(
    "person_rights",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("subject", Text, primary_key=True),
    Column("person_id", Uuid),
    Column("added", ARRAY(Text), nullable=False),
    Column("removed", ARRAY(Text), nullable=False),
)

academic_years = Table(
    "academic_years",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("school_id", Uuid, nullable=False),
    Column("start_year", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
)

terms = Table(
    "terms",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("school_id", Uuid, nullable=False),
    Column("academic_year_id", Uuid, nullable=False),
    Column("kind", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("grade_levels", ARRAY(Integer), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("closed", Boolean, nullable=False),
)
