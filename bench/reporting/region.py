"""A generated region written straight into reporting's read models (server-side SQL).

Ids are md5-derived, so a run is reproducible. What is generated, for `students` students
in `schools` schools spread over `municipalities` municipalities:
- schools, 12 classes per school (grades 1..11), people and memberships of the students;
- an academic year with four quarters per school, 12 subjects per school;
- subject_results: every student x subject x quarter of the year (what a year of marks
  becomes in the read model the reports aggregate: 8 marks, weights summing to 10, each);
- final marks of the 1st quarter for every student and subject;
- the pre-aggregated progress derived from them (the same SQL a repair runs);
- about 10 absences per student over the year;
- lessons (for the attendance share of class reports) for the schools of the first
  municipality only, 6 a day per class over the 1st quarter.
Raw single marks are not generated: no report reads them (class and municipal reports read
subject_results, which the projection derives from the marks).
"""

from __future__ import annotations

from dataclasses import dataclass

from tabel_reporting.adapters.progress_sql import BULK

SUBJECTS = (
    "Русский язык", "Литература", "Математика", "Алгебра", "Геометрия", "История",
    "Обществознание", "География", "Биология", "Физика", "Химия", "Английский язык",
)  # fmt: skip


@dataclass(frozen=True)
class Region:
    municipalities: int = 10
    schools: int = 300
    students: int = 100_000

    @property
    def per_school(self) -> int:
        return -(-self.students // self.schools)


def statements(r: Region) -> list[tuple[str, str]]:
    """(label, SQL) in load order."""
    ps = r.per_school
    subjects = "ARRAY[" + ", ".join(f"'{s}'" for s in SUBJECTS) + "]"
    keys = "ARRAY[" + ", ".join(f"'{s.lower()}'" for s in SUBJECTS) + "]"
    student = f"""FROM generate_series(0, {r.students - 1}) s,
        LATERAL (SELECT s / {ps} AS k, (s % {ps}) * 12 / {ps} AS c) pos"""
    at = "TIMESTAMPTZ '2025-09-01 08:00+00'"
    return [
        (
            "municipalities",
            f"""INSERT INTO municipalities
            SELECT md5('m' || m)::uuid, 'Муниципалитет ' || (m + 1), '', {at}
            FROM generate_series(0, {r.municipalities - 1}) m""",
        ),
        (
            "schools",
            f"""INSERT INTO schools
            SELECT md5('s' || k)::uuid, md5('m' || (k % {r.municipalities}))::uuid,
                   'МБОУ СОШ № ' || (k + 1), 'Школа № ' || (k + 1), {at}
            FROM generate_series(0, {r.schools - 1}) k""",
        ),
        (
            "academic years, terms, subjects",
            f"""WITH k AS (
                SELECT k FROM generate_series(0, {r.schools - 1}) k
            ), y AS (
                INSERT INTO academic_years SELECT md5('y' || k)::uuid, md5('s' || k)::uuid,
                    2025, '2025/2026', DATE '2025-09-01', DATE '2026-05-31', {at} FROM k
            ), t AS (
                INSERT INTO terms SELECT md5('t' || k || '-' || n)::uuid, md5('s' || k)::uuid,
                    md5('y' || k)::uuid, 1, n, ARRAY[1,2,3,4,5,6,7,8,9,10,11],
                    DATE '2025-09-01' + (n - 1) * 63, DATE '2025-09-01' + n * 63 - 8,
                    n = 1, {at}
                FROM k, generate_series(1, 4) n
            )
            INSERT INTO subjects SELECT md5('j' || k || '-' || j)::uuid, md5('s' || k)::uuid,
                ({subjects})[j + 1], {at}, ({keys})[j + 1] FROM k, generate_series(0, 11) j""",
        ),
        (
            "classes",
            f"""INSERT INTO classes
            SELECT md5('c' || k || '-' || c)::uuid, md5('s' || k)::uuid, 2025, c % 11 + 1,
                   (c % 11 + 1) || CASE WHEN c >= 11 THEN 'Б' ELSE 'А' END,
                   md5('teacher' || k || '-' || c)::uuid, {at}
            FROM generate_series(0, {r.schools - 1}) k, generate_series(0, 11) c""",
        ),
        (
            "people, memberships",
            f"""WITH p AS (
                INSERT INTO people SELECT md5('p' || s)::uuid, md5('s' || k)::uuid,
                    'Фамилия' || s, 'Имя', 'Отчество', true, false, {at} {student}
            )
            INSERT INTO memberships SELECT md5('mb' || s)::uuid, md5('s' || k)::uuid,
                md5('p' || s)::uuid, md5('c' || k || '-' || c)::uuid, NULL,
                DATE '2025-09-01', NULL, {at} {student}""",
        ),
        (
            "subject_results (a year of marks)",
            f"""INSERT INTO subject_results
            SELECT md5('s' || k)::uuid, md5('p' || s)::uuid, md5('j' || k || '-' || j)::uuid,
                   md5('t' || k || '-' || n)::uuid, 8,
                   round((least(5.0, greatest(1.6, ability + (random() - 0.5) * 1.6))
                          * 10)::numeric, 1),
                   10, '{{}}'
            {student}, LATERAL (SELECT 2.2 + 2.8 * random() + 0 * s AS ability) a,
                 generate_series(0, 11) j, generate_series(1, 4) n""",
        ),
        (
            "final marks (1st quarter)",
            f"""INSERT INTO final_marks
            SELECT r.student_id, r.subject_id, 1, r.term_id, r.school_id, NULL, r.term_id,
                   least(5, greatest(2, floor(r.sum_weighted / r.sum_weights + 0.5)))::text,
                   NULL, {at}, {at}
            FROM subject_results r JOIN terms t ON t.term_id = r.term_id AND t.number = 1""",
        ),
        (
            "attendance",
            f"""INSERT INTO attendance
            SELECT md5('l' || s || '-' || a)::uuid, md5('p' || s)::uuid, md5('s' || k)::uuid,
                   md5('j' || k || '-' || (a % 12))::uuid,
                   md5('t' || k || '-' || (a % 4 + 1))::uuid,
                   DATE '2025-09-01' + (a % 4) * 63 + (s + a) % 50, 2 + (s + a) % 3, 0, '',
                   NULL, (s + a) % 7 <> 0, {at}
            {student}, generate_series(0, 9) a""",
        ),
        (
            "lessons (first municipality)",
            f"""INSERT INTO lessons
            SELECT md5('ls' || k || '-' || c || '-' || d || '-' || p)::uuid, md5('s' || k)::uuid,
                   DATE '2025-09-01' + d, p, md5('j' || k || '-' || ((d + p) % 12))::uuid,
                   ({subjects})[(d + p) % 12 + 1], NULL, NULL,
                   ARRAY[md5('c' || k || '-' || c)::uuid], '{{}}',
                   md5('t' || k || '-1')::uuid, false, {at}
            FROM generate_series(0, {r.schools - 1}) k, generate_series(0, 11) c,
                 generate_series(0, 54) d, generate_series(1, 6) p
            WHERE k % {r.municipalities} = 0 AND extract(isodow FROM DATE '2025-09-01' + d) < 6""",
        ),
        ("progress contributions", BULK[0]),
        ("progress cells", BULK[1]),
        ("progress cohorts", BULK[2]),
        ("analyze", "ANALYZE"),
    ]
