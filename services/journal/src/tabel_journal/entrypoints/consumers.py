"""The journal's projections, fed by identity, roster and schedule events (never by calls)."""

from __future__ import annotations

from tabel_journal.entrypoints.consumers_identity import identity_consumer
from tabel_journal.entrypoints.consumers_roster import roster_consumer
from tabel_journal.entrypoints.consumers_schedule import schedule_consumer
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime


def all_consumers(runtime: Runtime) -> list[EventConsumer]:
    return [identity_consumer(runtime), roster_consumer(runtime), schedule_consumer(runtime)]
