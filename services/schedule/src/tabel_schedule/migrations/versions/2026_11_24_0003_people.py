"""Projections of roster's people (who is staff) and guardianships (whose child is whose).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = {
    "people": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, kinds text[] NOT NULL,
        positions text[] NOT NULL, last_name text NOT NULL, first_name text NOT NULL,
        middle_name text NOT NULL""",
    "guardianships": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, guardian_id uuid NOT NULL,
        student_id uuid NOT NULL""",
}


def upgrade() -> None:
    for name, columns in TABLES.items():
        op.execute(f"CREATE TABLE {name} ({columns})")
        enable_tenant_rls(name)
    op.execute("CREATE INDEX guardianships_guardian ON guardianships (school_id, guardian_id)")


def downgrade() -> None:
    for name in reversed(list(TABLES)):
        op.execute(f"DROP TABLE {name}")
