"""An account for a person of roster, in an open unit of work: the account linked to the
person (`AccountLinked`), the grant of its role (`GrantAdded`), both in one transaction, so
the first token already carries `tabel_person_id` and `tabel_school_ids`."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.identity.v1 import events_pb2
from tabel_identity.adapters.people_projection import KnownPerson
from tabel_identity.adapters.tables import accounts, people
from tabel_identity.domain.errors import PersonHasAccount, PersonNotKnown
from tabel_identity.domain.grants import Scope
from tabel_identity.domain.permissions import Role
from tabel_identity.service_layer.authorization import Actor
from tabel_identity.service_layer.directory import DirectoryUser, UserDirectory
from tabel_identity.service_layer.grants import GrantRole, add_grant_in
from tabel_platform.db.uow import UnitOfWork


@dataclass(frozen=True)
class NewLogin:
    username: str
    password: str
    one_time: bool  # a one-time password printed on a letter: changed at the first login


async def lock_person(session: AsyncSession, school_id: UUID, person_id: UUID) -> None:
    """Serialises account creation per person: two parallel redemptions or a letter run and
    a redemption cannot both make an account for one person."""
    query = (
        select(people.c.person_id)
        .where(people.c.school_id == school_id, people.c.person_id == person_id)
        .with_for_update()
    )
    if (await session.execute(query)).first() is None:
        raise PersonNotKnown()


async def username_of_person(session: AsyncSession, realm: str, person_id: UUID) -> str | None:
    query = select(accounts.c.username).where(
        accounts.c.realm == realm, accounts.c.person_id == person_id
    )
    return (await session.execute(query)).scalars().first()


async def create_linked_account(
    uow: UnitOfWork,
    *,
    directory: UserDirectory,
    realm: str,
    person: KnownPerson,
    login: NewLogin,
    role: Role,
    scope: Scope | None,
    by: Actor,
    created: list[UUID],
    invitation_id: UUID | None = None,
) -> UUID:
    """The new account's id (the IdP subject), also appended to `created` (from
    `discarded_on_failure`)."""
    await lock_person(uow.session, person.school_id, person.person_id)
    if await username_of_person(uow.session, realm, person.person_id) is not None:
        raise PersonHasAccount()
    user = DirectoryUser(
        username=login.username, password=login.password, temporary=login.one_time,
        person_id=person.person_id, school_ids=frozenset({person.school_id}),
        last_name=person.last_name, first_name=person.first_name,
        middle_name=person.middle_name, email=person.email,
    )  # fmt: skip
    subject = await directory.create_user(user, session=uow.session)
    created.append(subject)
    command = GrantRole(school_id=person.school_id, account_id=subject, role=role,
                        scope=scope, person_id=person.person_id)  # fmt: skip
    await add_grant_in(uow, realm=realm, command=command, by=by)
    uow.emit(events_pb2.AccountLinked(
        account_id=str(subject), subject=str(subject), identity_provider=directory.name,
        school_id=str(person.school_id), person_id=str(person.person_id),
        invitation_code_id=str(invitation_id) if invitation_id else "",
    ))  # fmt: skip
    return subject


@contextlib.asynccontextmanager
async def discarded_on_failure(directory: UserDirectory) -> AsyncIterator[list[UUID]]:
    """Wrap the unit of work: users the directory made are discarded if it does not commit
    (Keycloak is outside the transaction; the embedded accounts roll back with it)."""
    created: list[UUID] = []
    try:
        yield created
    except BaseException:
        for subject in created:
            await directory.discard_user(subject)
        raise
