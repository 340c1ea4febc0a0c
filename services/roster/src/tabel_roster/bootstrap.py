"""Wires roster: its routers, gRPC servicers, consumers and demo seed into a ServiceSpec."""

from __future__ import annotations

import tabel_roster.i18n  # noqa: F401  (registers messages)
from tabel_platform.service import ServiceSpec
from tabel_roster import demo
from tabel_roster.entrypoints import (
    consumers,
    grpc_roster,
    http_classes,
    http_consents,
    http_guardianships,
    http_imports,
    http_movements,
    http_oneroster,
    http_people,
    http_schools,
    http_study_groups,
)

SPEC = ServiceSpec(
    name="roster",
    title="Tabel roster",
    description="Регион, муниципалитеты, школы и их домены; люди, классы, группы, движение.",
    migrations="tabel_roster:migrations",
    routers=lambda rt: [
        http_schools.router,
        http_people.router,
        http_consents.router,
        http_guardianships.router,
        http_classes.router,
        http_study_groups.router,
        http_movements.router,
        http_imports.router,
        http_oneroster.router,
    ],
    grpc_services=lambda rt: [grpc_roster.registration(rt)],
    consumers=consumers.all_consumers,
    seed_demo=demo.seed_demo,
)
