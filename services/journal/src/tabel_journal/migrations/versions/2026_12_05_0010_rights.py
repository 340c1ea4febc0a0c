"""Identity's rights as the journal keeps them (seed 003 III.4-5): a role's effective
permissions in a school once the administrator changed them (no row: identity's defaults,
`domain/rights.DEFAULTS`), and what was given to or taken from one person. Only the
journal./diary./homework. permissions are kept. A change wakes every journal process as
any other projection's write does (0003), so no cached answer outlives the rights it used.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = {
    "role_rights": """school_id uuid NOT NULL, role text NOT NULL,
        permissions text[] NOT NULL DEFAULT '{}', PRIMARY KEY (school_id, role)""",
    "person_rights": """school_id uuid NOT NULL, person_id uuid NOT NULL,
        added text[] NOT NULL DEFAULT '{}', removed text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (school_id, person_id)""",
}


def upgrade() -> None:
    for table, columns in TABLES.items():
        op.execute(f"CREATE TABLE {table} ({columns})")
        enable_tenant_rls(table)
        op.execute(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION tabel_journal_changed()"
        )


def downgrade() -> None:
    for table in reversed(list(TABLES)):
        op.execute(f"DROP TABLE {table}")  # its trigger goes with it
