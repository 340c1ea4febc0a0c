"""gRPC channels to other services: bearer token, default deadline, request id.

A service authenticates as itself with the client-credentials grant through
python-keycloak, which speaks to a Keycloak realm and to the embedded provider alike
(it serves the same paths).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
import structlog
from keycloak import KeycloakOpenID

TokenSource = Callable[[], Awaitable[str]]


class ClientCredentials:
    """Caches this service's access token and renews it shortly before expiry."""

    def __init__(self, *, issuer: str, client_id: str, client_secret: str) -> None:
        server_url, _, realm = issuer.rstrip("/").rpartition("/realms/")
        self._oidc = KeycloakOpenID(
            server_url=server_url + "/",
            realm_name=realm,
            client_id=client_id,
            client_secret_key=client_secret,
        )
        self._token = ""
        self._expires_at = 0.0

    async def __call__(self) -> str:
        if time.monotonic() > self._expires_at - 30:
            answer: dict[str, Any] = await self._oidc.a_token(grant_type="client_credentials")
            self._token = str(answer["access_token"])
            self._expires_at = time.monotonic() + float(answer.get("expires_in", 60))
        return self._token


class _ClientInterceptor(grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[type-arg]
    def __init__(self, tokens: TokenSource | None, default_timeout: float) -> None:
        self._tokens = tokens
        self._timeout = default_timeout

    async def intercept_unary_unary(
        self, continuation: Callable[..., Any], details: grpc.aio.ClientCallDetails, request: Any
    ) -> Any:
        metadata = list(details.metadata or ())
        if self._tokens is not None and not any(k == "authorization" for k, _ in metadata):
            metadata.append(("authorization", f"Bearer {await self._tokens()}"))
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id:
            metadata.append(("x-request-id", str(request_id)))
        details = grpc.aio.ClientCallDetails(
            details.method,
            details.timeout if details.timeout is not None else self._timeout,
            grpc.aio.Metadata(*metadata),
            details.credentials,
            details.wait_for_ready,
        )
        return await continuation(details, request)


def create_channel(
    target: str, *, tokens: TokenSource | None = None, default_timeout: float = 5.0
) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(
        target,
        interceptors=[_ClientInterceptor(tokens, default_timeout)],  # type: ignore[list-item]
    )
