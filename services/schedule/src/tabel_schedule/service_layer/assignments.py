"""Use cases on teaching assignments: a teacher teaches a subject to a class or to one of
its study groups (several teachers when the class is split into groups)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tabel.schedule.v1 import events_pb2, lessons_pb2
from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import (
    assignments_repo,
    calendar_repo,
    people_repo,
    places_repo,
    projections_repo,
)
from tabel_schedule.domain.events import SubjectRef


@dataclass(frozen=True)
class AddTeachingAssignment:
    academic_year_id: UUID
    teacher_id: UUID
    subject_id: UUID
    class_id: UUID
    weekly_hours: float
    study_group_id: UUID | None = None
    assignment_id: UUID | None = None


def not_staff(field: str) -> InvalidInput:
    """A teacher must be staff of the school as roster knows it (a student, a guardian or a
    stranger cannot be given lessons)."""
    return InvalidInput(
        "schedule.not_staff",
        code="teacher_not_staff",
        errors=[{"field": field, "code": "not_staff", "message": "не сотрудник школы"}],
    )


def assignment_message(row: Any, subject: SubjectRef) -> lessons_pb2.TeachingAssignment:
    return lessons_pb2.TeachingAssignment(
        id=str(row.id),
        school_id=str(row.school_id),
        academic_year_id=str(row.academic_year_id),
        teacher_id=str(row.teacher_id),
        subject=lessons_pb2.Subject(
            id=str(subject.id), name=subject.name, short_name=subject.short_name
        ),
        class_id=str(row.class_id),
        study_group_id=str(row.study_group_id or ""),
        weekly_hours=float(row.weekly_hours),
    )


async def add_teaching_assignment(
    *, runtime: Runtime, school_id: UUID, command: AddTeachingAssignment, actor: Actor
) -> Any:
    new_id = command.assignment_id or uuid.uuid4()
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        session = uow.session
        if await calendar_repo.get(session, command.academic_year_id) is None:
            raise NotFound("schedule.year_not_found", code="academic_year_not_found")
        subjects = await places_repo.subject_refs(session)
        if command.subject_id not in subjects:
            raise NotFound("schedule.subject_not_found", code="subject_not_found")
        if command.class_id not in await projections_repo.grade_levels(session):
            raise InvalidInput("schedule.class_unknown", code="class_unknown")
        if command.study_group_id is not None:
            groups = await projections_repo.groups(session, [command.study_group_id])
            if groups.get(command.study_group_id) != command.class_id:
                raise InvalidInput("schedule.group_unknown", code="study_group_unknown")
        if await people_repo.not_staff(session, [command.teacher_id]):
            raise not_staff("teacher_id")
        for other in await assignments_repo.list_for(
            session, academic_year_id=command.academic_year_id, class_id=command.class_id
        ):
            same = (other.teacher_id, other.subject_id, other.study_group_id)
            if same == (command.teacher_id, command.subject_id, command.study_group_id):
                raise Conflict("error.conflict", code="assignment_exists")
        await assignments_repo.add(
            session,
            id=new_id,
            school_id=school_id,
            academic_year_id=command.academic_year_id,
            teacher_id=command.teacher_id,
            subject_id=command.subject_id,
            class_id=command.class_id,
            study_group_id=command.study_group_id,
            weekly_hours=command.weekly_hours,
        )
        row = await assignments_repo.get(session, new_id)
        message = assignment_message(row, subjects[command.subject_id])
        uow.emit(events_pb2.TeachingAssignmentAdded(assignment=message))
    return row


async def remove_teaching_assignment(
    *, runtime: Runtime, school_id: UUID, assignment_id: UUID, actor: Actor
) -> None:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        row = await assignments_repo.get(uow.session, assignment_id)
        if row is None:
            raise NotFound("schedule.assignment_not_found", code="assignment_not_found")
        subjects = await places_repo.subject_refs(uow.session)
        await assignments_repo.remove(uow.session, assignment_id)
        message = assignment_message(row, subjects[row.subject_id])
        uow.emit(events_pb2.TeachingAssignmentRemoved(assignment=message))


async def list_teaching_assignments(
    *,
    runtime: Runtime,
    school_id: UUID,
    academic_year_id: UUID,
    class_id: UUID | None,
    teacher_id: UUID | None,
) -> list[Any]:
    async with runtime.uow(school_id=school_id) as uow:
        return await assignments_repo.list_for(
            uow.session,
            academic_year_id=academic_year_id,
            class_id=class_id,
            teacher_id=teacher_id,
        )
