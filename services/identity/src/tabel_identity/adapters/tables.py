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
    Column("display_name", Text, nullable=False),
    Column("email", Text, nullable=False),
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
    Column("scopes", ARRAY(Text), nullable=False),
    Column("school_ids", ARRAY(Uuid), nullable=False),
)

# Clients a school registered for itself (OneRoster): who, when, revoked; the credential
# itself is the `oauth_clients` row of the same client_id (deleted on revocation).
school_clients = Table(
    "school_clients",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("client_id", Text, primary_key=True),
    Column("realm", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("scopes", ARRAY(Text), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Uuid),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_by", Uuid),
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

# Role grants. School grants carry the school (row-level security); platform grants (region
# operator, municipal analyst) have none and are visible in every school's transactions.
grants = Table(
    "grants",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("subject", Text, nullable=False),
    Column("person_id", Uuid),
    Column("school_id", Uuid),
    Column("role", Text, nullable=False),
    Column("scope_kind", Text),
    Column("scope_id", Uuid),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("granted_by", Uuid),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

# A school's deviations from the defaults: per role, and per person (account).
role_rights = Table(
    "role_rights",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("role", Text, primary_key=True),
    Column("permission", Text, primary_key=True),
    Column("effect", Text, nullable=False),  # add | remove
)
person_rights = Table(
    "person_rights",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("account_id", Uuid, primary_key=True),
    Column("permission", Text, primary_key=True),
    Column("effect", Text, nullable=False),
)

activation_codes = Table(
    "activation_codes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("school_id", Uuid, nullable=False),
    Column("code_hash", Text, nullable=False, unique=True),
    Column("issued_by", Uuid),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("used_at", DateTime(timezone=True)),
    Column("used_by", Uuid),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("school_id", Uuid, nullable=False),
    Column("person_id", Uuid, nullable=False),
    Column("role", Text, nullable=False),
    Column("scope_kind", Text),
    Column("scope_id", Uuid),
    Column("code_hash", Text, nullable=False, unique=True),
    Column("issued_by", Uuid),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("used_at", DateTime(timezone=True)),
    Column("used_by", Uuid),
)

# Wrong code guesses, per source address and per school (shared by all replicas).
code_failures = Table(
    "code_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("school_id", Uuid),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Projections of roster: people, classes, memberships, guardianships.
people = Table(
    "people",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("person_id", Uuid, primary_key=True),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("middle_name", Text, nullable=False),
    Column("kinds", ARRAY(Text), nullable=False),
    Column("email", Text, nullable=False),
)
classes = Table(
    "classes",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("class_id", Uuid, primary_key=True),
    Column("name", Text, nullable=False),
)
memberships = Table(
    "memberships",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("membership_id", Uuid, primary_key=True),
    Column("person_id", Uuid, nullable=False),
    Column("unit_id", Uuid, nullable=False),  # a class or a study group
    Column("ended", Boolean, nullable=False),
)
guardianships = Table(
    "guardianships",
    metadata,
    Column("school_id", Uuid, primary_key=True),
    Column("guardianship_id", Uuid, primary_key=True),
    Column("guardian_id", Uuid, nullable=False),
    Column("student_id", Uuid, nullable=False),
    Column("removed", Boolean, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("school_id", Uuid),  # NULL: not tied to a school (e.g. an unknown username)
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", Text, nullable=False),
    Column("outcome", Text, nullable=False),  # ok | refused
    Column("actor_account_id", Uuid),
    Column("username", Text, nullable=False),
    Column("ip", Text, nullable=False),
    Column("user_agent", Text, nullable=False),
    Column("details", JSONB, nullable=False),
)
