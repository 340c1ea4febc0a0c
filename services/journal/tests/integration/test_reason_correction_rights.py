"""A reason's correction needs the class teacher's journal.absence_reason.write (seed 002 2.9),
not the rights to write topics, marks or attendance: an administrator who narrows a class
teacher to corrections alone (seed 003 III.4-5) leaves them able to correct."""

from __future__ import annotations

from datetime import date
from typing import Any

from tabel_journal.domain import rights

from .client import As
from .test_rights_from_identity import journal_of, person_rights
from .world import build_school

TODAY = date.today()


async def test_a_class_teacher_narrowed_to_corrections_still_corrects(
    journal: Any, issuer: Any
) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    s1 = w.person("s1")
    absent = {"attendance": [{"student_id": str(s1), "status": "absent"}]}
    saved = await call("math_5a", "PUT", journal_of(lesson), json=absent)
    assert saved.status_code == 200, saved.text
    writing = (rights.LESSON_WRITE, rights.MARK_WRITE, rights.ATTENDANCE_WRITE)
    await person_rights(w, "class_teacher_5a", removed=writing)
    url = f"/v1/journal/lessons/{lesson}/attendance/{s1}/reason"
    corrected = await call(
        "class_teacher_5a", "PATCH", url, json={"status": "ill", "reason": "справка"}
    )
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["status"] == "ill"
    topic = await call("class_teacher_5a", "PUT", journal_of(lesson), json={"topic": "Дроби"})
    assert topic.status_code == 403, "the narrowed rights still refuse a writer's save"
