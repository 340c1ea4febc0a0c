"""The diary of a student (seed 003 II.2.1): the week, marks by subject with averages and a
forecast of the term mark, final marks. For the student, their guardians, their class
teacher and management only."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import diary_queries, diary_week_json, facts
from tabel_journal.adapters.facts import StudentUnits
from tabel_journal.domain.access import may_see_student
from tabel_journal.domain.grading import Scale, average, forecast, thresholds_for
from tabel_journal.domain.rules import Rules
from tabel_journal.service_layer.diary_cache import DiaryWeekCache, Key
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden
from tabel_platform.runtime import Runtime


async def _allowed(
    s: AsyncSession, *, school_id: UUID, principal: Principal, student_id: UUID, on: date
) -> StudentUnits:
    who, units = await facts.load(
        s, school_id=school_id, person_id=_person(principal), student_id=student_id, on=on
    )
    if not may_see_student(who, student_id, units.all):
        raise Forbidden("journal.student_forbidden", code="student_forbidden")
    return units


def cached_week(
    *, runtime: Runtime, school_id: UUID, principal: Principal, student_id: UUID, on: date
) -> bytes | None:
    """The week as `week_json` answers it, if the cache holds it for this reader (who was
    allowed to see it when it was read: the reader is part of the key); None otherwise."""
    cache: DiaryWeekCache | None = runtime.extras.get("diary_cache")
    if cache is None or principal.person_id is None:
        return None
    return cache.get(_week_key(school_id, principal.person_id, student_id, on))


async def week_json(
    *, runtime: Runtime, school_id: UUID, principal: Principal, student_id: UUID, on: date
) -> bytes:
    """The week as a JSON document (made by PostgreSQL in the same round trip as the read),
    from the process's short-lived cache when it holds it (service_layer/diary_cache.py)."""

    async def read() -> bytes:
        monday = on - timedelta(days=on.weekday())
        async with runtime.uow(school_id=school_id) as uow:
            units = await _allowed(
                uow.session, school_id=school_id, principal=principal, student_id=student_id, on=on
            )
            doc = await diary_week_json.week_json(
                uow.session,
                school_id=school_id,
                student_id=student_id,
                units=list(units.all),
                start=monday,
                end=monday + timedelta(days=6),
            )
        return doc.encode()

    cache: DiaryWeekCache | None = runtime.extras.get("diary_cache")
    if cache is None:
        return await read()
    return await cache.load(_week_key(school_id, _person(principal), student_id, on), read)


def _week_key(school_id: UUID, reader: UUID, student_id: UUID, on: date) -> Key:
    return (school_id, reader, student_id, on)


async def week(
    *, runtime: Runtime, school_id: UUID, principal: Principal, student_id: UUID, on: date
) -> dict[str, Any]:
    doc = await week_json(
        runtime=runtime, school_id=school_id, principal=principal, student_id=student_id, on=on
    )
    parsed: dict[str, Any] = json.loads(doc)
    return parsed


async def term_summary(
    *, runtime: Runtime, school_id: UUID, principal: Principal, student_id: UUID, term_id: UUID
) -> dict[str, Any]:
    """Each subject with the term's marks, averages and forecast, and the final marks of the
    term and of its year (seed 003 II.2.1), also subjects with final marks only."""
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        await _allowed(
            s, school_id=school_id, principal=principal, student_id=student_id, on=date.today()
        )
        subjects = await diary_queries.term_marks(
            s, school_id=school_id, student_id=student_id, term_id=term_id
        )
        finals = await diary_queries.final_marks(
            s, school_id=school_id, student_id=student_id, term_id=term_id
        )
        rules = await _rules(s, school_id)
    rows = [(r.subject_id, r.subject_name, r.scale, r.marks) for r in subjects]
    with_marks = {r.subject_id for r in subjects}
    for f in finals:
        if f.subject_id not in with_marks:
            with_marks.add(f.subject_id)
            rows.append((f.subject_id, f.subject_name, f.scale, []))
    out = [_subject(*row, [f for f in finals if f.subject_id == row[0]], rules) for row in rows]
    return {
        "student_id": str(student_id),
        "term_id": str(term_id),
        "subjects": sorted(out, key=lambda x: x["subject_name"]),
    }


def _subject(
    subject_id: UUID,
    name: str | None,
    scale_code: str,
    marks: list[dict[str, Any]],
    finals: list[Any],
    rules: Rules,
) -> dict[str, Any]:
    """Marks of a cancelled lesson are shown but count in no average (it did not take place)."""
    scale = Scale(scale_code)
    counted = [(m["value"], int(m["weight"])) for m in marks if not m["lesson_cancelled"]]
    avg = average(scale, counted)
    fc = forecast(scale, avg, thresholds_for(scale, rules.rounding), rules.heaviest_weight)
    return {
        "subject_id": str(subject_id),
        "subject_name": name or "",
        "scale": scale.value,
        "marks": marks,
        "average": avg.simple,
        "weighted_average": avg.weighted,
        "debts": avg.debts,
        "forecast": {
            "suggested": fc.suggested,
            "next_mark": fc.next_mark,
            "needed_average": fc.needed_threshold,
            "top_marks_needed": fc.top_marks_needed,
            "heavy_marks_needed": fc.heavy_marks_needed,
            "heavy_weight": fc.heavy_weight,
        },
        "final_marks": [
            {"kind": f.kind, "value": f.value, "period_id": str(f.period_id), "set_as": f.set_as}
            for f in finals
        ],
    }


async def _rules(s: AsyncSession, school_id: UUID) -> Rules:
    from sqlalchemy import text

    doc = (
        await s.execute(text("SELECT doc FROM settings WHERE school_id = :s"), {"s": school_id})
    ).scalar()
    return Rules.from_doc(doc)
