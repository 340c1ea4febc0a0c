"""Identity's tables (SQLAlchemy Core); the schema itself is made by the migrations.

Accounts, clients, keys and sessions carry no `school_id` and no row-level security: an
account spans schools (a teacher works in two, a parent has children in several) and a
login happens before any school is chosen. The tenancy of what an account may do lives in
the owning services' grants, which are school-scoped.
"""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

# Identity's projection of roster's schools: what it needs to onboard and log in to them.
schools = Table(
    "schools",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("municipality_id", Uuid, nullable=False),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=False),
    Column("domains", ARRAY(Text), nullable=False),
    Column("status", Text, nullable=False),  # pending_activation | active
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("realm", Text, nullable=False),
    Column("username", Text, nullable=False),  # unique per realm, case-insensitively
    Column("password_hash", Text),  # argon2id; NULL: no local password
    Column("person_id", Uuid),
    Column("school_ids", ARRAY(Uuid), nullable=False),
    Column("roles", ARRAY(Text), nullable=False),
    Column("must_change_password", Boolean, nullable=False),
    Column("failed_attempts", Integer, nullable=False),
    Column("first_failed_at", DateTime(timezone=True)),
    Column("locked_until", DateTime(timezone=True)),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_changed_at", DateTime(timezone=True)),
)

oauth_clients = Table(
    "oauth_clients",
    metadata,
    Column("realm", Text, primary_key=True),
    Column("client_id", Text, primary_key=True),
    Column("secret_hash", Text),  # argon2id; NULL: a public client
    Column("grant_types", ARRAY(Text), nullable=False),
    Column("redirect_uris", ARRAY(Text), nullable=False),
    Column("post_logout_redirect_uris", ARRAY(Text), nullable=False),
    Column("roles", ARRAY(Text), nullable=False),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("kid", Text, primary_key=True),
    Column("realm", Text, nullable=False),
    Column("private_jwk", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
)

login_sessions = Table(
    "login_sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("client_id", Text, nullable=False),
    Column("auth_time", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", Text, primary_key=True),
    Column("session_id", Uuid, ForeignKey("login_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("account_id", Uuid, nullable=False),
    Column("client_id", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

authorization_codes = Table(
    "authorization_codes",
    metadata,
    Column("code_hash", Text, primary_key=True),
    Column("client_id", Text, nullable=False),
    Column("account_id", Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", Uuid, nullable=False),
    Column("redirect_uri", Text),
    Column("scope", Text, nullable=False),
    Column("nonce", Text),
    Column("code_challenge", Text),
    Column("code_challenge_method", Text),
    Column("auth_time", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

password_change_tickets = Table(
    "password_change_tickets",
    metadata,
    Column("ticket_hash", Text, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
