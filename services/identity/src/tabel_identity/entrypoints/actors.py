"""Who acts and from where, for use cases and the audit log."""

from __future__ import annotations

from fastapi import Request

from tabel_identity.adapters.audit_repo import Source
from tabel_identity.service_layer.authorization import Actor
from tabel_platform.auth.principal import Principal


def source_of(request: Request) -> Source:
    return Source(
        ip=request.client.host if request.client else "",
        user_agent=request.headers.get("user-agent", ""),
    )


def actor_of(request: Request, principal: Principal) -> Actor:
    source = source_of(request)
    return Actor(subject=principal.subject, ip=source.ip, user_agent=source.user_agent)
