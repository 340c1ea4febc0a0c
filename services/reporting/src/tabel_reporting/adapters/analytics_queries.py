"""Region-wide aggregates of subject results, computed in PostgreSQL.

The per-student result rule is the one of `domain.progress` (final mark, else the rounded
weighted average, else a special mark), written in SQL so the database aggregates a
municipality's results without sending them over the wire. `test_analytics` checks the
two agree on the hand-computed class.

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

# Whitelisted grouping keys: name -> SQL expressions (never taken from input).
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "municipality": ("sc.municipality_id",),
    "school": ("sc.school_id", "sc.short_name"),
    "grade_level": ("st.grade_level",),
    "subject": ("lower(btrim(coalesce(sj.name, '')))",),
    "term": ("ay.start_year", "t.number"),
}
KEY_COLUMNS = {
    "municipality": ("municipality_id",),
    "school": ("school_id", "school_name"),
    "grade_level": ("grade_level",),
    "subject": ("subject",),
    "term": ("academic_year_start", "term_number"),
}

_RESULT = """CASE
    WHEN f.value IN ('1', '2', '3', '4', '5') THEN greatest(f.value::integer, 2)
    WHEN f.value IN ('н/а', 'на', 'not_certified') THEN 0
    WHEN f.value IN ('осв', 'exempt') THEN -1
    WHEN f.value IS NOT NULL AND f.value <> '' THEN -2
    WHEN r.sum_weights > 0
        THEN least(5, greatest(2, floor(r.sum_weighted / r.sum_weights + 0.5)::integer))
    WHEN r.specials && ARRAY['осв', 'exempt'] THEN -1
    WHEN r.specials && ARRAY['н/а', 'на', 'not_certified'] THEN 0
    ELSE -2 END"""

# Only constants of this module are interpolated; values go as bind parameters.
_BASE = f"""
WITH scope_schools AS (
    SELECT school_id, short_name, municipality_id FROM schools
    WHERE (CAST(:municipalities AS uuid[]) IS NULL OR municipality_id = ANY(:municipalities))
), results AS (
    SELECT coalesce(r.school_id, f.school_id) AS school_id,
           coalesce(r.student_id, f.student_id) AS student_id,
           coalesce(r.subject_id, f.subject_id) AS subject_id,
           coalesce(r.term_id, f.period_id) AS term_id,
           coalesce(r.sum_weighted, 0) AS sum_weighted, coalesce(r.sum_weights, 0) AS sum_weights,
           {_RESULT} AS result
    FROM (SELECT * FROM subject_results
          WHERE school_id IN (SELECT school_id FROM scope_schools)) r
    FULL JOIN (SELECT * FROM final_marks
               WHERE kind = 1 AND school_id IN (SELECT school_id FROM scope_schools)) f
      ON f.student_id = r.student_id AND f.subject_id = r.subject_id AND f.period_id = r.term_id
), student_class AS (
    SELECT DISTINCT ON (m.person_id, c.academic_year_start)
           m.person_id, c.academic_year_start, c.grade_level
    FROM memberships m JOIN classes c ON c.class_id = m.class_id
    WHERE m.school_id IN (SELECT school_id FROM scope_schools)
    ORDER BY m.person_id, c.academic_year_start, m.starts_on DESC NULLS LAST
)
-- Per student first (a hash aggregate), then per group: counting distinct students
-- without sorting every result.
, per_student AS (
    SELECT {{keys}} res.student_id,
        count(*) FILTER (WHERE res.result >= 0) AS n,
        count(*) FILTER (WHERE res.result = 5) AS n5,
        count(*) FILTER (WHERE res.result = 4) AS n4,
        count(*) FILTER (WHERE res.result = 3) AS n3,
        count(*) FILTER (WHERE res.result = 2) AS n2,
        count(*) FILTER (WHERE res.result = 0) AS n_na,
        sum(res.sum_weighted) FILTER (WHERE res.result >= 0) AS sum_weighted,
        sum(res.sum_weights) FILTER (WHERE res.result >= 0) AS sum_weights
    FROM results res
    JOIN scope_schools sc ON sc.school_id = res.school_id
    JOIN terms t ON t.term_id = res.term_id
    JOIN academic_years ay ON ay.academic_year_id = t.academic_year_id
    LEFT JOIN subjects sj ON sj.subject_id = res.subject_id
    LEFT JOIN student_class st
      ON st.person_id = res.student_id AND st.academic_year_start = ay.start_year
    WHERE (CAST(:year AS integer) IS NULL OR ay.start_year = :year)
      AND (CAST(:term_number AS integer) IS NULL OR t.number = :term_number)
    GROUP BY {{group_by}} res.student_id
)
SELECT {{outer_keys}} {{is_total}} AS is_total,
    count(*) FILTER (WHERE n > 0) AS students, sum(n) AS n,
    sum(n5) AS n5, sum(n4) AS n4, sum(n3) AS n3, sum(n2) AS n2, sum(n_na) AS n_na,
    sum(sum_weighted) AS sum_weighted, sum(sum_weights) AS sum_weights
FROM per_student
{{outer_group_by}}
"""  # noqa: S608


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
    sql = _BASE.format(
        keys="".join(f"{e} AS {n}, " for e, n in zip(expressions, names, strict=True)),
        group_by="".join(f"{e}, " for e in expressions),
        outer_keys="".join(f"{n}, " for n in names),
        # The groups and the total over them in one pass.
        outer_group_by=f"GROUP BY GROUPING SETS (({', '.join(names)}), ())" if names else "",
        is_total=f"GROUPING({', '.join(names)}) > 0" if names else "true",
    )
    params = {
        "municipalities": list(municipalities) if municipalities is not None else None,
        "year": year,
        "term_number": term_number,
    }
    # Row estimates under row-level security are far off (the policy's OR hides the
    # selectivity), and the planner then picks nested loops over hundreds of thousands of
    # rows; hash joins are right for an aggregate over a municipality.
    await session.execute(text("SET LOCAL enable_nestloop = off"))
    rows = (await session.execute(text(sql), params)).mappings().all()
    counted = [
        (
            row["is_total"],
            GroupCounts(
                keys={} if row["is_total"] else {n: row[n] for n in names},
                students=row["students"],
                n=int(row["n"] or 0),
                n5=int(row["n5"] or 0),
                n4=int(row["n4"] or 0),
                n3=int(row["n3"] or 0),
                n2=int(row["n2"] or 0),
                n_na=int(row["n_na"] or 0),
                sum_weighted=float(row["sum_weighted"] or 0),
                sum_weights=int(row["sum_weights"] or 0),
            ),
        )
        for row in rows
    ]
    total = next((g for is_total, g in counted if is_total), None)
    return total, [g for is_total, g in counted if not is_total]


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
