"""Timeliness of lesson topics, of taking attendance and of final marks (seeds 002/004).

`lesson_records.on_time`: the topic was entered on the lesson's day (seed 004 3.2.3);
`attendance_taken_at` / `attendance_on_time`: when attendance was first taken for the lesson
and whether on its day (seed 002 2.5) — a lesson where everyone was present stores no
attendance row, so without these "not taken" looked like "all present";
`final_marks.on_time`: set by the last day of its period (seed 002 2.6).

Rows from before this migration get NULL: unknown, not late.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from alembic import op

revision = "0009"
down_revision = "0008"
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
