"""RED metrics of HTTP requests (tabel_platform.metrics), with the labelled children kept.

`labels()` takes a lock and builds a key on every call; a service has a few dozen
(method, route, status) combinations, so each one's children are looked up once. The cache
is bounded: methods come from clients, and a flood of made-up ones must not grow it.
"""

from __future__ import annotations

from prometheus_client.metrics import Counter, Histogram

from tabel_platform.metrics import http_duration, http_requests

_Children = tuple[Counter, Histogram]


class RequestMetrics:
    def __init__(self, *, max_children: int = 1024) -> None:
        self._children: dict[tuple[str, str, int], _Children] = {}
        self._max = max_children

    def observe(self, method: str, route: str, status: int, elapsed_s: float) -> None:
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            children = (
                http_requests.labels(method, route, str(status)),
                http_duration.labels(method, route),
            )
            if len(self._children) < self._max:
                self._children[key] = children
        children[0].inc()
        children[1].observe(elapsed_s)
