"""Identity's domain values as the contract's messages (tabel.identity.v1) and back."""

from __future__ import annotations

from uuid import UUID

from google.protobuf.timestamp_pb2 import Timestamp

from tabel.identity.v1 import grants_pb2
from tabel_identity.domain.grants import Grant, Scope, ScopeKind
from tabel_identity.domain.permissions import Role


def role_message(role: Role) -> grants_pb2.Role.ValueType:
    return grants_pb2.Role.Value(f"ROLE_{role.value.upper()}")


def role_from_message(value: int) -> Role | None:
    if value == grants_pb2.ROLE_UNSPECIFIED or value not in grants_pb2.Role.values():
        return None
    return Role(grants_pb2.Role.Name(value).removeprefix("ROLE_").lower())  # type: ignore[arg-type]


def scope_message(scope: Scope | None) -> grants_pb2.Scope | None:
    if scope is None:
        return None
    kind = grants_pb2.ScopeKind.Value(f"SCOPE_KIND_{scope.kind.value.upper()}")
    return grants_pb2.Scope(kind=kind, id=str(scope.id) if scope.id else "")


def scope_from_message(scope: grants_pb2.Scope) -> Scope | None:
    """None for an unset scope; raises ValueError for a malformed one."""
    if scope.kind == grants_pb2.SCOPE_KIND_UNSPECIFIED:
        if scope.id:
            raise ValueError("scope id without kind")
        return None
    name = grants_pb2.ScopeKind.Name(scope.kind).removeprefix("SCOPE_KIND_").lower()
    return Scope(ScopeKind(name), UUID(scope.id) if scope.id else None)


def _ts(value: object) -> Timestamp | None:
    if value is None:
        return None
    ts = Timestamp()
    ts.FromDatetime(value)  # type: ignore[arg-type]
    return ts


def grant_message(grant: Grant) -> grants_pb2.Grant:
    return grants_pb2.Grant(
        id=str(grant.id),
        account_id=str(grant.account_id),
        subject=grant.subject,
        person_id=str(grant.person_id) if grant.person_id else "",
        school_id=str(grant.school_id) if grant.school_id else "",
        role=role_message(grant.role),
        scope=scope_message(grant.scope),
        granted_at=_ts(grant.granted_at),
        granted_by=str(grant.granted_by) if grant.granted_by else "",
        expires_at=_ts(grant.expires_at),
    )
