"""Wires the journal: routers, consumers of identity/roster/schedule events and the demo seed."""

from __future__ import annotations

import tabel_journal.i18n  # noqa: F401  (registers messages)
from tabel_journal import demo
from tabel_journal.entrypoints import consumers, http_diary, http_final_marks, http_lessons
from tabel_platform.service import ServiceSpec

SPEC = ServiceSpec(
    name="journal",
    title="Tabel journal",
    description="Электронный журнал и дневник: уроки, отметки, посещаемость, домашние задания, итоговые отметки.",
    migrations="tabel_journal:migrations",
    routers=lambda rt: [http_lessons.router, http_diary.router, http_final_marks.router],
    consumers=consumers.all_consumers,
    seed_demo=demo.seed_demo,
)
