"""SQL of the pre-aggregated progress (see progress_cells.py). Only constants of this
module are interpolated; values go as bind parameters.

A contribution's `result`: 2..5 a grade (a "1" counts as "2"), 0 not certified (н/а),
-1 exempt (осв), -2 neither (pass/fail marks only). It is the term's final mark when set,
else the weighted average of the five-point marks rounded half up, else a special mark:
the rule of `domain.progress.result_of`, which test_analytics checks against.
"""

from __future__ import annotations

from sqlalchemy import text

RESULT = """CASE
    WHEN f.value IN ('1', '2', '3', '4', '5') THEN greatest(f.value::integer, 2)
    WHEN f.value IN ('н/а', 'на', 'not_certified') THEN 0
    WHEN f.value IN ('осв', 'exempt') THEN -1
    WHEN f.value IS NOT NULL AND f.value <> '' THEN -2
    WHEN r.sum_weights > 0
        THEN least(5, greatest(2, floor(r.sum_weighted / r.sum_weights + 0.5)::integer))
    WHEN r.specials && ARRAY['осв', 'exempt'] THEN -1
    WHEN r.specials && ARRAY['н/а', 'на', 'not_certified'] THEN 0
    ELSE -2 END"""

_CELL = "school_id, academic_year_start, term_number, grade_level, subject_key"

# Recompute the contributions of the keys ({keys}: a SELECT of student, subject, term);
# returns the cells they were in before and are in now.
_FRESH = f"""keys AS ({{keys}}),
base AS (
    SELECT k.student_id, k.subject_id, k.term_id,
        coalesce(r.school_id, f.school_id) AS school_id,
        coalesce(sj.name_key, '') AS subject_key,
        ay.start_year AS academic_year_start, t.number AS term_number,
        {RESULT} AS result,
        coalesce(r.sum_weighted, 0) AS sum_weighted, coalesce(r.sum_weights, 0) AS sum_weights
    FROM keys k
    LEFT JOIN subject_results r
      ON r.student_id = k.student_id AND r.subject_id = k.subject_id AND r.term_id = k.term_id
    LEFT JOIN final_marks f ON f.kind = 1 AND f.student_id = k.student_id
      AND f.subject_id = k.subject_id AND f.period_id = k.term_id
    LEFT JOIN terms t ON t.term_id = k.term_id
    LEFT JOIN academic_years ay ON ay.academic_year_id = t.academic_year_id
    LEFT JOIN subjects sj ON sj.subject_id = k.subject_id
    WHERE r.student_id IS NOT NULL OR f.student_id IS NOT NULL
),
fresh AS (
    SELECT b.*, coalesce(g.grade_level, 0) AS grade_level FROM base b
    LEFT JOIN LATERAL (
        SELECT c.grade_level FROM memberships m JOIN classes c ON c.class_id = m.class_id
        WHERE m.person_id = b.student_id AND c.academic_year_start = b.academic_year_start
        ORDER BY m.starts_on DESC NULLS LAST, m.membership_id LIMIT 1
    ) g ON true
)"""  # noqa: S608
_COLUMNS = """student_id, subject_id, term_id, school_id, grade_level, subject_key,
    academic_year_start, term_number, result, sum_weighted, sum_weights"""
_COUNTS = """count(*) FILTER (WHERE c.result = 5) AS n5,
    count(*) FILTER (WHERE c.result = 4) AS n4,
    count(*) FILTER (WHERE c.result = 3) AS n3,
    count(*) FILTER (WHERE c.result = 2) AS n2,
    count(*) FILTER (WHERE c.result = 0) AS n_na,
    count(*) FILTER (WHERE c.result = -1) AS exempt,
    count(*) FILTER (WHERE c.result >= 0) AS n,
    coalesce(sum(c.sum_weighted) FILTER (WHERE c.result >= 0), 0) AS sum_weighted,
    coalesce(sum(c.sum_weights) FILTER (WHERE c.result >= 0), 0) AS sum_weights"""

REFRESH = f"""
WITH {_FRESH},
old AS (
    SELECT c.* FROM progress_contributions c JOIN keys k
      ON c.student_id = k.student_id AND c.subject_id = k.subject_id AND c.term_id = k.term_id
),
removed AS (
    DELETE FROM progress_contributions c USING old o
    WHERE c.student_id = o.student_id AND c.subject_id = o.subject_id AND c.term_id = o.term_id
      AND NOT EXISTS (SELECT 1 FROM fresh n WHERE n.student_id = o.student_id
                      AND n.subject_id = o.subject_id AND n.term_id = o.term_id)
),
upserted AS (
    INSERT INTO progress_contributions ({_COLUMNS}) SELECT {_COLUMNS} FROM fresh
    ON CONFLICT (student_id, subject_id, term_id) DO UPDATE SET
        school_id = EXCLUDED.school_id, grade_level = EXCLUDED.grade_level,
        subject_key = EXCLUDED.subject_key,
        academic_year_start = EXCLUDED.academic_year_start,
        term_number = EXCLUDED.term_number, result = EXCLUDED.result,
        sum_weighted = EXCLUDED.sum_weighted, sum_weights = EXCLUDED.sum_weights
)
SELECT DISTINCT {_CELL} FROM (
    SELECT {_CELL} FROM old UNION ALL SELECT {_CELL} FROM fresh
) touched WHERE academic_year_start IS NOT NULL AND term_number IS NOT NULL
"""  # noqa: S608

