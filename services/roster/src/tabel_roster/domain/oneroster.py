"""Roster as OneRoster 1.2 CSV records (one dict per row, columns as the spec names them).

Mapping: municipality → org "district", school → org "school", academic year →
academicSession "schoolYear" and schedule's terms → "term"/"semester" sessions, grade level
of a year → course, class → class "homeroom", people → users with roles (students, staff,
guardians as "parent"/"guardian"), guardian links → agentSourcedIds, class memberships and
class teachers → enrollments, birth date and sex (only when consent is recorded) →
demographics. What OneRoster has no column for travels in `metadata.tabel.*` columns.
"""

from __future__ import annotations

from uuid import uuid5

from tabel_roster.domain.oneroster_columns import FILES, Row
from tabel_roster.domain.oneroster_data import SchoolData, course_id, grade_code
from tabel_roster.domain.oneroster_sessions import academic_sessions, class_sessions, session_id
from tabel_roster.domain.oneroster_users import people_records


def bundle(d: SchoolData) -> dict[str, list[Row]]:
    base = {"status": "active", "dateLastModified": d.modified}
    sid, years = str(d.school_id), {c.academic_year_start for c in d.classes}
    out: dict[str, list[Row]] = {name: [] for name in FILES}
    out["orgs"] = [
        {**base, "sourcedId": str(d.municipality_id), "name": d.municipality_name,
         "type": "district"},
        {**base, "sourcedId": sid, "name": d.school_name, "type": "school",
         "parentSourcedId": str(d.municipality_id)},
    ]  # fmt: skip
    out["academicSessions"] = academic_sessions(d.school_id, years, d.years, d.terms, base)
    for y in sorted(years):
        for g in sorted({c.grade_level for c in d.classes if c.academic_year_start == y}):
            out["courses"].append(
                {
                    **base,
                    "sourcedId": str(course_id(d.school_id, y, g)),
                    "schoolYearSourcedId": str(session_id(d.school_id, y)),
                    "title": f"{g} класс {y}/{y + 1}",
                    "courseCode": f"{y}-{g}",
                    "grades": grade_code(g),
                    "orgSourcedId": sid,
                }
            )
    _classes(d, base, out)
    people_records(d, base, out)
    return out


def _classes(d: SchoolData, base: Row, out: dict[str, list[Row]]) -> None:
    sid = str(d.school_id)
    for c in d.classes:
        year, grade = c.academic_year_start, c.grade_level
        out["classes"].append(
            {
                **base,
                "sourcedId": str(c.id),
                "title": c.name,
                "grades": grade_code(grade),
                "courseSourcedId": str(course_id(d.school_id, year, grade)),
                "classCode": c.name,
                "classType": "homeroom",
                "schoolSourcedId": sid,
                "termSourcedIds": class_sessions(d.school_id, year, grade, d.terms),
            }
        )
        if c.class_teacher_id:
            out["enrollments"].append(
                {
                    **base,
                    "sourcedId": str(uuid5(c.id, "class-teacher")),
                    "classSourcedId": str(c.id),
                    "schoolSourcedId": sid,
                    "userSourcedId": str(c.class_teacher_id),
                    "role": "teacher",
                    "primary": "true",
                }
            )
    for m in d.memberships:
        if m.class_id:
            out["enrollments"].append(
                {
                    **base,
                    "sourcedId": str(m.id),
                    "classSourcedId": str(m.class_id),
                    "schoolSourcedId": sid,
                    "userSourcedId": str(m.person_id),
                    "role": "student",
                    "primary": "false",
                    "beginDate": m.starts_on.isoformat(),
                    "endDate": m.ends_on.isoformat() if m.ends_on else "",
                }
            )
