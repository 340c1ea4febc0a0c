"""Roster's tables (SQLAlchemy Core); the schema itself is made by the migrations."""

from __future__ import annotations

from sqlalchemy import ARRAY, Column, DateTime, Integer, MetaData, Table, Text, Uuid, func

metadata = MetaData()

schools = Table(
    "schools",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("school_id", Uuid, nullable=False),  # = id; the tenant key every table carries
    Column("municipality_id", Uuid, nullable=False),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=False),
    Column("time_zone", Text, nullable=False),
    Column("grade_levels", ARRAY(Integer), nullable=False),
    Column("school_week_days", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

school_domains = Table(
    "school_domains",
    metadata,
    Column("domain", Text, primary_key=True),
    Column("school_id", Uuid, nullable=False),
    Column("is_primary", Integer, nullable=False),
)
