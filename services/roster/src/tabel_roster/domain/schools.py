"""Schools: the tenants of the platform, each served at its own domains."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from uuid import UUID

_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
)


class InvalidDomain(ValueError):
    pass


def normalize_domain(raw: str) -> str:
    """Lower-case host name without port or trailing dot; IDN domains in punycode."""
    host = raw.strip().lower().rstrip(".").split(":")[0]
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidDomain(raw) from exc
    if not _HOST.match(host):
        raise InvalidDomain(raw)
    return host


@dataclass
class School:
    id: UUID
    municipality_id: UUID
    name: str
    short_name: str
    domains: list[str] = field(default_factory=list)
    time_zone: str = "Europe/Moscow"
    grade_levels: list[int] = field(default_factory=lambda: list(range(1, 12)))
    school_week_days: int = 5
