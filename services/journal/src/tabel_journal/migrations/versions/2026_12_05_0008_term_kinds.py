"""The journal's projection of schedule's terms keeps their kind and grade levels.

`kind` is schedule's term kind (`quarter`, `trimester`, `half_year`) and `grade_levels` the
grade levels the term is for, both as schedule's AcademicYearCreated and TermClosed carry
them. Rows projected before this migration get NULL in both: unknown, not "none" — the
journal cannot tell them from its own rows, so final marks fall back for them to what they
did before (a half-year told by its length, any grade accepted) until schedule's next event
of the term (its closing, or a replay of the stream) fills them in.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE terms ADD COLUMN kind text "
        "CHECK (kind IN ('quarter', 'trimester', 'half_year'))"
    )
    op.execute("ALTER TABLE terms ADD COLUMN grade_levels integer[]")


def downgrade() -> None:
    op.execute("ALTER TABLE terms DROP COLUMN grade_levels")
    op.execute("ALTER TABLE terms DROP COLUMN kind")