_TOUCHED = """SELECT DISTINCT * FROM unnest(CAST(:schools AS uuid[]), CAST(:years AS integer[]),
    CAST(:terms AS integer[]), CAST(:grades AS integer[]){subjects})
    AS t(school_id, academic_year_start, term_number, grade_level{subject_key})"""
_MATCH = """c.school_id = t.school_id AND c.academic_year_start = t.academic_year_start
    AND c.term_number = t.term_number AND c.grade_level = t.grade_level"""

# Each touched cell from its contributions (deleted when none is left).
CELLS = text(
    f"""WITH touched AS ({
        _TOUCHED.format(subjects=", CAST(:subjects AS text[])", subject_key=", subject_key")
    }),
    counted AS (
        SELECT t.*, a.* FROM touched t, LATERAL (
            SELECT count(*) AS rows, {_COUNTS}
            FROM progress_contributions c
            WHERE {_MATCH} AND c.subject_key = t.subject_key) a
    ),
    emptied AS (
        DELETE FROM progress_cells p USING counted t
        WHERE t.rows = 0 AND p.school_id = t.school_id
          AND p.academic_year_start = t.academic_year_start AND p.term_number = t.term_number
          AND p.grade_level = t.grade_level AND p.subject_key = t.subject_key
    )
    INSERT INTO progress_cells ({_CELL}, n5, n4, n3, n2, n_na, exempt, n, sum_weighted,
        sum_weights)
    SELECT {_CELL}, n5, n4, n3, n2, n_na, exempt, n, sum_weighted, sum_weights
    FROM counted WHERE rows > 0
    ON CONFLICT ({_CELL}) DO UPDATE SET n5 = EXCLUDED.n5, n4 = EXCLUDED.n4,
        n3 = EXCLUDED.n3, n2 = EXCLUDED.n2, n_na = EXCLUDED.n_na, exempt = EXCLUDED.exempt,
        n = EXCLUDED.n, sum_weighted = EXCLUDED.sum_weighted,
        sum_weights = EXCLUDED.sum_weights"""  # noqa: S608
)

# Each touched cohort: the distinct students with a counted result in any subject.
COHORTS = text(
    f"""WITH touched AS ({_TOUCHED.format(subjects="", subject_key="")}),
    counted AS (
        SELECT t.*, a.* FROM touched t, LATERAL (
            SELECT count(*) AS rows,
                count(DISTINCT c.student_id) FILTER (WHERE c.result >= 0) AS students
            FROM progress_contributions c WHERE {_MATCH}) a
    ),
    emptied AS (
        DELETE FROM progress_cohorts p USING counted t
        WHERE t.rows = 0 AND p.school_id = t.school_id
          AND p.academic_year_start = t.academic_year_start AND p.term_number = t.term_number
          AND p.grade_level = t.grade_level
    )
    INSERT INTO progress_cohorts (school_id, academic_year_start, term_number, grade_level,
        students)
    SELECT school_id, academic_year_start, term_number, grade_level, students
    FROM counted WHERE rows > 0
    ON CONFLICT (school_id, academic_year_start, term_number, grade_level)
    DO UPDATE SET students = EXCLUDED.students"""  # noqa: S608
)

_ALL = """SELECT student_id, subject_id, term_id FROM subject_results
    UNION SELECT student_id, subject_id, period_id FROM final_marks WHERE kind = 1"""

# Everything at once from the base read models (after TRUNCATE): a bulk load, a repair.
BULK = (
    f"""WITH {_FRESH.format(keys=_ALL)}
    INSERT INTO progress_contributions ({_COLUMNS}) SELECT {_COLUMNS} FROM fresh""",  # noqa: S608
    f"""INSERT INTO progress_cells ({_CELL}, n5, n4, n3, n2, n_na, exempt, n, sum_weighted,
        sum_weights)
    SELECT {_CELL}, {_COUNTS} FROM progress_contributions c
    WHERE academic_year_start IS NOT NULL AND term_number IS NOT NULL GROUP BY {_CELL}""",  # noqa: S608
    """INSERT INTO progress_cohorts (school_id, academic_year_start, term_number, grade_level,
        students)
    SELECT school_id, academic_year_start, term_number, grade_level,
        count(DISTINCT student_id) FILTER (WHERE result >= 0)
    FROM progress_contributions
    WHERE academic_year_start IS NOT NULL AND term_number IS NOT NULL
    GROUP BY school_id, academic_year_start, term_number, grade_level""",
)
