"""Wires reporting: its routers, gRPC servicers, consumers and demo seed into a ServiceSpec."""

from __future__ import annotations

import tabel_reporting.i18n  # noqa: F401  (registers messages)
from tabel_platform.service import ServiceSpec
from tabel_reporting import demo
from tabel_reporting.entrypoints import (
    grpc_reporting,
    http_analytics,
    http_class_progress,
    http_projections,
    http_school_reports,
)
from tabel_reporting.entrypoints.consumers import build_consumers

SPEC = ServiceSpec(
    name="reporting",
    title="Tabel reporting",
    description="Отчёты школы, печатный архив журнала и сводная аналитика муниципалитета; "
    "данные приходят событиями журнала, расписания и контингента.",
    migrations="tabel_reporting:migrations",
    routers=lambda rt: [
        http_class_progress.router,
        http_analytics.router,
        http_projections.router,
        http_school_reports.router,
    ],
    grpc_services=lambda rt: [grpc_reporting.registration(rt)],
    consumers=build_consumers,
    seed_demo=demo.seed_demo,
)
