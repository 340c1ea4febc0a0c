"""Use case: generated logins and one-time passwords for a class's students and their
guardians (seed 003, II.2.2, initial mass filling), returned as letters to print for the
parents. Passwords exist only in the returned letters; the first login forces a change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tabel_identity.adapters import audit_repo, invitations_repo, schools_projection
from tabel_identity.adapters import people_projection as pp
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.adapters.people_projection import KnownPerson
from tabel_identity.domain.errors import (
    ClassNotKnown,
    PersonHasAccount,
    SchoolNotKnown,
    UsernameTaken,
)
from tabel_identity.domain.logins import generated_username, one_time_password
from tabel_identity.domain.permissions import Role
from tabel_identity.service_layer.authorization import Actor, require
from tabel_identity.service_layer.directory import UserDirectory
from tabel_identity.service_layer.grants import event_actor
from tabel_identity.service_layer.invitations import MANAGE
from tabel_identity.service_layer.linking import (
    NewLogin,
    create_linked_account,
    discarded_on_failure,
)
from tabel_identity.settings import realm_of
from tabel_platform.runtime import Runtime

_ATTEMPTS = 20  # random digits make a clash rare; this bounds the retries


@dataclass(frozen=True)
class Login:
    person: KnownPerson
    username: str
    password: str | None  # None: the person already had an account


@dataclass(frozen=True)
class Letter:
    """One family's letter: a student and each of their guardians."""

    student: Login
    guardians: list[Login]


@dataclass(frozen=True)
class ClassLetters:
    school_name: str
    school_url: str
    class_name: str
    letters: list[Letter]
    created: int


async def issue_class_logins(
    *, runtime: Runtime, directory: UserDirectory, school_id: UUID, class_id: UUID, by: Actor
) -> ClassLetters:
    realm, now, created = realm_of(runtime.settings), datetime.now(UTC), 0
    async with runtime.uow(school_id=school_id) as uow:
        await require(uow.session, by, MANAGE, school_id)
        school = await schools_projection.get(uow.session, school_id)
        class_name = await pp.class_name(uow.session, school_id, class_id)
        if school is None:
            raise SchoolNotKnown()
        if class_name is None:
            raise ClassNotKnown()
        families = await pp.students_with_guardians(uow.session, school_id, class_id)
    letters = []
    for student, guardians in families:
        logins = []
        for person, role in [(student, Role.STUDENT)] + [(g, Role.GUARDIAN) for g in guardians]:
            login = await _login_for(runtime, directory, realm, person, role, by)
            created += login.password is not None
            logins.append(login)
        letters.append(Letter(logins[0], logins[1:]))
    async with runtime.uow(school_id=school_id) as uow:
        await audit_repo.record(uow.session, AuditEntry(
            kind="logins_generated", outcome="ok", at=now, school_id=school_id,
            actor_account_id=by.account_id, source=Source(by.ip, by.user_agent),
            details={"class_id": str(class_id), "created": created},
        ))  # fmt: skip
    url = f"https://{school.domains[0]}/" if school.domains else ""
    return ClassLetters(school.name, url, class_name, letters, created)


async def _login_for(
    runtime: Runtime, directory: UserDirectory, realm: str, person: KnownPerson, role: Role,
    by: Actor,
) -> Login:  # fmt: skip
    """A new account with a one-time password, or the person's existing username."""
    existing = await _existing(runtime, realm, person)
    if existing is not None:
        return Login(person, existing, None)
    password = one_time_password()
    for _ in range(_ATTEMPTS):
        username = generated_username(person.last_name, person.first_name)
        try:
            async with (
                discarded_on_failure(directory) as created,
                runtime.uow(school_id=person.school_id, actor=event_actor(by)) as uow,
            ):
                await create_linked_account(
                    uow, directory=directory, realm=realm, person=person,
                    login=NewLogin(username, password, one_time=True), role=role, scope=None,
                    by=by, created=created,
                )  # fmt: skip
            return Login(person, username, password)
        except UsernameTaken:
            continue
        except PersonHasAccount:  # an invitation was redeemed meanwhile
            return Login(person, await _existing(runtime, realm, person) or "", None)
    raise UsernameTaken(person.full_name)


async def _existing(runtime: Runtime, realm: str, person: KnownPerson) -> str | None:
    async with runtime.uow(school_id=person.school_id) as uow:
        found = await invitations_repo.accounts_of_people(uow.session, realm, [person.person_id])
    return found.get(person.person_id)
