"""OneRoster 1.2 REST query parameters over a collection: filter, sort, paging, fields.

filter=familyName='Иванов' AND role!='student'   (=, !=, >, >=, <, <=, ~ contains)
sort=familyName&orderBy=desc    limit=100&offset=200    fields=sourcedId,givenName
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_PREDICATE = re.compile(r"^\s*([A-Za-z_.]+)\s*(!=|>=|<=|=|>|<|~)\s*'((?:[^']|'')*)'\s*$")
MAX_LIMIT = 1000


class BadQuery(ValueError):
    def __init__(self, parameter: str) -> None:
        super().__init__(parameter)
        self.parameter = parameter


@dataclass(frozen=True)
class Predicate:
    field: str
    op: str
    value: str

    def holds(self, record: dict[str, Any]) -> bool:
        actual = _text(_lookup(record, self.field))
        if self.op == "~":
            return self.value.lower() in actual.lower()
        compare = {"=": actual == self.value, "!=": actual != self.value}
        if self.op in compare:
            return compare[self.op]
        return {
            ">": actual > self.value,
            ">=": actual >= self.value,
            "<": actual < self.value,
            "<=": actual <= self.value,
        }[self.op]


def _lookup(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def parse_filter(raw: str | None) -> tuple[list[Predicate], str]:
    """The predicates and how they combine ("AND" or "OR"; the spec allows one kind per filter)."""
    if not raw:
        return [], "AND"
    has_and, has_or = " AND " in raw, " OR " in raw
    if has_and and has_or:
        raise BadQuery("filter")
    joiner = "OR" if has_or else "AND"
    predicates = []
    for part in raw.split(f" {joiner} "):
        m = _PREDICATE.match(part)
        if not m:
            raise BadQuery("filter")
        predicates.append(Predicate(m.group(1), m.group(2), m.group(3).replace("''", "'")))
    return predicates, joiner


def apply(
    records: list[dict[str, Any]],
    *,
    filter_: str | None,
    sort: str | None,
    order_by: str | None,
    limit: int,
    offset: int,
    fields: str | None,
) -> tuple[list[dict[str, Any]], int]:
    """The page of records and the total that matched the filter."""
    if not 1 <= limit <= MAX_LIMIT:
        raise BadQuery("limit")
    if offset < 0:
        raise BadQuery("offset")
    if order_by not in (None, "asc", "desc"):
        raise BadQuery("orderBy")
    predicates, joiner = parse_filter(filter_)
    combine = all if joiner == "AND" else any
    matched = [r for r in records if not predicates or combine(p.holds(r) for p in predicates)]
    if sort:
        matched.sort(key=lambda r: _text(_lookup(r, sort)), reverse=order_by == "desc")
    page = matched[offset : offset + limit]
    if fields:
        wanted = [f.strip() for f in fields.split(",") if f.strip()]
        page = [{k: r[k] for k in wanted if k in r} for r in page]
    return page, len(matched)
