"""Bulk import of staff, students, guardians and classes from CSV or XLSX.

The whole file is checked first; any bad row means nothing is written and every problem is
reported (row, column, Russian message). A good file is written in one transaction, so it
is all or nothing. Rows are matched to earlier imports by their key ("Код", or the name),
so importing the same file twice creates everything once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from tabel_platform.errors import InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.logging import get_logger
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import import_keys_repo, schools_repo
from tabel_roster.adapters.spreadsheets import UnreadableTable, read_table
from tabel_roster.domain import import_rows as cols
from tabel_roster.domain.classes import academic_year_of
from tabel_roster.domain.import_rows import ImportRow, RowError
from tabel_roster.domain.people import PersonKind
from tabel_roster.service_layer.import_check import check_row, message
from tabel_roster.service_layer.import_write import Writer

log = get_logger(__name__)
CHUNK = 500
Progress = Callable[[str, int, int], Awaitable[None]]


async def _silent(phase: str, done: int, total: int) -> None:
    log.info("roster.import.progress", phase=phase, done=done, total=total)


@dataclass
class ImportReport:
    dry_run: bool
    rows: int
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    classes_created: list[str] = field(default_factory=list)
    enrolled: int = 0
    guardianships_added: int = 0
    # Every row as read, good or bad (the children check looks at all of them).
    parsed: list[ImportRow] = field(default_factory=list, repr=False)


async def import_roster(
    *,
    runtime: Runtime,
    school_id: UUID,
    content: bytes,
    dry_run: bool,
    actor: Actor,
    academic_year: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """`progress(phase, done, total)` is awaited as the work advances (long files)."""
    report_progress = progress or _silent
    try:
        header, data = read_table(content)
    except UnreadableTable as exc:
        raise InvalidInput("roster.import_format", code="import_unreadable") from exc
    index, missing = cols.map_header(header)
    if missing:
        errors = [{"row": 1, "column": c, "message": message("required")} for c in missing]
        raise InvalidInput(
            "roster.import_column_missing",
            code="import_columns",
            errors=errors,
            column=", ".join(missing),
        )
    year = academic_year or academic_year_of(date.today())
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        school = await schools_repo.get(uow.session, school_id)
        if school is None:
            raise NotFound("roster.school_not_found", code="school_not_found")
        known = await import_keys_repo.known(uow.session, "person")
        students = await import_keys_repo.known_students(uow.session)
        report = ImportReport(dry_run=dry_run, rows=len(data))
        rows = _check(data, index, header, school_id, school.grade_levels, known, report)
        _check_children(report.parsed, index, header, set(known), students, report)
        await report_progress("checked", len(data), len(data))
        if report.errors or dry_run:
            report.created = sum(r.key not in known for r in rows)
            return report
        writer = Writer(uow.session, uow.emit, school_id, year, actor, known)
        for start in range(0, len(rows), CHUNK):
            created, updated, unchanged = await writer.people(rows[start : start + CHUNK])
            report.created += created
            report.updated += updated
            report.unchanged += unchanged
            await report_progress("people", min(start + CHUNK, len(rows)), len(rows))
        report.enrolled = await writer.enrol_and_lead(rows)
        await report_progress("classes", len(rows), len(rows))
        report.guardianships_added = await writer.link_guardians(rows)
        await report_progress("guardians", len(rows), len(rows))
        report.classes_created = writer.classes_created
        await import_keys_repo.remember(uow.session, school_id, "person", writer.new_keys)
        log.info(
            "roster.import.done", rows=len(rows), created=report.created, updated=report.updated
        )
    return report


def _check(
    data: list[list[str]],
    index: dict[str, int],
    header: list[str],
    school_id: UUID,
    grades: list[int],
    known: dict[str, UUID],
    report: ImportReport,
) -> list[ImportRow]:
    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    for n, cells in enumerate(data, start=2):
        row, errors = check_row(n, cells, index, header, school_id, grades)
        report.errors += errors
        report.parsed.append(row)
        if row.key in seen:
            column = header[index["external_id"]] if "external_id" in index else "ФИО"
            report.errors.append(RowError(n, column, message("duplicate", other=seen[row.key])))
            continue
        seen[row.key] = n
        if not errors:
            rows.append(row)
    return rows


def _check_children(
    rows: list[ImportRow],
    index: dict[str, int],
    header: list[str],
    known: set[str],
    known_students: set[str],
    report: ImportReport,
) -> None:
    """A guardian's "Представитель для" names students: of the file, or imported earlier."""
    in_file = {r.key: r.kind for r in rows}
    students = {k for k, kind in in_file.items() if kind == PersonKind.STUDENT}
    students |= known_students - set(in_file)
    for r in rows:
        for child in r.guardian_of:
            if child in students:
                continue
            key = "guardian_of_not_student" if child in in_file or child in known else "guardian_of"
            column = header[index["guardian_of"]]
            report.errors.append(RowError(r.row, column, message(key, child=child)))
    report.errors.sort(key=lambda e: e.row)
