"""The year-end promotion of a whole school in one transaction (электронный перевод из
класса в класс, seed 004, 3.2.2): every class moves one grade up into the next academic
year (created as needed, keeping its letter and class teacher), the graduating grade
leaves the school, and students kept for a repeat year stay in their grade.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import classes_repo, movements_repo, schools_repo
from tabel_roster.domain.classes import SchoolClass
from tabel_roster.domain.events import enrolment_moved
from tabel_roster.domain.movements import Movement, MovementKind, promotion_targets
from tabel_roster.service_layer.classes import CreateClass, add_class
from tabel_roster.service_layer.movements import end_membership, last_day_before, start_membership

GRADUATION_REASON = "Выпуск: освоение образовательной программы"
REPEAT_REASON = "Оставлен(а) на повторное обучение"


@dataclass(frozen=True)
class PromoteSchool:
    school_id: UUID
    from_year: int
    order_number: str = ""
    # The first day in the new classes; 1 September of the next year unless given.
    effective_on: date | None = None
    repeat_student_ids: frozenset[UUID] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PromotionResult:
    promoted: int
    graduated: int
    repeating: int
    classes_created: list[str]


async def promote_school(
    *, runtime: Runtime, command: PromoteSchool, actor: Actor
) -> PromotionResult:
    day = command.effective_on or date(command.from_year + 1, 9, 1)
    if not date(command.from_year + 1, 5, 1) <= day <= date(command.from_year + 1, 9, 30):
        raise InvalidInput("roster.promotion_date", code="promotion_date")
    last_day = last_day_before(day)
    promoted = graduated = repeating = 0
    created: list[SchoolClass] = []
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        s = uow.session
        school = await schools_repo.get(s, command.school_id, lock=True)  # one promotion at a time
        if school is None:
            raise NotFound("roster.school_not_found", code="school_not_found")
        old = await classes_repo.list_classes(s, year=command.from_year, grade=None)
        if not old:
            raise NotFound("roster.no_classes_in_year", code="no_classes_in_year")
        if await movements_repo.promotion_done(s, [c.id for c in old]):
            raise Conflict("roster.promotion_done", code="promotion_done")
        next_classes = {
            (c.grade_level, c.letter): c
            for c in await classes_repo.list_classes(s, year=command.from_year + 1, grade=None)
        }

        async def class_for(source: SchoolClass, grade: int) -> SchoolClass:
            key = (grade, source.letter)
            if key not in next_classes:
                cmd = CreateClass(
                    school_id=school.id,
                    academic_year_start=command.from_year + 1,
                    grade_level=grade,
                    letter=source.letter,
                    class_teacher_id=source.class_teacher_id,
                    class_id=uuid.uuid4(),
                )
                next_classes[key] = await add_class(s, uow.emit, cmd, starts_on=day)
                created.append(next_classes[key])
            return next_classes[key]

        for target in promotion_targets(old, school.graduating_grade):
            members = await classes_repo.memberships_on(s, last_day, class_id=target.source.id)
            for m in members:
                # The student's groups of the closing year end with the class.
                for running in await classes_repo.memberships_from(s, m.person_id, day):
                    await end_membership(s, uow.emit, running, day)
                repeat = m.person_id in command.repeat_student_ids
                grade = target.source.grade_level if repeat else target.grade_level
                movement = Movement(
                    id=uuid.uuid4(),
                    school_id=school.id,
                    student_id=m.person_id,
                    kind=MovementKind.PROMOTION if grade else MovementKind.WITHDRAWAL,
                    effective_on=day,
                    from_class_id=target.source.id,
                    order_number=command.order_number,
                    reason=REPEAT_REASON if repeat else ("" if grade else GRADUATION_REASON),
                )
                if grade:
                    movement.to_class_id = (
                        await start_membership(
                            s, uow.emit, m.person_id, await class_for(target.source, grade), day
                        )
                    ).class_id
                    promoted += not repeat
                    repeating += repeat
                else:
                    graduated += 1
                await movements_repo.add_movement(s, movement, actor.subject)
                uow.emit(enrolment_moved(movement))
    ordered = sorted(created, key=lambda c: (c.grade_level, c.letter))
    return PromotionResult(promoted, graduated, repeating, [c.name for c in ordered])
