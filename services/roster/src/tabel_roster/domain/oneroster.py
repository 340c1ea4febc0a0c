"""Roster as OneRoster 1.2 CSV records (one dict per row, columns as the spec names them).

Mapping: municipality → org "district", school → org "school", academic year →
academicSession "schoolYear", grade level of a year → course, class → class "homeroom",
people → users with roles (students, staff, guardians as "parent"/"guardian"), guardian
links → agentSourcedIds, class memberships and class teachers → enrollments,
birth date and sex (only when consent is recorded) → demographics. What OneRoster has no
column for travels in `metadata.tabel.*` extension columns, which the spec allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid5

from tabel_roster.domain.classes import Membership, SchoolClass
from tabel_roster.domain.people import Consent, Person, PersonKind, Relation

Row = dict[str, str]
FILES = (
    "orgs",
    "academicSessions",
    "courses",
    "classes",
    "users",
    "roles",
    "enrollments",
    "demographics",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "orgs": (
        "sourcedId",
        "status",
        "dateLastModified",
        "name",
        "type",
        "identifier",
        "parentSourcedId",
    ),
    "academicSessions": (
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "type",
        "startDate",
        "endDate",
        "parentSourcedId",
        "schoolYear",
    ),
    "courses": (
        "sourcedId",
        "status",
        "dateLastModified",
        "schoolYearSourcedId",
        "title",
        "courseCode",
        "grades",
        "orgSourcedId",
        "subjects",
        "subjectCodes",
    ),
    "classes": (
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "grades",
        "courseSourcedId",
        "classCode",
        "classType",
        "location",
        "schoolSourcedId",
        "termSourcedIds",
        "subjects",
        "subjectCodes",
        "periods",
    ),
    "users": (
        "sourcedId",
        "status",
        "dateLastModified",
        "enabledUser",
        "username",
        "userIds",
        "givenName",
        "familyName",
        "middleName",
        "identifier",
        "email",
        "sms",
        "phone",
        "agentSourcedIds",
        "grades",
        "password",
        "userMasterIdentifier",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
        "metadata.tabel.positions",
        "metadata.tabel.consentGivenBy",
        "metadata.tabel.relation",
    ),
    "roles": (
        "sourcedId",
        "status",
        "dateLastModified",
        "userSourcedId",
        "roleType",
        "role",
        "beginDate",
        "endDate",
        "orgSourcedId",
        "userProfileSourcedId",
    ),
    "enrollments": (
        "sourcedId",
        "status",
        "dateLastModified",
        "classSourcedId",
        "schoolSourcedId",
        "userSourcedId",
        "role",
        "primary",
        "beginDate",
        "endDate",
    ),
    "demographics": (
        "sourcedId",
        "status",
        "dateLastModified",
        "birthDate",
        "sex",
        "americanIndianOrAlaskaNative",
        "asian",
        "blackOrAfricanAmerican",
        "nativeHawaiianOrOtherPacificIslander",
        "white",
        "demographicRaceTwoOrMoreRaces",
        "hispanicOrLatinoEthnicity",
        "countryOfBirthCode",
        "stateOfBirthAbbreviation",
        "cityOfBirth",
        "publicSchoolResidenceStatus",
    ),
}
STAFF_ROLE = {"director": "principal", "deputy_director": "administrator", "teacher": "teacher"}
RELATION_NAMES = {
    Relation.MOTHER: "mother",
    Relation.FATHER: "father",
    Relation.LEGAL_GUARDIAN: "legal_guardian",
    Relation.OTHER: "other",
}


@dataclass
class SchoolData:
    school_id: UUID
    school_name: str
    municipality_id: UUID
    municipality_name: str
    classes: list[SchoolClass]
    people: list[Person]
    memberships: list[Membership]
    guardians: dict[UUID, list[tuple[UUID, Relation]]] = field(
        default_factory=dict
    )  # student → guardians
    consent_by: dict[UUID, str] = field(default_factory=dict)
    modified: str = "2000-01-01T00:00:00.000Z"


def grade_code(grade: int) -> str:
    return f"{grade:02d}"


def session_id(school_id: UUID, year: int) -> UUID:
    return uuid5(school_id, f"oneroster/schoolYear/{year}")


def course_id(school_id: UUID, year: int, grade: int) -> UUID:
    return uuid5(school_id, f"oneroster/course/{year}/{grade}")


def staff_role(person: Person) -> str:
    for position in ("director", "deputy_director", "teacher"):
        if position in person.positions:
            return STAFF_ROLE[position]
    return "aide"


def person_roles(person: Person, relation: Relation | None) -> list[str]:
    roles = []
    if PersonKind.STUDENT in person.kinds:
        roles.append("student")
    if PersonKind.STAFF in person.kinds:
        roles.append(staff_role(person))
    if PersonKind.GUARDIAN in person.kinds:
        roles.append("parent" if relation in (Relation.MOTHER, Relation.FATHER) else "guardian")
    return roles


def bundle(d: SchoolData) -> dict[str, list[Row]]:
    base = {"status": "active", "dateLastModified": d.modified}
    sid, years = str(d.school_id), sorted({c.academic_year_start for c in d.classes})
    out: dict[str, list[Row]] = {name: [] for name in FILES}
    out["orgs"] = [
        {
            **base,
            "sourcedId": str(d.municipality_id),
            "name": d.municipality_name,
            "type": "district",
        },
        {
            **base,
            "sourcedId": sid,
            "name": d.school_name,
            "type": "school",
            "parentSourcedId": str(d.municipality_id),
        },
    ]
    for y in years:
        out["academicSessions"].append(
            {
                **base,
                "sourcedId": str(session_id(d.school_id, y)),
                "title": f"{y}/{y + 1}",
                "type": "schoolYear",
                "startDate": date(y, 9, 1).isoformat(),
                "endDate": date(y + 1, 8, 31).isoformat(),
                "schoolYear": str(y + 1),
            }
        )
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
    for c in d.classes:
        out["classes"].append(
            {
                **base,
                "sourcedId": str(c.id),
                "title": c.name,
                "grades": grade_code(c.grade_level),
                "courseSourcedId": str(
                    course_id(d.school_id, c.academic_year_start, c.grade_level)
                ),
                "classCode": c.name,
                "classType": "homeroom",
                "schoolSourcedId": sid,
                "termSourcedIds": str(session_id(d.school_id, c.academic_year_start)),
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
    children: dict[UUID, list[tuple[UUID, Relation]]] = {}
    for student, links in d.guardians.items():
        for guardian, link in links:
            children.setdefault(guardian, []).append((student, link))
    grades = _current_grades(d)
    for p in d.people:
        relation: Relation | None = children[p.id][0][1] if p.id in children else None
        agents = [str(g) for g, _ in d.guardians.get(p.id, [])] + [
            str(s) for s, _ in children.get(p.id, [])
        ]
        given = p.consent == Consent.GIVEN
        out["users"].append(
            {
                **base,
                "sourcedId": str(p.id),
                "enabledUser": "true",
                "username": str(p.id),
                "givenName": p.first_name,
                "familyName": p.last_name,
                "middleName": p.middle_name,
                "email": (p.data.email or "") if given else "",
                "phone": (p.data.phone or "") if given else "",
                "agentSourcedIds": ",".join(agents),
                "grades": grades.get(p.id, ""),
                "primaryOrgSourcedId": sid,
                "metadata.tabel.positions": " ".join(p.positions),
                "metadata.tabel.consentGivenBy": d.consent_by.get(p.id, "") if given else "",
                "metadata.tabel.relation": RELATION_NAMES[relation] if relation else "",
            }
        )
        for n, role in enumerate(person_roles(p, relation)):
            out["roles"].append(
                {
                    **base,
                    "sourcedId": str(uuid5(p.id, f"role/{role}")),
                    "userSourcedId": str(p.id),
                    "roleType": "primary" if n == 0 else "secondary",
                    "role": role,
                    "orgSourcedId": sid,
                }
            )
        if given and (p.data.birth_date or p.data.sex):
            out["demographics"].append(
                {
                    **base,
                    "sourcedId": str(p.id),
                    "birthDate": p.data.birth_date.isoformat() if p.data.birth_date else "",
                    "sex": {1: "male", 2: "female"}.get(p.data.sex, ""),
                }
            )
    return out


def _current_grades(d: SchoolData) -> dict[UUID, str]:
    by_class = {c.id: c for c in d.classes}
    latest: dict[UUID, tuple[date, int]] = {}
    for m in d.memberships:
        if m.class_id in by_class and (
            m.person_id not in latest or latest[m.person_id][0] < m.starts_on
        ):
            latest[m.person_id] = (m.starts_on, by_class[m.class_id].grade_level)
    return {pid: grade_code(g) for pid, (_, g) in latest.items()}
