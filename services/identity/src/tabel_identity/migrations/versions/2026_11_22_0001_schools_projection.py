"""Platform tables and the projection of roster's schools.

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
            school_id uuid PRIMARY KEY,
            municipality_id uuid NOT NULL,
            name text NOT NULL,
            short_name text NOT NULL,
            domains text[] NOT NULL,
            status text NOT NULL,
            updated_at timestamptz NOT NULL
        )"""
    )
    enable_tenant_rls("schools")


def downgrade() -> None:
    op.execute("DROP TABLE schools")
    drop_platform_tables()
