"""Writing a OneRoster bundle's records into one school, inside an open transaction."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.roster.v1 import events_pb2
from tabel_platform.errors import InvalidInput
from tabel_platform.events.envelope import Actor
from tabel_roster.adapters import classes_repo, movements_repo, people_repo
from tabel_roster.domain.classes import Membership, SchoolClass
from tabel_roster.domain.events import enrolment_moved, guardianship_message, membership_message
from tabel_roster.domain.movements import Movement, MovementKind
from tabel_roster.domain.oneroster_columns import Row
from tabel_roster.domain.oneroster_data import RELATION_NAMES
from tabel_roster.domain.people import PersonalData, PersonKind, Relation
from tabel_roster.service_layer import consents, people
from tabel_roster.service_layer.classes import CreateClass, add_class, assign_in
from tabel_roster.service_layer.emit import Emit

KIND_OF_ROLE = {
    "student": PersonKind.STUDENT,
    "parent": PersonKind.GUARDIAN,
    "guardian": PersonKind.GUARDIAN,
    "relative": PersonKind.GUARDIAN,
}
POSITION_OF_ROLE = {
    "teacher": "teacher",
    "principal": "director",
    "administrator": "deputy_director",
}
RELATION_OF_NAME = {v: k for k, v in RELATION_NAMES.items()}


class BundleWriter:
    def __init__(
        self,
        session: AsyncSession,
        emit: Emit,
        school_id: UUID,
        actor: Actor,
        known: dict[str, dict[str, UUID]],
        errors: list[dict[str, Any]],
    ) -> None:
        self.s, self.emit, self.school_id, self.actor, self.errors = (
            session,
            emit,
            school_id,
            actor,
            errors,
        )
        self.ids = {k: dict(v) for k, v in known.items()}
        self.new_keys: dict[str, dict[str, UUID]] = {"class": {}, "user": {}, "enrollment": {}}
        self.guardian_users: set[str] = set()

    def _error(self, file: str, n: int, column: str, text: str) -> None:
        self.errors.append({"file": f"{file}.csv", "row": n, "column": column, "message": text})

    async def classes(self, rows: list[Row], sessions: dict[str, int]) -> int:
        created = 0
        for n, r in enumerate(rows, start=2):
            if r["sourcedId"] in self.ids["class"]:
                continue
            year = sessions.get(r.get("termSourcedIds", "").split(",")[0])
            m = re.match(r"^(\d{1,2})\s*([А-ЯЁ]?)$", r.get("title", "").strip())
            if year is None or m is None:
                self._error(
                    "classes",
                    n,
                    "title" if m is None else "termSourcedIds",
                    "Класс не распознан: нужен учебный год и название вида «5А».",
                )
                continue
            grade, letter = int(m.group(1)), m.group(2)
            c = await classes_repo.find_class(self.s, year=year, grade=grade, letter=letter)
            if c is None:
                try:
                    c = await add_class(
                        self.s,
                        self.emit,
                        CreateClass(self.school_id, year, grade, letter),
                        starts_on=date(year, 9, 1),
                    )
                except InvalidInput as exc:
                    self._error("classes", n, "grades", exc.message)
                    continue
                created += 1
            self.ids["class"][r["sourcedId"]] = self.new_keys["class"][r["sourcedId"]] = c.id
        return created

    async def users(
        self, rows: list[Row], roles: list[Row], demographics: list[Row]
    ) -> tuple[int, int]:
        role_of: dict[str, list[str]] = {}
        for r in roles:
            role_of.setdefault(r["userSourcedId"], []).append(r["role"])
        demo = {r["sourcedId"]: r for r in demographics}
        created = dropped = 0
        for n, r in enumerate(rows, start=2):
            if r["sourcedId"] in self.ids["user"]:
                continue
            user_roles = role_of.get(r["sourcedId"], [])
            kinds = list(dict.fromkeys(KIND_OF_ROLE.get(x, PersonKind.STAFF) for x in user_roles))
            if PersonKind.GUARDIAN in kinds:
                self.guardian_users.add(r["sourcedId"])
            positions = r.get("metadata.tabel.positions", "").split() or [
                POSITION_OF_ROLE[x] for x in user_roles if x in POSITION_OF_ROLE
            ]
            given_by = r.get("metadata.tabel.consentGivenBy", "").strip()
            d = demo.get(r["sourcedId"], {})
            data = PersonalData(
                birth_date=date.fromisoformat(d["birthDate"]) if d.get("birthDate") else None,
                sex={"male": 1, "female": 2}.get(d.get("sex", ""), 0),
                email=r.get("email") or None,
                phone=r.get("phone") or None,
            )
            if not given_by and data.present():
                dropped += 1  # no consent recorded at the source: only the name is kept
                data = PersonalData()
            command = people.CreatePerson(
                school_id=self.school_id,
                last_name=r.get("familyName", ""),
                first_name=r.get("givenName", ""),
                middle_name=r.get("middleName", ""),
                kinds=kinds,
                positions=positions if PersonKind.STAFF in kinds else [],
                consent=consents.ConsentGiven(given_by=given_by, document_ref="OneRoster")
                if given_by
                else None,
                data=data,
            )
            try:
                person = people.person_from(command)
            except InvalidInput as exc:
                self._error("users", n, str((exc.errors or [{}])[0].get("field", "")), exc.message)
                continue
            await people.add_person(self.s, self.emit, person, command.consent, self.actor)
            self.ids["user"][r["sourcedId"]] = self.new_keys["user"][r["sourcedId"]] = person.id
            created += 1
        return created, dropped

    async def enrollments(self, rows: list[Row], sessions: dict[str, int]) -> int:
        written = 0
        ordered = sorted(enumerate(rows, start=2), key=lambda nr: nr[1].get("beginDate", ""))
        for n, r in ordered:
            if r["sourcedId"] in self.ids["enrollment"]:
                continue
            class_id, person_id = (
                self.ids["class"].get(r["classSourcedId"]),
                self.ids["user"].get(r["userSourcedId"]),
            )
            if class_id is None or person_id is None:
                self._error(
                    "enrollments",
                    n,
                    "classSourcedId" if class_id is None else "userSourcedId",
                    "Ссылка на неизвестный класс или пользователя.",
                )
                continue
            c = await classes_repo.get_class(self.s, class_id)
            assert c is not None
            if r["role"] == "teacher":
                if r.get("primary") == "true":
                    await assign_in(
                        self.s, self.emit, c, person_id, date(c.academic_year_start, 9, 1)
                    )
            elif r["role"] == "student":
                await self._membership(r, c, person_id)
            self.ids["enrollment"][r["sourcedId"]] = self.new_keys["enrollment"][r["sourcedId"]] = (
                class_id
            )
            written += 1
        return written

    async def _membership(self, r: Row, c: SchoolClass, person_id: UUID) -> None:
        begin = (
            date.fromisoformat(r["beginDate"])
            if r.get("beginDate")
            else date(c.academic_year_start, 9, 1)
        )
        end = date.fromisoformat(r["endDate"]) if r.get("endDate") else None
        first = not await classes_repo.person_history(self.s, person_id)
        m = Membership(uuid.uuid4(), self.school_id, person_id, begin, class_id=c.id, ends_on=end)
        await classes_repo.add_membership(self.s, m)
        self.emit(events_pb2.MembershipStarted(membership=membership_message(m)))
        if first:
            movement = Movement(
                uuid.uuid4(),
                self.school_id,
                person_id,
                MovementKind.ADMISSION,
                begin,
                to_class_id=c.id,
                reason="импорт OneRoster",
            )
            await movements_repo.add_movement(self.s, movement, self.actor.subject)
            self.emit(enrolment_moved(movement))

    async def agents(self, rows: list[Row]) -> int:
        added = 0
        for r in rows:
            guardian = self.ids["user"].get(r["sourcedId"])
            if guardian is None or r["sourcedId"] not in self.guardian_users:
                continue  # agents are listed on both sides; the guardian's row makes the link
            relation = RELATION_OF_NAME.get(r.get("metadata.tabel.relation", ""), Relation.OTHER)
            for agent in filter(None, r.get("agentSourcedIds", "").split(",")):
                student = self.ids["user"].get(agent)
                if student is None or await people_repo.active_guardianship(
                    self.s, pair=(guardian, student)
                ):
                    continue
                values: dict[str, Any] = {
                    "id": uuid.uuid4(),
                    "school_id": self.school_id,
                    "guardian_id": guardian,
                    "student_id": student,
                    "relation": int(relation),
                }
                await people_repo.add_guardianship(self.s, **values)
                self.emit(events_pb2.GuardianshipAdded(guardianship=guardianship_message(**values)))
                added += 1
        return added
