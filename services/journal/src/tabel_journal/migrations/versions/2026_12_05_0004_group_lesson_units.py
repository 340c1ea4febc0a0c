"""A group lesson is indexed for the diary under its groups only.

Earlier its classes were indexed too, so every student of the class saw both groups'
lessons (and class-wide homework of the other group). The projection now writes only the
groups (adapters/projections.save_lesson); this removes the class rows already written.

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
    op.execute("SET LOCAL tabel.all_schools = 'on'")  # every school's rows, under forced RLS
    op.execute("""DELETE FROM lesson_units u USING lessons l
        WHERE l.school_id = u.school_id AND l.lesson_id = u.lesson_id
          AND cardinality(l.study_group_ids) > 0 AND u.unit_id = ANY(l.class_ids)""")


def downgrade() -> None:
    op.execute("SET LOCAL tabel.all_schools = 'on'")
    op.execute("""INSERT INTO lesson_units (school_id, unit_id, date, lesson_id)
        SELECT l.school_id, c, l.date, l.lesson_id FROM lessons l, unnest(l.class_ids) c
         WHERE cardinality(l.study_group_ids) > 0
        ON CONFLICT DO NOTHING""")
