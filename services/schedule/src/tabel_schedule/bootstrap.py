"""Wires schedule: its routers, gRPC servicer, consumers and demo seed into a ServiceSpec."""

from __future__ import annotations

import tabel_schedule.i18n  # noqa: F401  (registers messages)
from tabel_platform.service import ServiceSpec
from tabel_schedule import demo
from tabel_schedule.entrypoints import (
    consumers,
    consumers_identity,
    grpc_schedule,
    http_assignments,
    http_bells,
    http_calendar,
    http_feeds,
    http_lessons,
    http_materialise,
    http_setup,
    http_terms,
    http_timetable,
    http_views,
)

SPEC = ServiceSpec(
    name="schedule",
    title="Tabel schedule",
    description="Учебный год и периоды, звонки, кабинеты, предметы, нагрузка, расписание, замены.",
    migrations="tabel_schedule:migrations",
    routers=lambda rt: [
        http_calendar.router,
        http_terms.router,
        http_materialise.router,
        http_bells.router,
        http_setup.router,
        http_assignments.router,
        http_timetable.router,
        http_lessons.router,
        http_views.router,
        http_feeds.router,
    ],
    grpc_services=lambda rt: [grpc_schedule.registration(rt)],
    consumers=lambda rt: [
        consumers.roster_consumer(rt),
        consumers.journal_consumer(rt),
        consumers_identity.identity_consumer(rt),
    ],
    seed_demo=demo.seed_demo,
)
