"""Who closed a term and when (a closed term is locked).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE terms ADD COLUMN closed_at timestamptz, ADD COLUMN closed_by text")


def downgrade() -> None:
    op.execute("ALTER TABLE terms DROP COLUMN closed_at, DROP COLUMN closed_by")
