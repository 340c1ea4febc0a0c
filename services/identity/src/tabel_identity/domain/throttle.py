"""Slowing down and locking out wrong code guesses, per source address and per school.

After `slow_after` wrong guesses within `window`, each further attempt must wait
`delay_base x 2^(n - slow_after)` (at most `max_delay`) after the last wrong one; after
`lock_source` wrong guesses from one source, or `lock_school` against one school from any
source, attempts are refused until the window has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    window: timedelta = timedelta(minutes=15)
    slow_after: int = 3
    delay_base: timedelta = timedelta(seconds=2)
    max_delay: timedelta = timedelta(minutes=1)
    lock_source: int = 10
    lock_school: int = 30


@dataclass(frozen=True)
class Failures:
    count: int
    last_at: datetime | None


@dataclass(frozen=True)
class Verdict:
    reason: str  # "code_attempts_slowed" | "code_attempts_locked"
    retry_at: datetime


def verdict(
    policy: ThrottlePolicy, by_source: Failures, by_school: Failures, now: datetime
) -> Verdict | None:
    """None when an attempt may go ahead now."""
    for failures, limit in ((by_source, policy.lock_source), (by_school, policy.lock_school)):
        if failures.count >= limit and failures.last_at is not None:
            return Verdict("code_attempts_locked", failures.last_at + policy.window)
    if by_source.count >= policy.slow_after and by_source.last_at is not None:
        delay = policy.delay_base * 2 ** (by_source.count - policy.slow_after)
        retry_at = by_source.last_at + min(delay, policy.max_delay)
        if now < retry_at:
            return Verdict("code_attempts_slowed", retry_at)
    return None
