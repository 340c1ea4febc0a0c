"""Test support for schedule's tests and benchmark: roster's facts as events, a school set up
through the REST API, and reading back what schedule published."""

from tabel_schedule.testing.bus import events, publish, scalar
from tabel_schedule.testing.roster_world import (
    School,
    guardianship,
    person_message,
    roster_facts,
    rows_in,
)
from tabel_schedule.testing.setup import BELLS, YEAR, add_entries, entry, set_up

__all__ = [
    "BELLS",
    "YEAR",
    "School",
    "add_entries",
    "entry",
    "events",
    "guardianship",
    "person_message",
    "publish",
    "roster_facts",
    "rows_in",
    "scalar",
    "set_up",
]
