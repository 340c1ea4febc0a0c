"""Carrying a paper journal kept during an outage into the journal (seed 002 §3.2).

Every row is checked first (format, lesson, access, class list, scale, work type); if any row
is wrong nothing is written and every problem is returned with its row and column. Marks get
ids derived from their lesson, student, work type and order, so importing the same file again
changes nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tabel_journal.adapters import facts, lesson_context
from tabel_journal.domain.access import Action, may_on_lesson
from tabel_journal.domain.grading import InvalidMark, validate_value
from tabel_journal.domain.paper_cells import PaperRow, problem
from tabel_journal.domain.paper_rows import parse
from tabel_journal.domain.timeliness import local_day
from tabel_journal.service_layer.diary import _rules
from tabel_journal.service_layer.lesson_journal import _person
from tabel_journal.service_layer.lesson_journal_apply import apply_lesson_journal
from tabel_journal.service_layer.lesson_journal_command import (
    AttendanceInput,
    MarkInput,
    SaveLessonJournal,
)
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import InvalidInput
from tabel_platform.runtime import Runtime

_NS = uuid.UUID("0c5b2f9e-7f0e-4a57-9a0e-3d1f6a6b9c21")
REASON = "Перенос записей из временного журнала"


async def import_paper_journal(
    *, runtime: Runtime, school_id: UUID, principal: Principal, data: bytes
) -> dict[str, Any]:
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        # "Today" is the school's day, not the server's: a school east of the server would
        # have entries made this morning refused as made in the future.
        rows, errors = parse(data, today=local_day(now, (await _rules(s, school_id)).time_zone))
        by_lesson: dict[UUID, list[PaperRow]] = defaultdict(list)
        for r in rows:
            by_lesson[r.lesson_id].append(r)
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        commands = []
        for lesson_id, lesson_rows in by_lesson.items():
            ctx = await lesson_context.load(
                s, school_id=school_id, lesson_id=lesson_id, person_id=person
            )
            if ctx is None or not may_on_lesson(who, ctx.scope, Action.WRITE):
                code = "lesson_not_found" if ctx is None else "lesson_forbidden"
                errors += [problem(r.row, "lesson_id", code) for r in lesson_rows]
                continue
            scale = ctx.rules.scale_for(ctx.scope.subject_id, ctx.grade_level)
            # Entries made on different days on paper are saved apart (their timeliness differs).
            marks: dict[date | None, list[MarkInput]] = defaultdict(list)
            attendance: dict[date | None, list[AttendanceInput]] = defaultdict(list)
            seen: dict[tuple[UUID, str], int] = defaultdict(int)
            attended: set[UUID] = set()
            for r in lesson_rows:
                if r.recorded_on and r.recorded_on < ctx.date:
                    errors.append(problem(r.row, "recorded_on", "recorded_before_lesson"))
                    continue
                if r.student_id not in ctx.students:
                    errors.append(problem(r.row, "student_id", "student_not_in_lesson"))
                    continue
                if r.kind == "attendance" and r.student_id in attended:
                    errors.append(problem(r.row, "student_id", "duplicate_entry"))
                    continue
                if r.kind == "attendance":
                    attended.add(r.student_id)
                    attendance[r.recorded_on].append(
                        AttendanceInput(r.student_id, r.value, r.late_minutes, r.reason)
                    )
                    continue
                if ctx.rules.weight_of(r.work_type) is None:
                    errors.append(problem(r.row, "work_type", "unknown_work_type"))
                try:
                    value = validate_value(scale, r.value)
                except ValueError as exc:  # InvalidMark, or a digit int() does not read ("²")
                    code = str(exc) if isinstance(exc, InvalidMark) else "value_out_of_scale"
                    errors.append(problem(r.row, "value", code))
                    continue
                key = (r.student_id, r.work_type)
                seen[key] += 1
                mark_id = uuid.uuid5(
                    _NS, f"{school_id}/{lesson_id}/{r.student_id}/{r.work_type}/{seen[key]}"
                )
                marks[r.recorded_on].append(MarkInput(mark_id, r.student_id, value, r.work_type))
            zone = ZoneInfo(ctx.rules.time_zone)
            for day in {*marks, *attendance}:
                commands.append(
                    SaveLessonJournal(
                        lesson_id=lesson_id,
                        marks=marks[day],
                        attendance=attendance[day],
                        reason=REASON,
                        entered_at=datetime.combine(day, time(12), zone) if day else None,
                    )
                )
        if errors:
            errors.sort(key=lambda e: (int(str(e["row"])), str(e["column"])))
            raise InvalidInput(
                "journal.import_invalid", code="import_invalid", errors=errors, count=len(errors)
            )
        changes = 0
        for command in commands:
            saved = await apply_lesson_journal(
                uow=uow,
                school_id=school_id,
                principal=principal,
                who=who,
                command=command,
                now=now,
            )
            changes += int(saved["changes"])
    lessons = len({c.lesson_id for c in commands})
    return {"rows": len(rows), "lessons": lessons, "changes": changes}
