"""Journal rows to event payloads (the contracts in proto/tabel/journal/v1)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tabel.common.v1 import types_pb2
from tabel.journal.v1 import (
    attendance_pb2,
    events_pb2,
    homework_pb2,
    lessons_pb2,
    marks_pb2,
    thematic_plans_pb2,
)
from tabel_journal.adapters.convert import to_date, to_ts

_COMMON_SCALE = {
    "five_point": types_pb2.GRADING_SCALE_FIVE_POINT,
    "pass_fail": types_pb2.GRADING_SCALE_PASS_FAIL,
}
ATTENDANCE_STATUS = {
    "present": attendance_pb2.ATTENDANCE_STATUS_PRESENT,
    "absent": attendance_pb2.ATTENDANCE_STATUS_ABSENT,
    "ill": attendance_pb2.ATTENDANCE_STATUS_ILL,
    "excused": attendance_pb2.ATTENDANCE_STATUS_EXCUSED,
    "late": attendance_pb2.ATTENDANCE_STATUS_LATE,
}


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _d(value: Any) -> types_pb2.Date:
    return to_date(value if isinstance(value, date) else date.fromisoformat(str(value)))


def _t(value: Any) -> Any:
    return to_ts(value if isinstance(value, datetime) else datetime.fromisoformat(str(value)))


def mark(row: dict[str, Any], school_id: Any) -> marks_pb2.Mark:
    return marks_pb2.Mark(
        id=_s(row["mark_id"]),
        school_id=_s(school_id),
        student_id=_s(row["student_id"]),
        lesson_id=_s(row["lesson_id"]),
        subject_id=_s(row["subject_id"]),
        term_id=_s(row["term_id"]),
        date=_d(row["date"]),
        value=row["value"],
        scale=_COMMON_SCALE.get(row["scale"], types_pb2.GRADING_SCALE_UNSPECIFIED),
        scale_code=row["scale"],
        weight=int(row["weight"]),
        work_type=row["work_type"],
        comment=row["comment"] or "",
        teacher_id=_s(row["teacher_id"]),
        recorded_at=_t(row["recorded_at"]),
        on_time=bool(row["on_time"]),
        taught_by=_s(row["taught_by"]),
    )


def attendance(row: dict[str, Any], school_id: Any, ctx: Any) -> attendance_pb2.AttendanceEntry:
    return attendance_pb2.AttendanceEntry(
        school_id=_s(school_id),
        lesson_id=_s(row["lesson_id"]),
        student_id=_s(row["student_id"]),
        subject_id=_s(ctx.scope.subject_id),
        term_id=_s(ctx.term_id),
        date=to_date(ctx.date),
        status=ATTENDANCE_STATUS[row["status"]],
        late_minutes=int(row["late_minutes"]),
        note=row["reason"] or "",
        recorded_by=_s(row["recorded_by"]),
        on_time=bool(row["on_time"]),
    )


def attendance_recorded(
    row: dict[str, Any], before: dict[str, Any] | None, school_id: Any, ctx: Any, reason: str
) -> events_pb2.AttendanceRecorded:
    previous = (
        ATTENDANCE_STATUS[before["status"]]
        if before
        else attendance_pb2.ATTENDANCE_STATUS_UNSPECIFIED
    )
    return events_pb2.AttendanceRecorded(
        entry=attendance(row, school_id, ctx), previous_status=previous, reason=reason
    )


def lesson_record(row: dict[str, Any], school_id: Any, ctx: Any) -> lessons_pb2.LessonRecord:
    return lessons_pb2.LessonRecord(
        lesson_id=_s(row["lesson_id"]),
        school_id=_s(school_id),
        subject_id=_s(ctx.scope.subject_id),
        term_id=_s(ctx.term_id),
        date=to_date(ctx.date),
        topic=row["topic"],
        work_types=list(row["work_types"]),
        teacher_id=_s(row["taught_by"]),
        updated_at=_t(row["updated_at"]),
        on_time=row.get("on_time"),
        attendance_taken_at=_t(row["attendance_taken_at"])
        if row.get("attendance_taken_at")
        else None,
        attendance_on_time=row.get("attendance_on_time"),
        plan_item_id=_s(row.get("plan_item_id")),
    )


_SCOPES = {
    "class_wide": homework_pb2.HOMEWORK_SCOPE_CLASS_WIDE,
    "individual": homework_pb2.HOMEWORK_SCOPE_INDIVIDUAL,
}


def homework(row: dict[str, Any], school_id: Any) -> homework_pb2.Homework:
    return homework_pb2.Homework(
        id=_s(row["homework_id"]),
        school_id=_s(school_id),
        subject_id=_s(row["subject_id"]),
        lesson_id=_s(row["lesson_id"]),
        assigned_on=_d(row["assigned_on"]),
        due_lesson_id=_s(row["due_lesson_id"]),
        due_on=_d(row["due_on"]) if row["due_on"] else None,
        text=row["text"],
        scope=_SCOPES[row["scope"]],
        student_ids=[str(x) for x in row["student_ids"]],
        submission_required=bool(row["submission_required"]),
        teacher_id=_s(row["teacher_id"]),
        on_time=bool(row["on_time"]),
        attachments=[str(x) for x in row["attachments"]],
    )


def submission(row: dict[str, Any], school_id: Any) -> homework_pb2.Submission:
    return homework_pb2.Submission(
        id=_s(row["submission_id"]),
        school_id=_s(school_id),
        homework_id=_s(row["homework_id"]),
        student_id=_s(row["student_id"]),
        text=row["text"],
        submitted_at=_t(row["submitted_at"]) if row["submitted_at"] else None,
        status=row["status"],
        attachments=[str(x) for x in row["attachments"]],
        mark_id=_s(row["mark_id"]),
        checked_at=_t(row["checked_at"]) if row["checked_at"] else None,
        comment=row["comment"] or "",
    )


_PARTS = {
    events_pb2.MarkRecorded: "marks_recorded",
    events_pb2.MarkChanged: "marks_changed",
    events_pb2.MarkDeleted: "marks_deleted",
    events_pb2.AttendanceRecorded: "attendance",
}


def lesson_saved(
    *,
    school_id: Any,
    lesson_id: Any,
    reason: str,
    record: events_pb2.LessonRecordUpdated | None,
    parts: list[Any],
) -> events_pb2.LessonJournalSaved:
    """One event for a lesson's save, holding each change as its part."""
    saved = events_pb2.LessonJournalSaved(
        school_id=_s(school_id), lesson_id=_s(lesson_id), reason=reason, record=record
    )
    for part in parts:
        getattr(saved, _PARTS[type(part)]).append(part)
    return saved


def thematic_plan(plan: dict[str, Any], school_id: Any) -> thematic_plans_pb2.ThematicPlan:
    return thematic_plans_pb2.ThematicPlan(
        id=_s(plan["plan_id"]),
        school_id=_s(school_id),
        academic_year_id=_s(plan["academic_year_id"]),
        class_id=_s(plan["class_id"]),
        study_group_id=_s(plan["study_group_id"]),
        subject_id=_s(plan["subject_id"]),
        version=int(plan["version"]),
        items=[
            thematic_plans_pb2.ThematicPlanItem(
                id=_s(i["item_id"]),
                number=int(i["number"]),
                topic=i["topic"],
                hours=int(i["hours"]),
            )
            for i in plan["items"]
        ],
    )
