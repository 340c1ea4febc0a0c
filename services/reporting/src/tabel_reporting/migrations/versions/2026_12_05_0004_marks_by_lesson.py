"""Marks found by their lesson: a cancelled or restored lesson recounts the results its marks
are in, and the cancelled-lesson test in every average looks marks up by lesson too.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX marks_lesson ON marks (school_id, lesson_id)")


def downgrade() -> None:
    op.execute("DROP INDEX marks_lesson")
