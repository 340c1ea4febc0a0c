"""Which school a host name serves, asked of roster (gRPC `ResolveHost`) and cached.

Every request to a school's domain needs this, so answers are kept for `ttl_s` (unknown
hosts for a shorter `negative_ttl_s`: a new school shows up quickly and a scan of random
hosts cannot hammer roster); concurrent misses for one host share one call; when roster
is unreachable a stale answer is served rather than failing every request.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from uuid import UUID

import grpc

from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc

Lookup = Callable[[str], Awaitable[UUID | None]]


class CachedSchoolResolver:
    def __init__(
        self,
        lookup: Lookup,
        *,
        ttl_s: float = 60.0,
        negative_ttl_s: float = 10.0,
        max_hosts: int = 10_000,
    ) -> None:
        self._lookup, self._ttl, self._neg_ttl, self._max = lookup, ttl_s, negative_ttl_s, max_hosts
        self._cache: OrderedDict[str, tuple[float, UUID | None]] = OrderedDict()
        self._inflight: dict[str, asyncio.Future[UUID | None]] = {}

    async def school_for_host(self, host: str) -> UUID | None:
        key = host.strip().lower().rstrip(".").split(":")[0]
        hit = self._cache.get(key)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        if key in self._inflight:
            return await asyncio.shield(self._inflight[key])
        future: asyncio.Future[UUID | None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            school = await self._lookup(key)
        except Exception as exc:  # roster unreachable: serve the stale answer if there is one
            if hit is None:
                future.set_exception(exc)
                future.exception()  # retrieved, so an unawaited future logs no warning
                raise
            future.set_result(hit[1])
            return hit[1]
        finally:
            self._inflight.pop(key, None)
        future.set_result(school)
        self._cache[key] = (time.monotonic() + (self._ttl if school else self._neg_ttl), school)
        self._cache.move_to_end(key)
        while len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return school


def roster_lookup(channel: grpc.aio.Channel) -> Lookup:
    """Roster's `ResolveHost` on `channel` (made by `create_channel` with this service's
    tokens); an unknown or malformed host is "no school"."""
    stub = pb_grpc.RosterServiceStub(channel)

    async def lookup(host: str) -> UUID | None:
        try:
            answer = await stub.ResolveHost(pb.ResolveHostRequest(host=host))
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
                return None
            raise
        return UUID(answer.school.id)

    return lookup
