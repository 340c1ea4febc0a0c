"""Writing checked import rows inside one open transaction: people (created or updated),
classes and their class teachers, admissions and transfers, guardian links.

Everything is read up front and written in batches, so a school of a thousand students
takes a few dozen statements rather than tens of thousands.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.roster.v1 import events_pb2
from tabel_platform.events.envelope import Actor
from tabel_roster.adapters import classes_repo, movements_repo, people_repo
from tabel_roster.domain.classes import Membership, SchoolClass
from tabel_roster.domain.events import enrolment_moved, guardianship_message, membership_message
from tabel_roster.domain.import_rows import ImportRow
from tabel_roster.domain.movements import Movement, MovementKind
from tabel_roster.domain.people import Consent, Person, PersonKind
from tabel_roster.service_layer import consents, people, person_rules
from tabel_roster.service_layer.classes import CreateClass, add_class, assign_in
from tabel_roster.service_layer.emit import Emit
from tabel_roster.service_layer.import_check import person_command
from tabel_roster.service_layer.movements import end_membership


class Writer:
    def __init__(
        self,
        session: AsyncSession,
        emit: Emit,
        school_id: UUID,
        year: int,
        actor: Actor,
        known: dict[str, UUID],
    ) -> None:
        self.s, self.emit, self.school_id, self.year, self.actor = (
            session,
            emit,
            school_id,
            year,
            actor,
        )
        self.ids = dict(known)
        self.new_keys: dict[str, UUID] = {}
        self.classes_created: list[str] = []
        self._classes: dict[tuple[int, str], SchoolClass] | None = None
        today, first = date.today(), date(year, 9, 1)
        self.day = today if first <= today <= date(year + 1, 8, 31) else first

    async def people(self, rows: list[ImportRow]) -> tuple[int, int, int]:
        """Create the new people in one batch, update the known ones; (created, updated, same)."""
        existing = await people_repo.get_many(
            self.s, [self.ids[r.key] for r in rows if r.key in self.ids]
        )
        fresh: list[tuple[Person, consents.ConsentGiven | None]] = []
        updated = unchanged = 0
        for row in rows:
            before = existing.get(self.ids.get(row.key, uuid.uuid4()))
            command = person_command(row, self.school_id, before.id if before else uuid.uuid4())
            if before is None:
                fresh.append((people.person_from(command), command.consent))
                self.ids[row.key] = self.new_keys[row.key] = fresh[-1][0].id
                continue
            # A file never withdraws consent nor erases data: empty cells keep what is stored.
            filled = {k: v for k, v in vars(command.data).items() if v not in (None, 0, "")}
            after = person_rules.validated(
                replace(
                    before,
                    last_name=row.last_name,
                    first_name=row.first_name,
                    middle_name=row.middle_name,
                    kinds=list(dict.fromkeys([*before.kinds, row.kind])),
                    positions=sorted(set(row.positions)) if row.positions else before.positions,
                    consent=Consent.GIVEN if command.consent else before.consent,
                    data=replace(before.data, **filled),
                )
            )
            if await people.save_changes(self.s, self.emit, before, after, self.actor):
                updated += 1
            else:
                unchanged += 1
        await people.add_people(self.s, self.emit, fresh, self.actor)
        return len(fresh), updated, unchanged

    async def _class(self, grade_letter: tuple[int, str]) -> SchoolClass:
        if self._classes is None:
            found = await classes_repo.list_classes(self.s, year=self.year, grade=None)
            self._classes = {(c.grade_level, c.letter): c for c in found}
        if grade_letter not in self._classes:
            command = CreateClass(self.school_id, self.year, grade_letter[0], grade_letter[1])
            c = await add_class(self.s, self.emit, command, starts_on=self.day)
            self._classes[grade_letter] = c
            self.classes_created.append(c.name)
        return self._classes[grade_letter]

    async def enrol_and_lead(self, rows: list[ImportRow]) -> int:
        current = {
            m.person_id: m
            for m in await classes_repo.memberships_on(self.s, self.day, classes_only=True)
        }
        started: list[Membership] = []
        moved: list[Movement] = []
        for row in rows:
            if row.class_name is None:
                continue
            target, pid = await self._class(row.class_name), self.ids[row.key]
            if row.kind == PersonKind.STAFF:
                if target.class_teacher_id != pid:
                    await assign_in(self.s, self.emit, target, pid, self.day)
                continue
            now = current.get(pid)
            if now and now.class_id == target.id:
                continue
            if now:
                await end_membership(self.s, self.emit, now, self.day)
            started.append(
                Membership(uuid.uuid4(), self.school_id, pid, self.day, class_id=target.id)
            )
            kind = MovementKind.TRANSFER if now else MovementKind.ADMISSION
            moved.append(
                Movement(
                    uuid.uuid4(),
                    self.school_id,
                    pid,
                    kind,
                    self.day,
                    from_class_id=now.class_id if now else None,
                    to_class_id=target.id,
                    reason="импорт",
                )
            )
        await classes_repo.add_memberships(self.s, started)
        await movements_repo.add_movements(self.s, moved, self.actor.subject)
        for m in started:
            self.emit(events_pb2.MembershipStarted(membership=membership_message(m)))
        for mv in moved:
            self.emit(enrolment_moved(mv))
        return len(moved)

    async def link_guardians(self, rows: list[ImportRow]) -> int:
        active = await people_repo.active_pairs(self.s)
        new: list[dict[str, Any]] = []
        for row in rows:
            for child in row.guardian_of:
                pair = (self.ids[row.key], self.ids[child])
                if pair in active:
                    continue
                active.add(pair)
                new.append(
                    {
                        "id": uuid.uuid4(),
                        "school_id": self.school_id,
                        "guardian_id": pair[0],
                        "student_id": pair[1],
                        "relation": int(row.relation),
                    }
                )
        await people_repo.add_guardianships(self.s, new)
        for values in new:
            self.emit(events_pb2.GuardianshipAdded(guardianship=guardianship_message(**values)))
        return len(new)
