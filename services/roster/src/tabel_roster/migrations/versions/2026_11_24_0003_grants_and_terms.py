"""Projections fed by events: identity's role grants and rights (who may do what in roster),
schedule's academic years and terms (OneRoster academicSessions).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op

from tabel_platform.db.rls import disable_tenant_rls, enable_tenant_rls

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# No foreign key to schools: events of a school may arrive before roster knows it.
TENANT_TABLES = ("access_grants", "role_rights", "person_rights", "academic_years", "terms")

STATEMENTS = (
    """CREATE TABLE access_grants (
        grant_id uuid PRIMARY KEY,
        school_id uuid NOT NULL,
        subject text NOT NULL,
        account_id uuid NOT NULL,
        person_id uuid,
        role text NOT NULL,
        scope_kind text NOT NULL DEFAULT '',
        scope_id uuid,
        expires_at timestamptz
    )""",
    "CREATE INDEX access_grants_subject ON access_grants (school_id, subject)",
    # The role's effective permissions where the school changed the defaults (seed 003, III.4).
    """CREATE TABLE role_rights (
        school_id uuid NOT NULL,
        role text NOT NULL,
        effective text[] NOT NULL,
        PRIMARY KEY (school_id, role)
    )""",
    # A person's own widening or narrowing (seed 003, III.5).
    """CREATE TABLE person_rights (
        school_id uuid NOT NULL,
        subject text NOT NULL,
        person_id uuid,
        added text[] NOT NULL,
        removed text[] NOT NULL,
        PRIMARY KEY (school_id, subject)
    )""",
    """CREATE TABLE academic_years (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL,
        start_year integer NOT NULL,
        name text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL
    )""",
    """CREATE TABLE terms (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL,
        academic_year_id uuid NOT NULL,
        kind integer NOT NULL,
        number integer NOT NULL,
        grade_levels integer[] NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        closed boolean NOT NULL DEFAULT false
    )""",
    "CREATE INDEX terms_year ON terms (school_id, academic_year_id)",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)
    for table in TENANT_TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    for table in reversed(TENANT_TABLES):
        disable_tenant_rls(table)
        op.execute(f"DROP TABLE {table}")
