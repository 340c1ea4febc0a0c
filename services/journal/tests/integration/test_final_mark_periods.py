"""The period of a final mark comes from its kind, not from the term the client names: a year
mark is locked when the year's last term is closed, a half-year mark needs a half-year, and
the class teacher sets marks only in the subjects of the class."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from .client import As, mark
from .final_marks_kit import HALF_YEAR, TermSpec, add_year, close, final, permit, put_final
from .world import build_school

TODAY = date.today()


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w)


async def test_a_year_mark_is_locked_by_the_years_last_term_whatever_term_is_named(
    school: Any,
) -> None:
    w, call = school
    q1 = TermSpec(days(-200), days(-140), 1)
    q2 = TermSpec(days(-130), days(-70), 2)
    year = await add_year(w, [q1, q2])
    await close(w, year, q2)
    for kind in ("year", "exam", "final"):
        named_open = final(w, "s1", w.math, kind, q1.id, "5")
        locked = await put_final(call, "math_5a", named_open)
        assert (locked.status_code, locked.json()["code"]) == (403, "term_closed"), kind
    await permit(call, q1.id, "math_5a")  # a permit for the open term does not open the year
    with_wrong_permit = final(w, "s1", w.math, "year", q1.id, "5", reason="опоздание")
    assert (await put_final(call, "math_5a", with_wrong_permit)).status_code == 403
    await permit(call, q2.id, "math_5a")
    no_reason = await put_final(call, "math_5a", final(w, "s1", w.math, "year", q1.id, "5"))
    assert (no_reason.status_code, no_reason.json()["code"]) == (422, "reason_required")
    done = await put_final(call, "math_5a", with_wrong_permit)
    assert done.status_code == 200, done.text
    assert done.json()["period_id"] == str(year) and done.json()["kind"] == "year"
    by_last = final(w, "s1", w.math, "year", q2.id, "4", reason="пересмотр")
    same_slot = await put_final(call, "math_5a", by_last)
    assert same_slot.json()["period_id"] == str(year) and same_slot.json()["version"] == 2


async def test_a_half_year_mark_needs_a_half_year_and_takes_its_lock(school: Any) -> None:
    w, call = school
    half = TermSpec(days(-60), days(60), 1, HALF_YEAR)
    quarter = TermSpec(days(-30), days(30), 2)
    year = await add_year(w, [half, quarter])
    by_quarter = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", quarter.id))
    assert by_quarter.status_code == 422, by_quarter.text
    assert by_quarter.json()["errors"][0]["code"] == "kind_not_for_term"
    ok = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", half.id))
    assert ok.status_code == 200 and ok.json()["period_id"] == str(half.id)
    term_of_half = await put_final(call, "math_5a", final(w, "s1", w.math, "term", half.id))
    assert term_of_half.status_code == 200, "a term mark may be set for a half-year"
    await close(w, year, half)
    locked = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", half.id, "5"))
    assert (locked.status_code, locked.json()["code"]) == (403, "term_closed")
    still = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", quarter.id, "5"))
    assert still.status_code == 422


@pytest.mark.parametrize("who", ["math_5b", "class_teacher_5b", "parent1", "s1"])
async def test_others_may_not_set_year_marks(school: Any, who: str) -> None:
    w, call = school
    refused = await put_final(call, who, final(w, "s1", w.math, "year", w.term))
    assert (refused.status_code, refused.json()["code"]) == (403, "final_forbidden")


async def test_the_class_teacher_sets_marks_in_the_subjects_of_the_class_only(
    school: Any,
) -> None:
    w, call = school
    random_subject = await put_final(
        call, "class_teacher_5a", final(w, "s1", uuid.uuid4(), "term", w.term)
    )
    assert random_subject.status_code == 422, random_subject.text
    assert random_subject.json()["errors"][0]["code"] == "subject_not_taught"
    geography = uuid.uuid4()
    await w.assign("math_5b", geography, "5Б")  # taught in 5Б, not in 5А
    elsewhere = await put_final(call, "class_teacher_5a", final(w, "s1", geography, "term", w.term))
    assert elsewhere.status_code == 422
    taught = await put_final(call, "class_teacher_5a", final(w, "s1", w.history, "term", w.term))
    assert taught.status_code == 200 and taught.json()["set_as"] == "class_teacher"

    music = uuid.uuid4()  # no assignment projected, but the student has marks in it
    lesson = await w.lesson("5А", music, "music_teacher", TODAY, period=3, subject_name="Музыка")
    saved = await call(
        "class_teacher_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/journal",
        json={"marks": [mark(w.person("s1"), "5")]},
    )
    assert saved.status_code == 200, saved.text
    with_marks = await put_final(call, "class_teacher_5a", final(w, "s1", music, "term", w.term))
    assert with_marks.status_code == 200, with_marks.text
    for who in ("class_teacher_5b", "parent1", "s1", "history_5a"):
        refused = await put_final(call, who, final(w, "s1", music, "term", w.term))
        assert refused.status_code == 403, who
