"""Who may upload a file and who may download it, and for how long: teachers upload for
homework, students for their submissions; a file taken off homework (or of withdrawn
homework, or off a submission) is no longer served to students and guardians, while its
uploader and the lesson's teachers keep it; a file the store lost is a 404, logged."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .client import As
from .world import World, build_school

TODAY = date.today()
FILES = "/v1/journal/attachments"


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


def stored(journal: Any, w: World) -> list[Path]:
    root = Path(journal.runtime.settings.attachments_dir) / str(w.school)
    return sorted(root.rglob("*")) if root.exists() else []


async def upload(call: As, who: str, data: bytes = b"%PDF-1.4") -> Any:
    return await call(
        who, "POST", FILES, content=data, content_type="application/pdf", params={"filename": "f"}
    )


async def give(call: As, lesson: uuid.UUID, hw: uuid.UUID, files: list[str]) -> None:
    url = f"/v1/journal/lessons/{lesson}/homework/{hw}"
    body = {"text": "№ 1", "attachment_ids": files, "submission_required": True}
    r = await call("math_5a", "PUT", url, json=body)
    assert r.status_code == 200, r.text


async def status(call: As, who: str, file_id: str) -> int:
    return (await call(who, "GET", f"{FILES}/{file_id}")).status_code


async def test_only_teachers_and_students_upload_and_a_refusal_stores_nothing(
    school: tuple[World, As, uuid.UUID], journal: Any
) -> None:
    w, call, _ = school
    for who in ("parent1", "director", "stranger"):
        refused = await upload(call, who)
        assert refused.status_code == 403, (who, refused.text)
        assert refused.json()["code"] == "attachment_forbidden"
        assert "учителя" in refused.json()["detail"]
    assert stored(journal, w) == [], "a refused upload leaves no file behind"
    for who in ("math_5a", "class_teacher_5a", "s1"):
        assert (await upload(call, who)).status_code == 201, who
    assert len(stored(journal, w)) == 3


async def test_a_file_taken_off_homework_is_no_longer_served_to_the_family(
    school: tuple[World, As, uuid.UUID],
) -> None:
    _, call, lesson = school
    kept, dropped = [(await upload(call, "math_5a")).json()["id"] for _ in range(2)]
    hw = uuid.uuid4()
    await give(call, lesson, hw, [kept, dropped])
    assert [await status(call, who, dropped) for who in ("s1", "parent1")] == [200, 200]
    await give(call, lesson, hw, [kept])
    for who, expected in (("s1", 403), ("parent1", 403), ("b1", 403)):
        assert await status(call, who, dropped) == expected, who
    for who in ("s1", "parent1", "math_5a", "class_teacher_5a", "director"):
        assert await status(call, who, kept) == 200, who
    for who in ("math_5a", "class_teacher_5a", "director"):
        assert await status(call, who, dropped) == 200, "the uploader and the lesson's staff"

    gone = await call(
        "math_5a", "DELETE", f"/v1/journal/lessons/{lesson}/homework/{hw}", params={"reason": "x"}
    )
    assert gone.status_code == 204
    assert [await status(call, who, kept) for who in ("s1", "parent1")] == [403, 403]
    assert [await status(call, who, kept) for who in ("math_5a", "class_teacher_5a")] == [200, 200]


async def test_a_file_taken_off_a_submission_is_no_longer_served_to_the_guardian(
    school: tuple[World, As, uuid.UUID],
) -> None:
    w, call, lesson = school
    hw = uuid.uuid4()
    await give(call, lesson, hw, [])
    photo = (await upload(call, "s1", b"photo")).json()["id"]
    sub = f"/v1/journal/homework/{hw}/submissions/{w.person('s1')}"
    assert (await call("s1", "PUT", sub, json={"text": "1", "attachment_ids": [photo]})).is_success
    assert await status(call, "parent1", photo) == 200
    assert (await call("s1", "PUT", sub, json={"text": "2", "attachment_ids": []})).is_success
    assert await status(call, "parent1", photo) == 403
    assert await status(call, "parent2", photo) == 403
    assert [await status(call, who, photo) for who in ("s1", "math_5a")] == [200, 200]


async def test_a_file_the_store_lost_is_a_404_and_logged(
    school: tuple[World, As, uuid.UUID], journal: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    w, call, lesson = school
    file_id = (await upload(call, "math_5a", b"tasks")).json()["id"]
    await give(call, lesson, uuid.uuid4(), [file_id])
    for path in stored(journal, w):
        if path.is_file():
            path.unlink()
    capfd.readouterr()
    r = await call("s1", "GET", f"{FILES}/{file_id}")
    assert r.status_code == 404, r.text
    assert r.json()["code"] == "attachment_missing"
    assert "загрузить его снова" in r.json()["detail"]
    logged = capfd.readouterr().out
    assert "journal.attachment_missing" in logged and file_id in logged
    assert await status(call, "b1", file_id) == 403, "the wrong person learns nothing more"


async def test_a_file_name_with_control_characters_is_kept_without_them(
    school: tuple[World, As, uuid.UUID],
) -> None:
    _, call, _ = school
    r = await call("s1", "POST", FILES, content=b"x", params={"filename": "ре\x00ше\nние/1.jpg"})
    assert r.status_code == 201, r.text
    assert r.json()["filename"] == "решение_1.jpg"
