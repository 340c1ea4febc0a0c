"""The diary week, kept for a few seconds per (school, reader, student, day).

Parents and students open the same week again and again; a filled entry answers without a
database round trip. Staleness bound: a change committed by this process voids the entries at
once (`WriteWatch`); a change committed by another process or replica (or fed by an event to
another process) voids them when its notification arrives, milliseconds later
(`ChangeListener`). A teacher's save voids only the weeks that show its lesson (each entry keeps
the lessons of its week); other changes void the school's weeks. `ttl_s` bounds what no
notification announces, such as a grant reaching its expiry, and the shorter `unheard_ttl_s`
applies while the listener's connection is down (what is committed then is never announced).
Bounded in size (oldest first). Concurrent misses of one key share one read (`load`), so an
expiry causes one query, not fifty. Hits are mostly answered ahead of FastAPI
(entrypoints/http_diary_hits.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import date
from uuid import UUID

import orjson
from prometheus_client import Counter

from tabel_journal.adapters.write_watch import WriteWatch

Key = tuple[UUID, UUID, UUID, date]

lookups = Counter(
    "tabel_journal_diary_cache_lookups_total",
    "Diary week lookups: hit, miss (nothing kept), expired (ttl) or voided (a change)",
    ["result"],
)
HIT, MISS, EXPIRED, VOIDED = (lookups.labels(r) for r in ("hit", "miss", "expired", "voided"))


class DiaryWeekCache:
    def __init__(
        self,
        watch: WriteWatch,
        *,
        ttl_s: float,
        unheard_ttl_s: float | None = None,
        heard: Callable[[], bool] = lambda: True,
        max_entries: int = 20_000,
    ) -> None:
        self.watch = watch
        self._ttl = ttl_s
        self._unheard_ttl = ttl_s if unheard_ttl_s is None else min(ttl_s, unheard_ttl_s)
        self._heard = heard
        self._max = max_entries
        # key -> (filled at, the watch's seq before the read, the week's lessons, document)
        self._entries: dict[Key, tuple[float, int, tuple[UUID, ...], bytes]] = {}
        self._loading: dict[Key, tuple[int, asyncio.Future[bytes]]] = {}

    async def load(self, key: Key, read: Callable[[], Awaitable[bytes]]) -> bytes:
        """The cached document, or `read()` once for all callers waiting on this key."""
        if (doc := self.get(key)) is not None:
            return doc
        seq, started = self.watch.seq(), time.monotonic()
        joined = self._loading.get(key)
        if joined is not None and joined[0] == seq:  # nothing committed since that read began
            pending = joined[1]
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():  # this request itself was cancelled
                    raise
                return await read()  # the reading request was cancelled: read ourselves
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._loading[key] = (seq, future)
        try:
            doc = await read()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            if self._loading.get(key, (None, None))[1] is future:
                del self._loading[key]
        future.set_result(doc)
        self.put(key, seq, started, doc)
        return doc

    def get(self, key: Key) -> bytes | None:
        if self._ttl <= 0:
            return None
        hit = self._entries.get(key)
        if hit is None:
            MISS.inc()
            return None
        filled_at, seq, lessons, doc = hit
        ttl = self._ttl if self._heard() else self._unheard_ttl
        if time.monotonic() - filled_at > ttl:
            EXPIRED.inc()
        elif self.watch.changed_since(seq, key[0], lessons):
            VOIDED.inc()
        else:
            HIT.inc()
            return doc
        del self._entries[key]
        return None

    def put(self, key: Key, seq: int, filled_at: float, doc: bytes) -> None:
        """`seq` and `filled_at` as taken before the read began."""
        if self._ttl <= 0:
            return
        lessons = lessons_of(doc)
        if lessons is None or self.watch.changed_since(seq, key[0], lessons):
            return
        if len(self._entries) >= self._max:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = (filled_at, seq, lessons, doc)


def lessons_of(doc: bytes) -> tuple[UUID, ...] | None:
    """The lessons a week document shows (`days[].lessons[].lesson_id`); None for a document
    of another shape (not kept: a change of its lessons could not void it)."""
    try:
        days = orjson.loads(doc).get("days") or []
        return tuple(UUID(lesson["lesson_id"]) for day in days for lesson in day["lessons"])
    except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError):
        return None
