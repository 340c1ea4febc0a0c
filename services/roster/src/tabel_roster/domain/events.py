"""Domain objects as the event payloads other services project (contracts in proto/).

Events carry the name, kinds, consent and contacts, never SNILS, documents or addresses:
no other service needs those, so they never leave roster's database.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from google.protobuf.field_mask_pb2 import FieldMask

from tabel.common.v1 import types_pb2
from tabel.roster.v1 import classes_pb2, events_pb2, people_pb2, schools_pb2
from tabel_roster.domain.classes import Membership, SchoolClass, StudyGroup
from tabel_roster.domain.movements import Movement
from tabel_roster.domain.people import Person, PersonKind
from tabel_roster.domain.schools import Municipality, School

_KINDS = {
    PersonKind.STUDENT: people_pb2.PERSON_KIND_STUDENT,
    PersonKind.STAFF: people_pb2.PERSON_KIND_STAFF,
    PersonKind.GUARDIAN: people_pb2.PERSON_KIND_GUARDIAN,
}


def date_message(day: date | None) -> types_pb2.Date | None:
    return types_pb2.Date(year=day.year, month=day.month, day=day.day) if day else None


def _id(value: UUID | None) -> str:
    return str(value) if value else ""


def school_message(school: School) -> schools_pb2.School:
    return schools_pb2.School(
        id=str(school.id),
        municipality_id=str(school.municipality_id),
        name=school.name,
        short_name=school.short_name,
        domains=school.domains,
        time_zone=school.time_zone,
        grade_levels=school.grade_levels,
        school_week_days=school.school_week_days,
        grading_scale=school.grading_scale,  # type: ignore[arg-type]
    )


def school_created(school: School) -> events_pb2.SchoolCreated:
    return events_pb2.SchoolCreated(school=school_message(school))


def school_updated(school: School, fields: list[str]) -> events_pb2.SchoolUpdated:
    return events_pb2.SchoolUpdated(
        school=school_message(school), update_mask=FieldMask(paths=fields)
    )


def municipality_created(m: Municipality) -> events_pb2.MunicipalityCreated:
    return events_pb2.MunicipalityCreated(
        municipality=schools_pb2.Municipality(id=str(m.id), name=m.name, oktmo=m.oktmo)
    )


def person_message(person: Person) -> people_pb2.Person:
    return people_pb2.Person(
        id=str(person.id),
        school_id=str(person.school_id),
        name=types_pb2.PersonName(
            last_name=person.last_name,
            first_name=person.first_name,
            middle_name=person.middle_name,
        ),
        kinds=[_KINDS[k] for k in person.kinds],
        consent=int(person.consent),  # type: ignore[arg-type]
        birth_date=date_message(person.data.birth_date),
        sex=person.data.sex,  # type: ignore[arg-type]
        email=person.data.email or "",
        phone=person.data.phone or "",
        positions=person.positions,
    )


def person_created(person: Person) -> events_pb2.PersonCreated:
    return events_pb2.PersonCreated(person=person_message(person))


def person_updated(person: Person, fields: list[str]) -> events_pb2.PersonUpdated:
    public = [f for f in fields if f not in ("snils", "document", "address")]
    return events_pb2.PersonUpdated(
        person=person_message(person), update_mask=FieldMask(paths=public)
    )


def class_message(c: SchoolClass) -> classes_pb2.SchoolClass:
    return classes_pb2.SchoolClass(
        id=str(c.id),
        school_id=str(c.school_id),
        academic_year_start=c.academic_year_start,
        grade_level=c.grade_level,
        letter=c.letter,
        name=c.name,
        class_teacher_id=_id(c.class_teacher_id),
    )


def group_message(g: StudyGroup) -> classes_pb2.StudyGroup:
    return classes_pb2.StudyGroup(
        id=str(g.id),
        school_id=str(g.school_id),
        class_id=_id(g.class_id),
        name=g.name,
        academic_year_start=g.academic_year_start,
    )


def membership_message(m: Membership) -> classes_pb2.Membership:
    msg = classes_pb2.Membership(
        id=str(m.id),
        school_id=str(m.school_id),
        person_id=str(m.person_id),
        starts_on=date_message(m.starts_on),
        ends_on=date_message(m.ends_on),
    )
    if m.class_id:
        msg.class_id = str(m.class_id)
    else:
        msg.study_group_id = _id(m.study_group_id)
    return msg


def guardianship_message(
    *, id: UUID, school_id: UUID, guardian_id: UUID, student_id: UUID, relation: int
) -> people_pb2.Guardianship:
    return people_pb2.Guardianship(
        id=str(id),
        school_id=str(school_id),
        guardian_id=str(guardian_id),
        student_id=str(student_id),
        relation=relation,  # type: ignore[arg-type]
    )


def enrolment_moved(m: Movement) -> events_pb2.EnrolmentMoved:
    return events_pb2.EnrolmentMoved(
        movement_id=str(m.id),
        school_id=str(m.school_id),
        student_id=str(m.student_id),
        kind=int(m.kind),  # type: ignore[arg-type]
        from_class_id=_id(m.from_class_id),
        to_class_id=_id(m.to_class_id),
        effective_on=date_message(m.effective_on),
        order_number=m.order_number,
        reason=m.reason,
        counterpart_school=m.counterpart_school,
    )
