"""Writes of a lesson's entries notify their lessons, not only their school.

Migration 0003 made every journal table notify `tabel_journal_changes` with the writing
transaction's school, and every journal process voided that school's cached diary weeks. On
a school day teachers save all the time, so the cache of a whole school was voided many
times a second. Now marks, attendance, lesson records and homework notify
`<school>:<lesson>,<lesson>…` (the lessons of the rows the statement wrote, from its
transition table), and a process voids only the weeks that show those lessons
(adapters/write_watch.py). A statement touching more than MAX_LESSONS lessons, or run
across all schools, still notifies the school (or `*`). The history and the stored
idempotency answers are read by no cache: they no longer notify at all.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHANNEL = "tabel_journal_changes"
ENTRIES = ("marks", "attendance", "lesson_records", "homework")
SILENT = ("history", "idempotency_keys")
MAX_LESSONS = 150  # 37 characters each: well under NOTIFY's 8,000-byte payload
EVENTS = {"inserted": ("INSERT", "NEW"), "updated": ("UPDATE", "NEW"), "deleted": ("DELETE", "OLD")}


def upgrade() -> None:
    op.execute(f"""CREATE FUNCTION tabel_journal_lessons_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          school text := CASE WHEN tabel_all_schools() THEN '*'
                              ELSE coalesce(tabel_current_school()::text, '*') END;
          n integer;
          lessons text;
        BEGIN
          SELECT count(DISTINCT lesson_id), string_agg(DISTINCT lesson_id::text, ',')
            INTO n, lessons FROM changed;
          IF n = 0 THEN
            RETURN NULL;
          ELSIF school = '*' OR n > {MAX_LESSONS} THEN
            PERFORM pg_notify('{CHANNEL}', school);
          ELSE
            PERFORM pg_notify('{CHANNEL}', school || ':' || lessons);
          END IF;
          RETURN NULL;
        END $$""")  # noqa: S608 - the constants of this module
    for table in ENTRIES:
        op.execute(f"DROP TRIGGER {table}_changed ON {table}")
        for name, (what, rows) in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {table}_{name} AFTER {what} ON {table} "
                f"REFERENCING {rows} TABLE AS changed "
                "FOR EACH STATEMENT EXECUTE FUNCTION tabel_journal_lessons_changed()"
            )
        op.execute(
            f"CREATE TRIGGER {table}_truncated AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION tabel_journal_changed()"
        )
    for table in SILENT:
        op.execute(f"DROP TRIGGER {table}_changed ON {table}")


def downgrade() -> None:
    for table in (*ENTRIES, *SILENT):
        for name in (*EVENTS, "truncated"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION tabel_journal_changed()"
        )
    op.execute("DROP FUNCTION tabel_journal_lessons_changed()")
