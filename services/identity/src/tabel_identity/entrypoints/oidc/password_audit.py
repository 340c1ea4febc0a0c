"""The audit of logins through the token endpoint's password grant (tabel-cli, scripts):
the outcome is read off the answer Authlib gave, so every refusal path is covered."""

from __future__ import annotations

import base64
import binascii
import json
from urllib.parse import unquote

from fastapi import Request
from starlette.responses import Response

from tabel_identity.entrypoints.actors import source_of
from tabel_identity.service_layer.login_audit import record_login
from tabel_identity.wiring import runtime_of

# error_description of PasswordGrant's refusals -> the audit's reason
_REASONS = (
    ("locked", "account_locked"),
    ("must be changed", "password_change_required"),
    ("Invalid user credentials", "invalid_credentials"),
)


async def audit_password_grant(request: Request, username: str, response: Response) -> None:
    ok = response.status_code == 200
    reason = "password_grant"
    if not ok:
        try:
            body = json.loads(bytes(response.body))
        except ValueError:
            body = {}
        if body.get("error") != "invalid_grant":
            return  # the client, not a person's password, was refused: no login attempt
        description = str(body.get("error_description", ""))
        reason = next((r for text, r in _REASONS if text in description), "invalid_grant")
    await record_login(
        runtime=runtime_of(request), username=username, ok=ok, reason=reason,
        source=source_of(request), method="password", client_id=await _client_id(request),
    )  # fmt: skip


async def _client_id(request: Request) -> str:
    """The client as it authenticated: HTTP Basic (client_secret_basic) or the form."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            return unquote(base64.b64decode(value).decode().partition(":")[0])
        except (binascii.Error, UnicodeDecodeError):
            return ""
    client_id = (await request.form()).get("client_id", "")  # parsed once, cached
    return client_id if isinstance(client_id, str) else ""
