"""OneRoster users, roles and demographics of a school's people (personal data only where
consent is recorded), with guardian links as agentSourcedIds."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from tabel_roster.domain.oneroster_columns import Row
from tabel_roster.domain.oneroster_data import RELATION_NAMES, SchoolData, grade_code
from tabel_roster.domain.people import Consent, Person, PersonKind, Relation

STAFF_ROLE = {"director": "principal", "deputy_director": "administrator", "teacher": "teacher"}


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


def people_records(d: SchoolData, base: Row, out: dict[str, list[Row]]) -> None:
    """Append the users, roles and demographics rows of everyone in the school to `out`."""
    sid = str(d.school_id)
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


def _current_grades(d: SchoolData) -> dict[UUID, str]:
    by_class = {c.id: c for c in d.classes}
    latest: dict[UUID, tuple[date, int]] = {}
    for m in d.memberships:
        if m.class_id in by_class and (
            m.person_id not in latest or latest[m.person_id][0] < m.starts_on
        ):
            latest[m.person_id] = (m.starts_on, by_class[m.class_id].grade_level)
    return {pid: grade_code(g) for pid, (_, g) in latest.items()}
