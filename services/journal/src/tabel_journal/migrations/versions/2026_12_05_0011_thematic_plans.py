"""Thematic plans (календарно-тематическое планирование, seed 002 2.7): per academic year,
class or study group and subject, numbered topics with planned hours; a lesson's record may
name the plan item it covers (`lesson_records.plan_item_id`). The new tables wake every
journal process on a write as every journal table does (0003).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = {
    "thematic_plans": """school_id uuid NOT NULL, plan_id uuid NOT NULL,
        academic_year_id uuid NOT NULL, class_id uuid, study_group_id uuid,
        subject_id uuid NOT NULL, version int NOT NULL, updated_at timestamptz NOT NULL,
        updated_by uuid, PRIMARY KEY (school_id, plan_id),
        CHECK ((class_id IS NULL) <> (study_group_id IS NULL))""",
    "thematic_plan_items": """school_id uuid NOT NULL, item_id uuid NOT NULL,
        plan_id uuid NOT NULL, number int NOT NULL, topic text NOT NULL,
        hours int NOT NULL DEFAULT 1, PRIMARY KEY (school_id, item_id),
        UNIQUE (school_id, plan_id, number)""",
}


def upgrade() -> None:
    for table, columns in TABLES.items():
        op.execute(f"CREATE TABLE {table} ({columns})")
        enable_tenant_rls(table)
        op.execute(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION tabel_journal_changed()"
        )
    # One plan per unit, subject and year.
    op.execute(
        "CREATE UNIQUE INDEX thematic_plans_unit ON thematic_plans "
        "(school_id, academic_year_id, subject_id, coalesce(study_group_id, class_id))"
    )
    op.execute("ALTER TABLE lesson_records ADD COLUMN plan_item_id uuid")
    op.execute(
        "CREATE INDEX lesson_records_plan_item ON lesson_records (school_id, plan_item_id) "
        "WHERE plan_item_id IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX lesson_records_plan_item")
    op.execute("ALTER TABLE lesson_records DROP COLUMN plan_item_id")
    for table in reversed(list(TABLES)):
        op.execute(f"DROP TABLE {table}")  # its trigger goes with it
