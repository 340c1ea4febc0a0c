"""Region → municipality → school: the tenants of the platform, each at its own domains."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from uuid import UUID

_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
)
FIVE_POINT, PASS_FAIL = 1, 2  # tabel.common.v1.GradingScale


class InvalidDomain(ValueError):
    pass


class InvalidSetting(ValueError):
    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


def normalize_domain(raw: str) -> str:
    """Lower-case host name without port or trailing dot; IDN domains in punycode."""
    host = raw.strip().lower().split(":")[0].rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidDomain(raw) from exc
    if not _HOST.match(host):
        raise InvalidDomain(raw)
    return host


@dataclass
class Municipality:
    id: UUID
    name: str
    oktmo: str = ""


@dataclass
class School:
    id: UUID
    municipality_id: UUID
    name: str
    short_name: str
    # The first one is the primary domain (links in e-mails, the portal's canonical host).
    domains: list[str] = field(default_factory=list)
    time_zone: str = "Europe/Moscow"
    grade_levels: list[int] = field(default_factory=lambda: list(range(1, 12)))
    school_week_days: int = 5
    grading_scale: int = FIVE_POINT

    def check_settings(self) -> None:
        """Raise InvalidSetting naming the first setting that makes no sense."""
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidSetting("time_zone") from exc
        levels = self.grade_levels
        if not levels or any(g < 1 or g > 11 for g in levels) or len(set(levels)) != len(levels):
            raise InvalidSetting("grade_levels")
        if self.school_week_days not in (5, 6):
            raise InvalidSetting("school_week_days")
        if self.grading_scale not in (FIVE_POINT, PASS_FAIL):
            raise InvalidSetting("grading_scale")

    def with_primary(self, domain: str) -> None:
        """Make `domain` (already one of the school's) the primary one."""
        self.domains = [domain] + [d for d in self.domains if d != domain]

    @property
    def graduating_grade(self) -> int:
        return max(self.grade_levels)
