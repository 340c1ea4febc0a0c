"""A service refuses, on HTTP and on gRPC alike, any access token that is not a valid one
of a trusted issuer for its audience. Tokens come from the real embedded OIDC provider;
the bad ones are signed with its real key (so only the claim under test is wrong) or with a
foreign key (a bad signature).
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc
from tabel_identity.adapters.signing import KeyRing
from tabel_identity.service_layer.keys import active_key
from tabel_identity.wiring import identity_of
from tabel_platform.testing import ServiceHandle, serve_in_process
from tabel_roster.bootstrap import SPEC as ROSTER

PASSWORD = "Korrektnyj-parol-2026"


@pytest.fixture
async def roster(
    make_database: Any, nats_server: Any, oidc_provider: Any
) -> AsyncIterator[ServiceHandle]:
    async with serve_in_process(
        ROSTER,
        database_url=await make_database(migrations=ROSTER.migrations),
        nats_url=nats_server.url,
        oidc_issuers=oidc_provider.issuer,
        oidc_audience=oidc_provider.audience,
    ) as handle:
        yield handle


async def signed_by_provider(oidc_provider: Any, valid_token: str, **changes: Any) -> str:
    """The claims of a valid token with `changes`, signed with the provider's own key."""
    payload = valid_token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    key = await active_key(identity_of(oidc_provider.handle.runtime))
    assert key is not None
    return KeyRing().sign(key, claims)


def tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = str(uuid.uuid4())
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


async def http_status(roster: ServiceHandle, token: str | None) -> int:
    headers = {"authorization": f"Bearer {token}"} if token is not None else {}
    async with httpx.AsyncClient(base_url=roster.http_url) as client:
        r = await client.get(f"/v1/schools/{uuid.uuid4()}", headers=headers)
    if r.status_code == 401:
        assert r.json()["code"] in {"unauthenticated", "token_invalid"}
        assert r.headers["www-authenticate"] == "Bearer"
    return r.status_code


async def grpc_code(roster: ServiceHandle, token: str | None) -> grpc.StatusCode:
    metadata = (("authorization", f"Bearer {token}"),) if token is not None else ()
    async with grpc.aio.insecure_channel(roster.grpc_target) as channel:
        stub = pb_grpc.RosterServiceStub(channel)
        try:
            await stub.GetSchool(
                pb.GetSchoolRequest(school_id=str(uuid.uuid4())), metadata=metadata, timeout=10
            )
        except grpc.aio.AioRpcError as exc:
            return exc.code()
    return grpc.StatusCode.OK


async def test_only_valid_tokens_of_a_trusted_issuer_for_our_audience_pass(
    roster: ServiceHandle, oidc_provider: Any
) -> None:
    username = f"operator-{uuid.uuid4().hex[:8]}"
    await oidc_provider.create_account(username, PASSWORD, roles=["region_operator"])
    valid = await oidc_provider.password_token(username, PASSWORD)

    # The valid token gets past authentication: the school is simply unknown.
    assert await http_status(roster, valid) == 404
    assert await grpc_code(roster, valid) == grpc.StatusCode.NOT_FOUND

    bad = {
        "no token": None,
        "not a JWT": "not-a-token",
        "bad signature (foreign key)": oidc_provider.forge_token({"roles": ["region_operator"]}),
        "tampered payload": tampered(valid),
        "wrong audience": await signed_by_provider(oidc_provider, valid, aud=["another-api"]),
        "wrong issuer": await signed_by_provider(
            oidc_provider, valid, iss="http://127.0.0.1:1/realms/other"
        ),
        "expired": await signed_by_provider(
            oidc_provider, valid, exp=int(time.time()) - 600, iat=int(time.time()) - 900
        ),
    }
    refused = {
        name: (await http_status(roster, token), await grpc_code(roster, token))
        for name, token in bad.items()
    }
    expected = {name: (401, grpc.StatusCode.UNAUTHENTICATED) for name in bad}
    assert refused == expected


async def test_grpc_maps_bad_input_to_a_status_with_a_machine_code(
    roster: ServiceHandle, oidc_provider: Any
) -> None:
    username = f"operator-{uuid.uuid4().hex[:8]}"
    await oidc_provider.create_account(username, PASSWORD, roles=["region_operator"])
    token = await oidc_provider.password_token(username, PASSWORD)
    async with grpc.aio.insecure_channel(roster.grpc_target) as channel:
        call = pb_grpc.RosterServiceStub(channel).GetSchool(
            pb.GetSchoolRequest(school_id="not-a-uuid"),
            metadata=(("authorization", f"Bearer {token}"),),
            timeout=10,
        )
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call
        trailing = dict(await call.trailing_metadata() or ())
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert trailing.get("tabel-error-code") == "invalid_uuid"


async def test_grpc_health_needs_no_token(roster: ServiceHandle) -> None:
    async with grpc.aio.insecure_channel(roster.grpc_target) as channel:
        answer = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="tabel.roster.v1.RosterService"), timeout=5
        )
    assert answer.status == health_pb2.HealthCheckResponse.SERVING
