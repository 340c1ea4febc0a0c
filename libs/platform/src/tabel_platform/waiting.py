"""Waiting for something eventually consistent (a projection catching up), with a deadline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]],
    until: Callable[[T], bool],
    *,
    timeout: float = 30.0,  # noqa: ASYNC109 - a deadline for the whole wait, not one call
    interval: float = 0.05,
) -> T:
    """Call `probe` until `until(result)` holds; raise TimeoutError with the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if until(result):
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met in {timeout}s; last: {result!r}")
        await asyncio.sleep(interval)
