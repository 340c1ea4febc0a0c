"""The demo region's schools as identity sees them: school 1 activated by its administrator
(through a real activation code), school 2 awaiting activation with a printed code, and
accounts for the people of school 1 that the journal's demo uses, with their grants.

Identity seeds before roster does (devstack's order), so it writes the two schools' rows of
its projection itself, dated 1970: roster's SchoolCreated events overwrite them when they
come (the projection keeps only newer events)."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from uuid import UUID

from tabel.roster.v1 import schools_pb2
from tabel_identity.adapters import schools_projection
from tabel_identity.adapters.audit_repo import Source
from tabel_identity.domain.errors import GrantExists, UsernameTaken
from tabel_identity.domain.grants import Scope, ScopeKind
from tabel_identity.domain.permissions import Role
from tabel_identity.service_layer import activation
from tabel_identity.service_layer.accounts import RegisterAccount, register_account
from tabel_identity.service_layer.authorization import Actor
from tabel_identity.service_layer.grants import GrantRole, add_grant_in
from tabel_identity.settings import realm_of
from tabel_identity.wiring import identity_of
from tabel_platform.demo import demo_id
from tabel_platform.runtime import Runtime

SCHOOL_1, SCHOOL_2 = demo_id("school/1"), demo_id("school/2")
SCHOOLS = [
    (SCHOOL_1, "МБОУ «Средняя общеобразовательная школа № 1»", "Школа № 1", "school1.localhost"),
    (SCHOOL_2, "МБОУ «Гимназия № 2»", "Гимназия № 2", "gym2.localhost"),
]
CLASS_5A, MATH = demo_id("school/1/class/5А"), demo_id("school/1/subject/Математика")
ADMIN_1 = ("admin1", "nastrojka-2026", "Администратор Школы № 1")
# username, development password, person (the journal demo's ids), role, scopes, who
PEOPLE: list[tuple[str, str, UUID, Role, list[Scope | None], str]] = [
    ("uchitel1", "matematika-2026", demo_id("school/1/person/teacher/3"), Role.TEACHER,
     [None, Scope(ScopeKind.CLASS, CLASS_5A), Scope(ScopeKind.SUBJECT, MATH)],
     "учитель математики 5А"),
    ("direktor", "rukovodstvo-2026", demo_id("school/1/person/teacher/1"), Role.DIRECTOR, [None],
     "директор"),
    ("uchenik1", "dnevnik-2026", demo_id("school/1/person/student/5А/1"), Role.STUDENT, [None],
     "ученик 5А"),
    ("roditel1", "semya-2026", demo_id("school/1/person/guardian/5А/1/1"), Role.GUARDIAN, [None],
     "родитель ученика 5А (дети — по связям из roster)"),
]  # fmt: skip
SEED = Actor(subject="demo-seed", user_agent="seed-demo")


async def seed_schools(runtime: Runtime) -> list[str]:
    async with runtime.uow(all_schools=True) as uow:
        for school_id, name, short, domain in SCHOOLS:
            school = schools_pb2.School(
                id=str(school_id), municipality_id=str(demo_id("municipality/1")), name=name,
                short_name=short, domains=[domain], time_zone="Europe/Moscow",
            )  # fmt: skip
            await schools_projection.upsert(uow.session, school, datetime(1970, 1, 1, tzinfo=UTC))
    lines = [await _activate_school_1(runtime), await _code_for_school_2(runtime)]
    for username, password, person, role, scopes, who in PEOPLE:
        lines.append(await _person_account(runtime, username, password, person, role, scopes, who))
    return lines


async def _activate_school_1(runtime: Runtime) -> str:
    username, password, name = ADMIN_1
    hint = f"вход: {username} / {password}"
    async with runtime.uow(all_schools=True) as uow:
        school = await schools_projection.get(uow.session, SCHOOL_1)
    if school is not None and school.status == "active":
        return f"identity: Школа № 1 активирована; администратор школы — {hint}"
    operator = Actor(subject=str(demo_id("account/operator")), user_agent="seed-demo")
    issued = await activation.issue_code(
        runtime=runtime, school_id=SCHOOL_1, valid_for=timedelta(days=1), by=operator
    )
    await activation.redeem_code(
        runtime=runtime, identity=identity_of(runtime), host="school1.localhost",
        typed_code=issued.code, source=Source("127.0.0.1", "seed-demo"),
        admin=activation.FirstAdministrator(username=username, password=password,
                                            display_name=name),
    )  # fmt: skip
    return f"identity: Школа № 1 активирована кодом активации; администратор школы — {hint}"


async def _code_for_school_2(runtime: Runtime) -> str:
    async with runtime.uow(all_schools=True) as uow:
        school = await schools_projection.get(uow.session, SCHOOL_2)
    if school is not None and school.status == "active":
        return "identity: Гимназия № 2 уже активирована"
    operator = Actor(subject=str(demo_id("account/operator")), user_agent="seed-demo")
    issued = await activation.issue_code(
        runtime=runtime, school_id=SCHOOL_2, valid_for=timedelta(days=14), by=operator
    )
    return (
        f"identity: Гимназия № 2 ждёт активации; код активации {issued.code} (действует до "
        f"{issued.expires_at:%d.%m.%Y}, прежние коды отозваны). Активировать: POST "
        f"/v1/activation с заголовком Host: gym2.localhost и телом "
        f'{{"code": "{issued.code}", "username": "admin2", "password": "…", '
        f'"display_name": "ФИО"}}'
    )


async def _person_account(
    runtime: Runtime, username: str, password: str, person: UUID, role: Role,
    scopes: list[Scope | None], who: str,
) -> str:  # fmt: skip
    command = RegisterAccount(
        username=username, password=password, person_id=person,
        school_ids=frozenset({SCHOOL_1}), account_id=demo_id(f"account/{username}"),
    )  # fmt: skip
    with contextlib.suppress(UsernameTaken):  # seeded before
        await register_account(identity_of(runtime), command)
    for scope in scopes:
        grant = GrantRole(school_id=SCHOOL_1, account_id=command.account_id or person,
                          role=role, scope=scope, person_id=person)  # fmt: skip
        try:
            async with runtime.uow(school_id=SCHOOL_1) as uow:
                await add_grant_in(uow, realm=realm_of(runtime.settings), command=grant, by=SEED)
        except GrantExists:
            pass  # seeded before
    return f"identity: Школа № 1, {who} — вход: {username} / {password}"
