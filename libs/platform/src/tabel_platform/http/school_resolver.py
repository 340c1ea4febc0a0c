"""Which school a host name serves, asked of roster (gRPC `ResolveHost`) and cached.

Every request to a school's domain needs this, so answers are kept for `ttl_s`
(unknown hosts for a shorter `negative_ttl_s`, so a new school shows up quickly), and
the cache is bounded. Roster is the owner; a changed domain is picked up on expiry.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from uuid import UUID

import grpc
from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc

from tabel_platform.logging import get_logger

log = get_logger(__name__)


class RosterSchoolResolver:
    def __init__(
        self,
        channel: grpc.aio.Channel,
        *,
        ttl_s: float = 300.0,
        negative_ttl_s: float = 15.0,
        max_entries: int = 10_000,
    ) -> None:
        self._stub = pb_grpc.RosterServiceStub(channel)
        self._ttl = ttl_s
        self._negative_ttl = negative_ttl_s
        self._max = max_entries
        self._cache: OrderedDict[str, tuple[float, UUID | None]] = OrderedDict()

    async def school_for_host(self, host: str) -> UUID | None:
        host = host.lower().rstrip(".")
        now = time.monotonic()
        hit = self._cache.get(host)
        if hit is not None and hit[0] > now:
            self._cache.move_to_end(host)
            return hit[1]
        school = await self._ask(host)
        ttl = self._ttl if school else self._negative_ttl
        self._cache[host] = (now + ttl, school)
        self._cache.move_to_end(host)
        while len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return school

    async def _ask(self, host: str) -> UUID | None:
        try:
            answer = await self._stub.ResolveHost(pb.ResolveHostRequest(host=host))
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
                return None
            raise
        return UUID(answer.school.id)
