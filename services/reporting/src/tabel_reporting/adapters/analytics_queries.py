"""Region-wide aggregates, read from the pre-aggregated cells (adapters/progress_cells.py):
a municipality is some ten thousand cells, not half a million subject results.

Terms and subjects are per school, so across schools a term is (academic year, number)
and a subject is its name, case and spaces aside.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Whitelisted grouping keys (never taken from input). The school-level keys are looked up
# from the scope's schools in Python; the others are SQL expressions over a cell `c`.
SCHOOL_KEYS = frozenset({"municipality", "school"})
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "municipality": (),
    "school": (),
    "grade_level": ("nullif(c.grade_level, 0)",),
    "subject": ("c.subject_key",),
    "term": ("c.academic_year_start", "c.term_number"),
}
KEY_COLUMNS = {
    "municipality": ("municipality_id",),
    "school": ("school_id", "school_name"),
    "grade_level": ("grade_level",),
    "subject": ("subject",),
    "term": ("academic_year_start", "term_number"),
}
FIGURES = ("n", "n5", "n4", "n3", "n2", "n_na", "sum_weighted", "sum_weights")

_SCOPE = """SELECT school_id, short_name, municipality_id FROM schools
    WHERE CAST(:municipalities AS uuid[]) IS NULL OR municipality_id = ANY(:municipalities)"""
# The cells are read by their primary key (school first) and never joined with `schools`:
# the RLS predicate (`school_id = tabel_current_school() OR tabel_all_schools()`) makes the
# planner guess 1 school instead of 30 and 0.5 % of the cells instead of all, so it chose a
# nested loop that scanned every cell once per school (1.4 s at region scale; 28 ms now).
_FILTER = """c.school_id = ANY(:schools)
    AND (CAST(:year AS integer) IS NULL OR c.academic_year_start = :year)
    AND (CAST(:term_number AS integer) IS NULL OR c.term_number = :term_number)"""
_FIGURES = f"""SELECT c.school_id AS cell_school, {{keys}}
    sum(c.n) AS n, sum(c.n5) AS n5, sum(c.n4) AS n4, sum(c.n3) AS n3, sum(c.n2) AS n2,
    sum(c.n_na) AS n_na, sum(c.sum_weighted) AS sum_weighted, sum(c.sum_weights) AS sum_weights
FROM progress_cells c WHERE {_FILTER}
GROUP BY {{group_by}} c.school_id"""  # noqa: S608

# Distinct students behind a group, for suppression. A student is in one school and grade
# level a year and has one result per subject and term, so within one term the sum over
# schools and grade levels of the cohort (or, per subject, of the cell's N) is exact; over
# several terms the largest term is taken, a lower bound: suppression errs towards hiding.
_STUDENTS = f"""SELECT c.school_id AS cell_school, {{keys}} max(c.{{count}}) AS students
FROM {{table}} c WHERE {_FILTER}
GROUP BY {{group_by}} c.school_id, c.grade_level"""  # noqa: S608


@dataclass(frozen=True)
class GroupCounts:
    keys: dict[str, Any]
    students: int  # distinct students with a counted result
    n: int  # counted results (N)
    n5: int
    n4: int
    n3: int
    n2: int
    n_na: int
    sum_weighted: float
    sum_weights: int


async def aggregate(
    session: AsyncSession,
    *,
    group_by: Sequence[str],
    municipalities: Sequence[UUID] | None,
    year: int | None,
    term_number: int | None,
) -> tuple[GroupCounts | None, list[GroupCounts]]:
    """The total over the whole scope, and one line per group."""
    scope = {
        r.school_id: r
        for r in await session.execute(
            text(_SCOPE),
            {"municipalities": list(municipalities) if municipalities is not None else None},
        )
    }
    params = {"schools": list(scope), "year": year, "term_number": term_number}
    cell_keys = [k for k in group_by if k not in SCHOOL_KEYS]
    keys = _keyer(group_by, scope)
    figures: dict[tuple[Any, ...], dict[str, Any]] = {}
    total: dict[str, Any] = dict.fromkeys(FIGURES, 0)
    for row in (await session.execute(text(_sql(_FIGURES, cell_keys)), params)).mappings():
        group = figures.setdefault(keys(row), dict.fromkeys(FIGURES, 0))
        for name in FIGURES:
            group[name] += row[name] or 0
            total[name] += row[name] or 0
    students = await _students(session, params, cell_keys, keys, by_subject="subject" in group_by)
    everyone = await _students(session, params, [], lambda row: (), by_subject=False)
    names = [c for key in group_by for c in KEY_COLUMNS[key]]
    groups = [
        _counts(dict(zip(names, key, strict=True)), sums, students.get(key, 0))
        for key, sums in sorted(figures.items(), key=lambda item: repr(item[0]))
    ]
    if not figures:
        return None, []
    return _counts({}, total, everyone.get((), 0)), groups


def _sql(template: str, cell_keys: Sequence[str], **parts: str) -> str:
    expressions = [e for key in cell_keys for e in GROUP_KEYS[key]]
    names = [c for key in cell_keys for c in KEY_COLUMNS[key]]
    return template.format(
        keys="".join(f"{e} AS {n}, " for e, n in zip(expressions, names, strict=True)),
        group_by="".join(f"{e}, " for e in expressions),
        **parts,
    )


def _keyer(group_by: Sequence[str], scope: dict[UUID, Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A row's group: school-level keys from the scope's schools, the rest from the row."""

    def key(row: Any) -> tuple[Any, ...]:
        school = scope[row["cell_school"]]
        values: list[Any] = []
        for name in group_by:
            if name == "municipality":
                values.append(school.municipality_id)
            elif name == "school":
                values += [school.school_id, school.short_name]
            else:
                values += [row[c] for c in KEY_COLUMNS[name]]
        return tuple(values)

    return key


async def _students(
    session: AsyncSession,
    params: dict[str, Any],
    cell_keys: Sequence[str],
    keys: Callable[[Any], tuple[Any, ...]],
    *,
    by_subject: bool,
) -> dict[tuple[Any, ...], int]:
    sql = _sql(
        _STUDENTS,
        cell_keys,
        table="progress_cells" if by_subject else "progress_cohorts",
        count="n" if by_subject else "students",
    )
    found: dict[tuple[Any, ...], int] = {}
    for row in (await session.execute(text(sql), params)).mappings():
        key = keys(row)
        found[key] = found.get(key, 0) + int(row["students"] or 0)
    return found


def _counts(keys: dict[str, Any], row: Any, students: int) -> GroupCounts:
    return GroupCounts(
        keys=keys,
        students=students,
        n=int(row["n"] or 0),
        n5=int(row["n5"] or 0),
        n4=int(row["n4"] or 0),
        n3=int(row["n3"] or 0),
        n2=int(row["n2"] or 0),
        n_na=int(row["n_na"] or 0),
        sum_weighted=float(row["sum_weighted"] or 0),
        sum_weights=int(row["sum_weights"] or 0),
    )


async def latest_year(session: AsyncSession, municipalities: Sequence[UUID] | None) -> int | None:
    row = await session.execute(
        text(
            "SELECT max(ay.start_year) FROM academic_years ay JOIN schools s USING (school_id) "
            "WHERE CAST(:m AS uuid[]) IS NULL OR s.municipality_id = ANY(:m)"
        ),
        {"m": list(municipalities) if municipalities is not None else None},
    )
    value = row.scalar_one()
    return int(value) if value is not None else None
