"""Generated logins for a class (initial mass filling): letters to print for the parents as
a PDF with Cyrillic text, one-time passwords that must be changed at the first login."""

from __future__ import annotations

import io
import re

import pytest
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError
from pypdf import PdfReader

from tabel.roster.v1 import people_pb2

from .conftest import Region

pytestmark = pytest.mark.integration
STUDENT, GUARDIAN = people_pb2.PERSON_KIND_STUDENT, people_pb2.PERSON_KIND_GUARDIAN
# One row of the table: the person, the login, the password (or that it was issued before).
ROW = re.compile(r"(Учащийся|Родитель): (\S+ \S+)\s+([a-z]+\.[a-z]+\d{4})\s+(\S+)")


def pages(pdf: bytes) -> list[str]:
    """Each page's text, whitespace (line breaks of wrapped lines) made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


async def test_letters_give_each_family_its_logins(region: Region) -> None:
    school, feed = await region.onboard(), region.feed
    sid = school.school_id
    c5a = await feed.school_class(sid, "5А")
    masha = await feed.person(sid, "Ёлкина", "Маша", STUDENT)
    vanya = await feed.person(sid, "Ёлкин", "Ваня", STUDENT)
    mother = await feed.person(sid, "Ёлкина", "Жанна", GUARDIAN)
    for child in (masha, vanya):
        await feed.member(sid, child, c5a)
        await feed.guardian_of(sid, mother, child)
    await feed.settled()
    url = f"/v1/schools/{sid}/classes/{c5a}/login-letters"

    async with region.http(school.admin_token) as http:
        answer = await http.post(url)
    assert answer.status_code == 201, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["x-tabel-accounts-created"] == "3"  # two children, one mother
    text = pages(answer.content)
    assert len(text) == 2  # a page per child, alphabetical
    assert "Ёлкин Ваня, 5А класс" in text[0] and "Ёлкина Маша, 5А класс" in text[1]
    assert "сменить временный пароль" in text[0]
    rows = [ROW.findall(t) for t in text]
    assert [r[1] for r in rows[0]] == ["Ёлкин Ваня", "Ёлкина Жанна"]
    mother_login, mother_password = rows[0][1][2], rows[0][1][3]
    assert rows[1][1][2] == mother_login and rows[1][1][3] == "вход"  # issued on page one

    # The one-time password works only to set one's own.
    student_login, student_password = rows[0][0][2], rows[0][0][3]
    with pytest.raises((KeycloakAuthenticationError, KeycloakPostError)) as refused:
        await region.provider.password_token(mother_login, mother_password)
    assert "password must be changed" in str(refused.value)
    async with region.http() as http:
        changed = await http.post("/v1/accounts/password", json={
            "username": mother_login, "current_password": mother_password,
            "new_password": "Moj-parol-2026",
        })  # fmt: skip
    assert changed.status_code == 204, changed.text
    principal = await region.provider.validator().validate(
        await region.provider.password_token(mother_login, "Moj-parol-2026")
    )
    assert principal.person_id == mother and principal.school_ids == frozenset({sid})

    async with region.http(school.admin_token) as http:
        again = await http.post(url)
    assert again.headers["x-tabel-accounts-created"] == "0"  # nobody gets a second login
    assert student_login in "".join(pages(again.content))
    assert student_password not in "".join(pages(again.content))


async def test_only_the_schools_account_manager_prints_letters(region: Region) -> None:
    school, other = await region.onboard(), await region.onboard()
    c5a = await region.feed.school_class(school.school_id, "5А")
    await region.feed.settled()
    _, teacher_token = await region.person_account(school.school_id)
    url = f"/v1/schools/{school.school_id}/classes/{c5a}/login-letters"
    async with region.http(teacher_token) as http:
        by_teacher = await http.post(url)
    async with region.http(other.admin_token) as http:
        by_other_admin = await http.post(url)
    async with region.http(school.admin_token) as http:
        no_class = await http.post(
            f"/v1/schools/{school.school_id}/classes/{other.school_id}/login-letters"
        )
    assert by_teacher.status_code == 403 and by_other_admin.status_code == 403
    assert (no_class.status_code, no_class.json()["code"]) == (404, "class_not_known")
