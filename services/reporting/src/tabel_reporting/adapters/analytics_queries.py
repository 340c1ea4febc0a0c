"""Region-wide aggregates, read from the pre-aggregated cells (adapters/progress_cells.py):
a municipality is some ten thousand cells, not half a million subject results.

Terms and subjects are per school, so across schools a term is (academic year, number)
and a subject is its name, case and spaces aside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Whitelisted grouping keys: name -> SQL expressions over a cell `c` joined with its
# school `sc` (never taken from input).
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "municipality": ("sc.municipality_id",),
    "school": ("sc.school_id", "sc.short_name"),
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

_SCOPE = """scope_schools AS (
    SELECT school_id, short_name, municipality_id FROM schools
    WHERE (CAST(:municipalities AS uuid[]) IS NULL OR municipality_id = ANY(:municipalities))
)"""
_FILTER = """(CAST(:year AS integer) IS NULL OR c.academic_year_start = :year)
    AND (CAST(:term_number AS integer) IS NULL OR c.term_number = :term_number)"""

# Figures: sums over the cells of the groups, and over all of them (the total).
_FIGURES = f"""WITH {_SCOPE}
SELECT {{keys}} {{is_total}} AS is_total,
    sum(c.n) AS n, sum(c.n5) AS n5, sum(c.n4) AS n4, sum(c.n3) AS n3, sum(c.n2) AS n2,
    sum(c.n_na) AS n_na, sum(c.sum_weighted) AS sum_weighted, sum(c.sum_weights) AS sum_weights
FROM progress_cells c JOIN scope_schools sc ON sc.school_id = c.school_id
WHERE {_FILTER}
{{group_by}}"""  # noqa: S608

# Distinct students behind a group, for suppression. A student is in one school and grade
# level a year and has one result per subject and term, so within one term the sum over
# schools and grade levels of the cohort (or, per subject, of the cell's N) is exact; over
# several terms the largest term is taken, a lower bound: suppression errs towards hiding.
_STUDENTS = f"""WITH {_SCOPE}, per_cohort AS (
    SELECT {{keys}} c.school_id AS cohort_school, c.grade_level AS cohort_grade,
        max(c.{{count}}) AS students
    FROM {{table}} c JOIN scope_schools sc ON sc.school_id = c.school_id
    WHERE {_FILTER}
    GROUP BY {{inner_group_by}} c.school_id, c.grade_level
)
SELECT {{outer_keys}} sum(students) AS students FROM per_cohort {{outer_group_by}}"""  # noqa: S608


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
    expressions = [e for key in group_by for e in GROUP_KEYS[key]]
    names = [c for key in group_by for c in KEY_COLUMNS[key]]
    params = {
        "municipalities": list(municipalities) if municipalities is not None else None,
        "year": year,
        "term_number": term_number,
    }
    keys = "".join(f"{e} AS {n}, " for e, n in zip(expressions, names, strict=True))
    figures = _FIGURES.format(
        keys=keys,
        is_total=f"GROUPING({', '.join(expressions)}) > 0" if names else "true",
        group_by=f"GROUP BY GROUPING SETS (({', '.join(expressions)}), ())" if names else "",
    )
    rows = (await session.execute(text(figures), params)).mappings().all()
    by_subject = "subject" in group_by
    students = await _students(session, params, expressions, names, by_subject=by_subject)
    total_students = await _students(session, params, [], [], by_subject=False)
    counted = []
    for row in rows:
        key = {} if row["is_total"] else {n: row[n] for n in names}
        seen = total_students.get(()) if row["is_total"] else students.get(_tuple(key, names))
        counted.append((row["is_total"], _counts(key, row, seen or 0)))
    total = next((g for is_total, g in counted if is_total), None)
    return total, [g for is_total, g in counted if not is_total]


async def _students(
    session: AsyncSession,
    params: dict[str, Any],
    expressions: list[str],
    names: list[str],
    *,
    by_subject: bool,
) -> dict[tuple[Any, ...], int]:
    sql = _STUDENTS.format(
        keys="".join(f"{e} AS {n}, " for e, n in zip(expressions, names, strict=True)),
        table="progress_cells" if by_subject else "progress_cohorts",
        count="n" if by_subject else "students",
        inner_group_by="".join(f"{e}, " for e in expressions),
        outer_keys="".join(f"{n}, " for n in names),
        outer_group_by=f"GROUP BY {', '.join(names)}" if names else "",
    )
    rows = (await session.execute(text(sql), params)).mappings().all()
    return {_tuple(row, names): int(row["students"] or 0) for row in rows}


def _tuple(row: Any, names: list[str]) -> tuple[Any, ...]:
    return tuple(row[n] for n in names)


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
