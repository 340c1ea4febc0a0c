"""Between Authlib's synchronous server (in a worker thread) and the async use cases."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

import anyio.from_thread
import anyio.to_thread

T = TypeVar("T")
P = ParamSpec("P")


async def in_worker(fn: Callable[[], T]) -> T:
    """Run Authlib's blocking request handling off the event loop."""
    return await anyio.to_thread.run_sync(fn)


def wait(fn: Callable[P, Coroutine[Any, Any, T]], *args: P.args, **kwargs: P.kwargs) -> T:
    """From the worker thread: run a coroutine function on the event loop, wait for it."""
    return anyio.from_thread.run(functools.partial(fn, *args, **kwargs))
