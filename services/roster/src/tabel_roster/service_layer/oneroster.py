"""OneRoster 1.2: the school's roster as CSV records (for the bundle and the REST API), and
importing a bundle into a school in one transaction (all or nothing, idempotent by sourcedId)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tabel_platform.errors import InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import import_keys_repo, oneroster_repo
from tabel_roster.adapters.oneroster_csv import BadBundle, read_bundle
from tabel_roster.domain.oneroster import bundle
from tabel_roster.domain.oneroster_columns import Row
from tabel_roster.domain.oneroster_sessions import session_years
from tabel_roster.service_layer.oneroster_write import BundleWriter


async def export(*, runtime: Runtime, school_id: UUID) -> dict[str, list[Row]]:
    async with runtime.uow(school_id=school_id) as uow:
        data = await oneroster_repo.load(uow.session, school_id)
    if data is None:
        raise NotFound("roster.school_not_found", code="school_not_found")
    return bundle(data)


@dataclass
class BundleReport:
    classes: int = 0
    users: int = 0
    enrollments: int = 0
    guardianships: int = 0
    personal_data_dropped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


async def import_bundle(
    *, runtime: Runtime, school_id: UUID, content: bytes, actor: Actor
) -> BundleReport:
    try:
        records = read_bundle(content)
    except BadBundle as exc:
        raise InvalidInput(
            "roster.oneroster_bundle", code="oneroster_bundle", part=str(exc)
        ) from exc
    report = BundleReport()
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        known = {
            e: await import_keys_repo.known(uow.session, f"oneroster:{e}")
            for e in ("class", "user", "enrollment")
        }
        writer = BundleWriter(uow.session, uow.emit, school_id, actor, known, report.errors)
        try:
            sessions = session_years(records["academicSessions"])
            report.classes = await writer.classes(records["classes"], sessions)
            report.users, report.personal_data_dropped = await writer.users(
                records["users"], records["roles"], records["demographics"]
            )
            report.enrollments = await writer.enrollments(records["enrollments"], sessions)
            report.guardianships = await writer.agents(records["users"])
        except (KeyError, ValueError) as exc:  # a column missing, a date that is not one
            raise InvalidInput(
                "roster.oneroster_bundle",
                code="oneroster_bundle",
                part=f"{type(exc).__name__}: {exc}",
            ) from exc
        if report.errors:
            # Raising inside the unit of work rolls back everything written above.
            raise InvalidInput(
                "roster.import_invalid",
                code="oneroster_invalid",
                errors=report.errors,
                count=len(report.errors),
            )
        for entity, pairs in writer.new_keys.items():
            await import_keys_repo.remember(uow.session, school_id, f"oneroster:{entity}", pairs)
    return report
