"""Tables every service has: the outbox of events to publish and the inbox of events consumed.

Neither is tenant data a user reads, so neither has row-level security: the relay and
consumers work across schools.
"""

from __future__ import annotations

from alembic import op

from tabel_platform.db.rls import create_tenancy_functions

# One statement per string: asyncpg prepares statements and refuses several at once.
_DDL = (
    """CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        school_id uuid,
        envelope bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz
    )""",
    "CREATE INDEX outbox_unpublished ON outbox (created_at, id) WHERE published_at IS NULL",
    "CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL",
    # Wake the relay at commit instead of making it poll; one notification per statement.
    """CREATE OR REPLACE FUNCTION tabel_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN PERFORM pg_notify('tabel_outbox', ''); RETURN NULL; END $$""",
    """CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
       FOR EACH STATEMENT EXECUTE FUNCTION tabel_outbox_notify()""",
    """CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, event_id)
    )""",
)


def create_platform_tables() -> None:
    """Call from a service's first migration."""
    create_tenancy_functions()
    for statement in _DDL:
        op.execute(statement)


def drop_platform_tables() -> None:
    op.execute("DROP TABLE IF EXISTS inbox")
    op.execute("DROP TABLE IF EXISTS outbox")
    op.execute("DROP FUNCTION IF EXISTS tabel_outbox_notify()")
