"""The demo seed prints, in Russian, what reporting has for the demo schools or what to do."""

from __future__ import annotations

from tabel_platform.testing import ServiceHandle
from tabel_reporting.demo import seed_demo


async def test_demo_explains_empty_read_models(reporting: ServiceHandle) -> None:
    lines = await seed_demo(reporting.runtime)
    assert len(lines) == 2
    assert all("отметок пока нет" in line for line in lines)
    assert await seed_demo(reporting.runtime) == lines, "idempotent"
