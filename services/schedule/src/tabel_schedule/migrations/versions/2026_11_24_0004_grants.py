"""Projection of identity's role grants: the roles each person holds in the school.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """CREATE TABLE grants (
        id uuid PRIMARY KEY, school_id uuid NOT NULL, person_id uuid NOT NULL,
        role text NOT NULL, scope_kind text NOT NULL, scope_id uuid, expires_at timestamptz)"""
    )
    enable_tenant_rls("grants")
    op.execute("CREATE INDEX grants_person ON grants (school_id, person_id)")


def downgrade() -> None:
    op.execute("DROP TABLE grants")
