"""Wires the journal: routers, consumers of identity/roster/schedule events, the attachment
store and the demo seed."""

from __future__ import annotations

import tabel_journal.i18n  # noqa: F401  (registers messages)
from tabel_journal import demo
from tabel_journal.adapters.attachment_store import create_store
from tabel_journal.adapters.change_listener import ChangeListener
from tabel_journal.adapters.write_watch import WriteWatch
from tabel_journal.entrypoints import (
    consumers,
    grpc_journal,
    http_attachments,
    http_attendance,
    http_diary,
    http_diary_hits,
    http_final_marks,
    http_homework,
    http_lessons,
    http_settings,
    http_submissions,
    http_thematic_plans,
)
from tabel_journal.service_layer.diary_cache import DiaryWeekCache
from tabel_journal.settings import JournalSettings
from tabel_platform.runtime import Runtime
from tabel_platform.service import ServiceSpec


async def on_start(runtime: Runtime) -> None:
    assert isinstance(runtime.settings, JournalSettings)
    runtime.extras["attachments"] = create_store(runtime.settings)
    watch = WriteWatch()
    watch.attach(runtime.db.engine)
    listener = runtime.extras["change_listener"] = ChangeListener(runtime.db.engine, watch)
    await listener.start()
    runtime.extras["diary_cache"] = DiaryWeekCache(
        watch,
        ttl_s=runtime.settings.diary_cache_ttl_s,
        unheard_ttl_s=runtime.settings.diary_cache_unheard_ttl_s,
        heard=listener.listening.is_set,
    )


async def on_stop(runtime: Runtime) -> None:
    await runtime.extras["change_listener"].stop()


SPEC = ServiceSpec(
    name="journal",
    title="Tabel journal",
    description=(
        "Электронный журнал и дневник: уроки, отметки, посещаемость, домашние задания, "
        "итоговые отметки."
    ),
    migrations="tabel_journal:migrations",
    routers=lambda rt: [
        http_lessons.router,
        http_homework.router,
        http_submissions.router,
        http_attachments.router,
        http_diary.router,
        http_final_marks.router,
        http_attendance.router,
        http_attendance.import_router,
        http_settings.router,
        http_thematic_plans.router,
    ],
    grpc_services=lambda rt: [grpc_journal.registration(rt)],
    consumers=consumers.all_consumers,
    on_start=on_start,
    on_stop=on_stop,
    configure_app=http_diary_hits.install,
    seed_demo=demo.seed_demo,
    settings_type=JournalSettings,
)
