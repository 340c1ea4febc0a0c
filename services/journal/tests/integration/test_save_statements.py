"""The new rules cost the common save nothing: a save by the lesson's own teacher — also when
they lead the class, and when the save meets a reason the class teacher corrected — is still
the prelude, the lesson's state and the write (the tenant setting and the outbox aside)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import event

from tabel_journal.service_layer.lesson_journal import (
    AttendanceInput,
    MarkInput,
    SaveLessonJournal,
    save_lesson_journal,
)
from tabel_platform.auth.principal import Principal

from .client import As
from .world import World, build_school

TODAY = date.today()
# An event consumer applying concurrently on the same engine runs each event in a savepoint
# (its inbox rows are left out already); the save itself never opens one.
_BOOKKEEPING = re.compile(r"set_config|outbox|inbox|^(RELEASE )?SAVEPOINT", re.IGNORECASE)


@contextmanager
def statements(journal: Any) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if not _BOOKKEEPING.search(sql):
            seen.append(sql)

    engine = journal.runtime.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def save(journal: Any, w: World, who: str, lesson: uuid.UUID, status: str) -> Any:
    s1, s2 = w.person("s1"), w.person("s2")
    return await save_lesson_journal(
        runtime=journal.runtime,
        school_id=w.school,
        principal=Principal(subject=f"test-{who}", issuer="test", person_id=w.person(who)),
        command=SaveLessonJournal(
            lesson_id=lesson,
            topic="Дроби",
            marks=[MarkInput(uuid.uuid4(), s2, "5", "oral")],
            attendance=[AttendanceInput(s1, status)],
        ),
        idempotency_key=str(uuid.uuid4()),
        request_payload={"lesson": str(lesson), "status": status},
    )


async def test_the_common_save_stays_three_statements(journal: Any, issuer: Any) -> None:
    w = await build_school(journal, TODAY)
    await w.assign("class_teacher_5a", w.math, "5А")  # leads 5А and teaches it maths
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    s1 = w.person("s1")
    with statements(journal) as seen:
        await save(journal, w, "class_teacher_5a", lesson, "absent")
    assert len(seen) == 3, seen
    fixed = await call(
        "class_teacher_5a",
        "PATCH",
        f"/v1/journal/lessons/{lesson}/attendance/{s1}/reason",
        json={"status": "ill", "reason": "справка"},
    )
    assert fixed.status_code == 200, fixed.text
    with statements(journal) as seen:
        kept = await save(journal, w, "math_5a", lesson, "absent")
    assert [k["code"] for k in kept["kept"]] == ["reason_corrected"]
    assert len(seen) == 3, seen
