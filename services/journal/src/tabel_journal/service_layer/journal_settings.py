"""The school's journal rules: scales per subject and grade, work types and weights, rounding
thresholds, deadlines. Read by the school's staff, changed by management or the administrator;
every version is kept in the history and announced by an event."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import facts, history
from tabel_journal.adapters.history import Change
from tabel_journal.domain.access import may_manage
from tabel_journal.domain.rounding import rounding_problems
from tabel_journal.domain.rules import Rules
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime

_READ = text("SELECT doc FROM settings WHERE school_id = :s")
_VERSION = text(
    "SELECT coalesce(max(version), 0) FROM history "
    "WHERE school_id = :s AND entity = 'settings' AND entity_id = :id"
)
_WRITE = text(
    "INSERT INTO settings (school_id, doc, updated_at) VALUES (:s, CAST(:d AS jsonb), now()) "
    "ON CONFLICT (school_id) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()"
)
STAFF = frozenset({"teacher", "class_teacher", "director", "deputy_director", "administrator"})


async def read(*, runtime: Runtime, school_id: UUID, principal: Principal) -> dict[str, Any]:
    person = _person(principal)
    async with runtime.uow(school_id=school_id) as uow:
        who, _ = await facts.load(uow.session, school_id=school_id, person_id=person)
        if not (who.roles & STAFF or who.class_roles):
            raise Forbidden("journal.settings_forbidden", code="settings_forbidden")
        doc = (await uow.session.execute(_READ, {"s": school_id})).scalar()
    return Rules.from_doc(doc).to_doc()


async def replace(
    *, runtime: Runtime, school_id: UUID, principal: Principal, doc: dict[str, Any]
) -> dict[str, Any]:
    person = _person(principal)
    new = Rules.from_doc(doc).to_doc()
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        if not may_manage(who):
            raise Forbidden("journal.management_only", code="management_only")
        fail_if(
            [
                {"field": p.path, "code": p.code, "message": translate(p.message_key, **p.params)}
                for p in rounding_problems(doc.get("rounding") or {})
            ]
        )
        before = Rules.from_doc((await s.execute(_READ, {"s": school_id})).scalar()).to_doc()
        if before == new:
            return new
        version = (await s.execute(_VERSION, {"s": school_id, "id": str(school_id)})).scalar_one()
        raw = json.dumps(new, ensure_ascii=False)
        await s.execute(_WRITE, {"s": school_id, "d": raw})
        await history.record(
            s,
            school_id=school_id,
            at=datetime.now(UTC),
            actor_person_id=person,
            actor_subject=principal.subject,
            changes=[Change("settings", str(school_id), version + 1, "update", before, new)],
        )
        uow.emit(events_pb2.JournalSettingsChanged(school_id=str(school_id), settings_json=raw))
    return new
