"""Attendance remembers that the class teacher corrected its absence reason (seed 002 2.9).

A subject teacher's later save of the lesson keeps such a row as corrected instead of
writing back what their page showed before the correction. The flag lives on the row, so
the save reads it with the lesson's state it loads anyway (no extra statement).

Rows whose newest version is a correction made before this migration are found by the note
the correction writes when the class teacher gives none; one with a note of its own is not.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

DEFAULT_NOTE = "Корректировка причины пропуска классным руководителем"


def upgrade() -> None:
    op.execute("ALTER TABLE attendance ADD COLUMN reason_corrected boolean NOT NULL DEFAULT false")
    op.execute("SET LOCAL tabel.all_schools = 'on'")  # every school's rows, under forced RLS
    # The row's newest version is the class teacher's correction (not one reverted since).
    op.execute(
        sa.text("""UPDATE attendance a SET reason_corrected = true
            WHERE (SELECT h.reason FROM history h
                    WHERE h.school_id = a.school_id AND h.entity = 'attendance'
                      AND h.entity_id = a.lesson_id::text || '/' || a.student_id::text
                    ORDER BY h.version DESC LIMIT 1) = :note""").bindparams(note=DEFAULT_NOTE)
    )


def downgrade() -> None:
    op.execute("ALTER TABLE attendance DROP COLUMN reason_corrected")
