"""A per-key sliding-window rate limit, in this process' memory.

Memory, not the database: it guards the login and token endpoints against a flood from one
address, and must stay cheap exactly when under attack (a DB row per attempt would turn the
flood into write load). Each replica counts on its own, so the effective limit is
replicas x limit; the per-account lockout, which must hold across replicas, is in the DB.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    def __init__(
        self,
        limit: int,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Count one attempt for `key`; false if it is over the limit in the last window."""
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self._max_keys:
                self._forget_idle(now)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self.window_s]:
            del self._hits[key]
