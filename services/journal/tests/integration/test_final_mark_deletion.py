"""Deleting a final mark: with a reason, by those who may set it, kept in the history,
published as FinalMarkDeleted, replay-safe with an Idempotency-Key, locked in a closed term."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As
from .final_marks_kit import delete_final, final, history_of, permit, put_final
from .test_lesson_entries import outbox
from .world import build_school

TODAY = date.today()
DELETED = "tabel.journal.final_mark.deleted.v1"


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, dict[str, Any]]:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    body = final(w, "s1", w.math, "term", w.term, "4")
    assert (await put_final(call, "math_5a", body)).status_code == 200
    return w, call, body


@pytest.mark.parametrize("who", ["math_5b", "history_5a", "class_teacher_5b", "parent1", "s1"])
async def test_only_who_may_set_the_mark_may_delete_it(school: Any, who: str) -> None:
    _, call, body = school
    refused = await delete_final(call, who, body, "ошибка")
    assert (refused.status_code, refused.json()["code"]) == (403, "final_forbidden")


async def test_a_deletion_needs_a_reason_and_is_kept_in_the_history(
    school: Any, journal: Any
) -> None:
    w, call, body = school
    assert (await delete_final(call, "math_5a", body, None)).status_code == 422
    blank = await delete_final(call, "math_5a", body, "  ")
    assert (blank.status_code, blank.json()["code"]) == (422, "reason_required")

    gone = await delete_final(call, "math_5a", body, "выставлена не тому ученику", key="del-1")
    assert gone.status_code == 200, gone.text
    assert gone.json()["deleted"] is True and gone.json()["version"] == 2
    again = await delete_final(call, "math_5a", body, "выставлена не тому ученику", key="del-1")
    assert again.status_code == 200 and again.json() == gone.json()
    other = await delete_final(call, "math_5a", body, "другая причина", key="del-1")
    assert other.status_code == 409
    missing = await delete_final(call, "math_5a", body, "ещё раз")
    assert (missing.status_code, missing.json()["code"]) == (404, "final_mark_not_found")
    assert (await outbox(journal, w.school)).count(DELETED) == 1

    summary = await call("parent1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{w.term}")
    assert all(not s["final_marks"] for s in summary.json()["subjects"])
    versions = (await history_of(call, "math_5a", "s1", w.math)).json()["versions"]
    deletion = versions[-1]
    assert deletion["action"] == "delete" and deletion["after"] is None
    assert deletion["before"]["value"] == "4"
    assert deletion["reason"] == "выставлена не тому ученику"
    assert deletion["actor_person_id"] == str(w.person("math_5a"))

    again_set = await put_final(call, "class_teacher_5a", {**body, "value": "5"})
    assert again_set.status_code == 200 and again_set.json()["version"] == 3
    actions = [
        v["action"] for v in (await history_of(call, "director", "s1", w.math)).json()["versions"]
    ]
    assert actions == ["create", "delete", "create"]


async def test_in_a_closed_term_a_deletion_needs_a_permit_and_a_reason(school: Any) -> None:
    w, call, body = school
    await w.close_term()
    locked = await delete_final(call, "math_5a", body, "ошибка")
    assert (locked.status_code, locked.json()["code"]) == (403, "term_closed")
    await permit(call, w.term, "math_5a")
    assert (await delete_final(call, "math_5b", body, "ошибка")).status_code == 403
    done = await delete_final(call, "math_5a", body, "исправление по приказу")
    assert done.status_code == 200, done.text


async def test_deleting_an_unknown_final_mark_is_a_404(school: Any) -> None:
    _, call, body = school
    unknown = await delete_final(call, "math_5a", {**body, "kind": "year"}, "ошибка")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "final_mark_not_found")
    no_term = await delete_final(call, "math_5a", {**body, "term_id": str(uuid.uuid4())}, "x")
    assert (no_term.status_code, no_term.json()["code"]) == (404, "term_not_found")
