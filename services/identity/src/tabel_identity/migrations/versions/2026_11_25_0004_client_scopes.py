"""Clients carry allowed scopes and schools; schools register their own (OneRoster) clients.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STATEMENTS = (
    "ALTER TABLE oauth_clients ADD COLUMN scopes text[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE oauth_clients ADD COLUMN school_ids uuid[] NOT NULL DEFAULT '{}'",
    """CREATE TABLE school_clients (
        school_id uuid NOT NULL,
        client_id text NOT NULL,
        realm text NOT NULL,
        name text NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        PRIMARY KEY (school_id, client_id)
    )""",
    "CREATE UNIQUE INDEX school_clients_client ON school_clients (realm, client_id)",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)
    enable_tenant_rls("school_clients")


def downgrade() -> None:
    op.execute("DROP TABLE school_clients")
    op.execute("ALTER TABLE oauth_clients DROP COLUMN scopes, DROP COLUMN school_ids")
