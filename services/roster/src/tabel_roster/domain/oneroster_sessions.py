"""OneRoster academicSessions: school years, and the terms schedule publishes for them.

A school year's sourcedId is roster's own (the same for a year whether or not schedule has
published it yet); a term keeps schedule's id and points to its year as parent. Without
schedule's calendar a year runs 1 September to 31 August.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

Row = dict[str, str]
TERM_NAMES = {1: "четверть", 2: "триместр", 3: "полугодие"}  # tabel.schedule.v1.TermKind
# OneRoster's sessionType: half-years are semesters, quarters and trimesters terms.
TERM_TYPES = {1: "term", 2: "term", 3: "semester"}


@dataclass(frozen=True)
class SchoolYear:
    start_year: int
    name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Term:
    id: UUID
    start_year: int
    kind: int
    number: int
    grade_levels: tuple[int, ...]
    starts_on: date
    ends_on: date


def session_id(school_id: UUID, year: int) -> UUID:
    return uuid5(school_id, f"oneroster/schoolYear/{year}")


def grades_label(levels: tuple[int, ...]) -> str:
    if not levels:
        return ""
    runs = f"{levels[0]}–{levels[-1]}" if len(levels) > 1 else str(levels[0])
    return f" ({runs} кл.)"


def academic_sessions(
    school_id: UUID, years: set[int], known: list[SchoolYear], terms: list[Term], base: Row
) -> list[Row]:
    by_year = {y.start_year: y for y in known}
    out: list[Row] = []
    for y in sorted(years | set(by_year)):
        found = by_year.get(y)
        out.append(
            {
                **base,
                "sourcedId": str(session_id(school_id, y)),
                "title": found.name if found else f"{y}/{y + 1}",
                "type": "schoolYear",
                "startDate": (found.starts_on if found else date(y, 9, 1)).isoformat(),
                "endDate": (found.ends_on if found else date(y + 1, 8, 31)).isoformat(),
                "schoolYear": str(y + 1),
            }
        )
    for t in sorted(terms, key=lambda t: (t.starts_on, t.number, t.grade_levels)):
        out.append(
            {
                **base,
                "sourcedId": str(t.id),
                "title": f"{t.number} {TERM_NAMES.get(t.kind, 'период')} "
                f"{t.start_year}/{t.start_year + 1}{grades_label(t.grade_levels)}",
                "type": TERM_TYPES.get(t.kind, "term"),
                "startDate": t.starts_on.isoformat(),
                "endDate": t.ends_on.isoformat(),
                "parentSourcedId": str(session_id(school_id, t.start_year)),
                "schoolYear": str(t.start_year + 1),
            }
        )
    return out


def class_sessions(school_id: UUID, year: int, grade: int, terms: list[Term]) -> str:
    """A class's termSourcedIds: its year's terms for its grade level, else the school year."""
    own = [t for t in terms if t.start_year == year and grade in t.grade_levels]
    if not own:
        return str(session_id(school_id, year))
    return ",".join(str(t.id) for t in sorted(own, key=lambda t: t.starts_on))


def session_years(rows: list[Row]) -> dict[str, int]:
    """sourcedId → the academic year (its starting calendar year) of each session read."""
    years: dict[str, int] = {}
    for r in rows:
        if r.get("schoolYear"):
            years[r["sourcedId"]] = int(r["schoolYear"]) - 1
        elif r.get("startDate"):
            years[r["sourcedId"]] = date.fromisoformat(r["startDate"]).year
    return years
