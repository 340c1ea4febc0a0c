"""Deleted final marks remembered with the time of their deletion.

A deleted final mark's row goes from `final_marks`; without a trace of when, an older
`FinalMarkSet` delivered after the `FinalMarkDeleted` (redelivery, a replay out of order)
brought it back. A tombstone keeps the deletion's `event_at`, and a set no newer than it is
ignored, as every other read model ignores events older than its row.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""CREATE TABLE final_mark_tombstones (
        student_id uuid NOT NULL, subject_id uuid NOT NULL, kind integer NOT NULL,
        period_id uuid NOT NULL, school_id uuid NOT NULL, event_at timestamptz NOT NULL,
        PRIMARY KEY (student_id, subject_id, kind, period_id))""")
    enable_tenant_rls("final_mark_tombstones")


def downgrade() -> None:
    op.execute("DROP TABLE final_mark_tombstones")
