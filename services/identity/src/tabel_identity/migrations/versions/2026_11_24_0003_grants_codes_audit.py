"""Grants and rights, activation and invitation codes, roster projections, audit.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "role_rights",
    "person_rights",
    "activation_codes",
    "invitations",
    "people",
    "classes",
    "memberships",
    "guardianships",
    "audit_log",
)

STATEMENTS = (
    "ALTER TABLE accounts ADD COLUMN display_name text NOT NULL DEFAULT ''",
    "ALTER TABLE accounts ADD COLUMN email text NOT NULL DEFAULT ''",
    """CREATE TABLE grants (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        subject text NOT NULL,
        person_id uuid,
        school_id uuid,
        role text NOT NULL,
        scope_kind text,
        scope_id uuid,
        granted_at timestamptz NOT NULL,
        granted_by uuid,
        expires_at timestamptz,
        revoked_at timestamptz
    )""",
    "CREATE INDEX grants_subject ON grants (subject) WHERE revoked_at IS NULL",
    "CREATE INDEX grants_school ON grants (school_id, role) WHERE revoked_at IS NULL",
    # One live grant of a role per account, school and scope.
    """CREATE UNIQUE INDEX grants_unique_live ON grants (account_id,
        coalesce(school_id, '00000000-0000-0000-0000-000000000000'), role,
        coalesce(scope_kind, ''), coalesce(scope_id, '00000000-0000-0000-0000-000000000000'))
        WHERE revoked_at IS NULL""",
    """CREATE TABLE role_rights (
        school_id uuid NOT NULL, role text NOT NULL, permission text NOT NULL,
        effect text NOT NULL CHECK (effect IN ('add', 'remove')),
        PRIMARY KEY (school_id, role, permission)
    )""",
    """CREATE TABLE person_rights (
        school_id uuid NOT NULL, account_id uuid NOT NULL, permission text NOT NULL,
        effect text NOT NULL CHECK (effect IN ('add', 'remove')),
        PRIMARY KEY (school_id, account_id, permission)
    )""",
    """CREATE TABLE activation_codes (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL,
        code_hash text NOT NULL UNIQUE,
        issued_by uuid,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        used_at timestamptz,
        used_by uuid
    )""",
    """CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL,
        person_id uuid NOT NULL,
        role text NOT NULL,
        scope_kind text,
        scope_id uuid,
        code_hash text NOT NULL UNIQUE,
        issued_by uuid,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        used_at timestamptz,
        used_by uuid
    )""",
    """CREATE TABLE code_failures (
        id bigserial PRIMARY KEY, source text NOT NULL, school_id uuid,
        at timestamptz NOT NULL
    )""",
    "CREATE INDEX code_failures_source ON code_failures (source, at)",
    "CREATE INDEX code_failures_school ON code_failures (school_id, at)",
    """CREATE TABLE people (
        school_id uuid NOT NULL, person_id uuid NOT NULL,
        last_name text NOT NULL, first_name text NOT NULL, middle_name text NOT NULL,
        kinds text[] NOT NULL, email text NOT NULL,
        PRIMARY KEY (school_id, person_id)
    )""",
    """CREATE TABLE classes (
        school_id uuid NOT NULL, class_id uuid NOT NULL, name text NOT NULL,
        PRIMARY KEY (school_id, class_id)
    )""",
    """CREATE TABLE memberships (
        school_id uuid NOT NULL, membership_id uuid NOT NULL, person_id uuid NOT NULL,
        unit_id uuid NOT NULL, ended boolean NOT NULL,
        PRIMARY KEY (school_id, membership_id)
    )""",
    "CREATE INDEX memberships_person ON memberships (school_id, person_id)",
    "CREATE INDEX memberships_unit ON memberships (school_id, unit_id)",
    """CREATE TABLE guardianships (
        school_id uuid NOT NULL, guardianship_id uuid NOT NULL,
        guardian_id uuid NOT NULL, student_id uuid NOT NULL, removed boolean NOT NULL,
        PRIMARY KEY (school_id, guardianship_id)
    )""",
    "CREATE INDEX guardianships_guardian ON guardianships (school_id, guardian_id)",
    "CREATE INDEX guardianships_student ON guardianships (school_id, student_id)",
    """CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        school_id uuid,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        outcome text NOT NULL,
        actor_account_id uuid,
        username text NOT NULL,
        ip text NOT NULL,
        user_agent text NOT NULL,
        details jsonb NOT NULL
    )""",
    "CREATE INDEX audit_log_school_at ON audit_log (school_id, at DESC)",
)

# Platform grants (no school) are visible in every transaction; school grants only in
# their school's (or an explicitly all-schools) transaction.
_GRANTS_POLICY = (
    "(school_id IS NULL OR school_id = (SELECT tabel_current_school())"
    " OR (SELECT tabel_all_schools()))"
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)
    for table in TENANT_TABLES:
        enable_tenant_rls(table)
    op.execute("ALTER TABLE grants ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE grants FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY grants_tenant ON grants USING {_GRANTS_POLICY} WITH CHECK {_GRANTS_POLICY}"
    )


def downgrade() -> None:
    for table in ("grants", "code_failures", *TENANT_TABLES):
        op.execute(f"DROP TABLE {table}")
    op.execute("ALTER TABLE accounts DROP COLUMN display_name, DROP COLUMN email")
