"""A deleted final mark stays as a tombstone (`deleted`), as marks and homework do.

Its row keeps the id its history is filed under, so the history of a student's final marks
in a subject is found through the rows (deleted ones too), and a mark set again after a
deletion goes on with the same id and the next version.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE final_marks ADD COLUMN deleted boolean NOT NULL DEFAULT false")


def downgrade() -> None:
    op.execute("SET LOCAL tabel.all_schools = 'on'")  # every school's rows, under forced RLS
    op.execute("DELETE FROM final_marks WHERE deleted")
    op.execute("ALTER TABLE final_marks DROP COLUMN deleted")
