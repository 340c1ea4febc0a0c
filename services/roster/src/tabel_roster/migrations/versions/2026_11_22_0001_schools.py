"""Platform tables, schools and their domains.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from alembic import op

from tabel_platform.db.platform_tables import create_platform_tables, drop_platform_tables
from tabel_platform.db.rls import enable_tenant_rls

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_platform_tables()
    op.execute(
        """CREATE TABLE schools (
            id uuid PRIMARY KEY,
            school_id uuid NOT NULL CHECK (school_id = id),
            municipality_id uuid NOT NULL,
            name text NOT NULL,
            short_name text NOT NULL,
            time_zone text NOT NULL,
            grade_levels integer[] NOT NULL,
            school_week_days integer NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        )"""
    )
    op.execute(
        """CREATE TABLE school_domains (
            domain text PRIMARY KEY,
            school_id uuid NOT NULL REFERENCES schools (id),
            is_primary integer NOT NULL
        )"""
    )
    op.execute("CREATE INDEX school_domains_school ON school_domains (school_id)")
    enable_tenant_rls("schools")
    enable_tenant_rls("school_domains")


def downgrade() -> None:
    op.execute("DROP TABLE school_domains")
    op.execute("DROP TABLE schools")
    drop_platform_tables()
