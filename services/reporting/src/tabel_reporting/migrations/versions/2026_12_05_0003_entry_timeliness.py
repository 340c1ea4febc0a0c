"""Timeliness of topics, of taking attendance and of final marks, as the journal's events
carry them (journal migration 0009): `lesson_records.on_time` (the topic on the lesson's
day), `attendance_taken_at` / `attendance_on_time` (attendance taken, and on the lesson's
day), `final_marks.on_time` (by the last day of the period).

NULL is unknown — rows projected before, and events of older streams without these fields —
and counts neither as on time nor as late.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE lesson_records ADD COLUMN on_time boolean, "
        "ADD COLUMN attendance_taken_at timestamptz, ADD COLUMN attendance_on_time boolean"
    )
    op.execute("ALTER TABLE final_marks ADD COLUMN on_time boolean")


def downgrade() -> None:
    op.execute("ALTER TABLE final_marks DROP COLUMN on_time")
    op.execute(
        "ALTER TABLE lesson_records DROP COLUMN attendance_on_time, "
        "DROP COLUMN attendance_taken_at, DROP COLUMN on_time"
    )
