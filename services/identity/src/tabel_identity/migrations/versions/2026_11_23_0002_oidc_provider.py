"""The embedded OIDC provider: accounts, clients, signing keys, sessions, codes.

None of these tables has row-level security: they carry no school_id. An account spans
schools and a login happens before a school is chosen; what an account may do in a school
is decided by that school's grants in the owning services.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TABLES = (
    """CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        realm text NOT NULL,
        username text NOT NULL,
        password_hash text,
        person_id uuid,
        school_ids uuid[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        must_change_password boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0,
        first_failed_at timestamptz,
        locked_until timestamptz,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz
    )""",
    "CREATE UNIQUE INDEX accounts_realm_username ON accounts (realm, lower(username))",
    "CREATE INDEX accounts_person ON accounts (person_id) WHERE person_id IS NOT NULL",
    "CREATE INDEX accounts_schools ON accounts USING gin (school_ids)",
    """CREATE TABLE oauth_clients (
        realm text NOT NULL,
        client_id text NOT NULL,
        secret_hash text,
        grant_types text[] NOT NULL,
        redirect_uris text[] NOT NULL DEFAULT '{}',
        post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (realm, client_id)
    )""",
    """CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        realm text NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        retired_at timestamptz
    )""",
    """CREATE TABLE login_sessions (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        client_id text NOT NULL,
        auth_time timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
    )""",
    "CREATE INDEX login_sessions_account ON login_sessions (account_id) WHERE ended_at IS NULL",
    """CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES login_sessions (id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        client_id text NOT NULL,
        scope text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
    )""",
    "CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)",
    """CREATE TABLE authorization_codes (
        code_hash text PRIMARY KEY,
        client_id text NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        session_id uuid NOT NULL,
        redirect_uri text,
        scope text NOT NULL,
        nonce text,
        code_challenge text,
        code_challenge_method text,
        auth_time timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
    )""",
    """CREATE TABLE password_change_tickets (
        ticket_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
    )""",
)


def upgrade() -> None:
    for statement in _TABLES:
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "password_change_tickets",
        "authorization_codes",
        "refresh_tokens",
        "login_sessions",
        "signing_keys",
        "oauth_clients",
        "accounts",
    ):
        op.execute(f"DROP TABLE {table}")
