"""Every committed write to a journal table notifies `tabel_journal_changes` with its school.

The payload is the transaction's school (the row-level security setting, so every row the
statement could touch belongs to it), or `*` when the transaction spans all schools. NOTIFY
is delivered on commit, never for a rollback, and a transaction's repeated notifications are
sent once. Each journal process listens and voids its caches of that school
(adapters/change_listener.py). A table added later gets the same trigger (a test checks).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHANNEL = "tabel_journal_changes"
# Every table but the platform's outbox and inbox (the relay's and consumers' bookkeeping).
TABLES = (
    "grants",
    "people",
    "classes",
    "memberships",
    "guardianships",
    "class_teachers",
    "teaching_assignments",
    "terms",
    "lessons",
    "lesson_units",
    "settings",
    "lesson_records",
    "marks",
    "attendance",
    "homework",
    "submissions",
    "submission_log",
    "final_marks",
    "closed_term_permits",
    "history",
    "idempotency_keys",
    "attachments",
)


def upgrade() -> None:
    op.execute(f"""CREATE FUNCTION tabel_journal_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('{CHANNEL}', CASE WHEN tabel_all_schools() THEN '*'
                                  ELSE coalesce(tabel_current_school()::text, '*') END);
          RETURN NULL;
        END $$""")
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION tabel_journal_changed()"
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_changed ON {table}")
    op.execute("DROP FUNCTION tabel_journal_changed()")
