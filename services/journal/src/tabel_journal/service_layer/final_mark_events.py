"""A final_marks row as the FinalMark message FinalMarkSet and FinalMarkDeleted carry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tabel.journal.v1 import marks_pb2
from tabel_journal.service_layer.final_mark_period import TERM_KINDS

KINDS = {
    "term": marks_pb2.FINAL_MARK_KIND_TERM,
    "half_year": marks_pb2.FINAL_MARK_KIND_TERM,
    "year": marks_pb2.FINAL_MARK_KIND_YEAR,
    "exam": marks_pb2.FINAL_MARK_KIND_EXAM,
    "final": marks_pb2.FINAL_MARK_KIND_FINAL,
}


def final_mark(row: dict[str, Any]) -> marks_pb2.FinalMark:
    """From the row as written (ids and times as objects) or as read back as JSON (strings).

    `term_id` only for term and half-year marks (rows written before the period was taken
    from the kind name a term for a year mark too): consumers file a mark under its term, or
    under its academic year when there is none."""
    if row["kind"] in TERM_KINDS or not row["academic_year_id"]:
        term = row["term_id"] or row.get("period_id")
    else:
        term = None
    pb = marks_pb2.FinalMark(
        id=str(row["final_mark_id"]),
        school_id=str(row["school_id"]),
        student_id=str(row["student_id"]),
        subject_id=str(row["subject_id"]),
        kind=KINDS[row["kind"]],
        academic_year_id=str(row["academic_year_id"] or ""),
        term_id=str(term or ""),
        value=row["value"],
        scale_code=row["scale"],
        teacher_id=str(row["teacher_id"] or ""),
        set_as=row["set_as"],
        on_time=row.get("on_time"),
    )
    at = row["set_at"]
    pb.set_at.FromDatetime(at if isinstance(at, datetime) else datetime.fromisoformat(at))
    return pb
