"""Deterministic ids for the demo region, so every service's seed agrees on them without
calling the others and a second run of the seed changes nothing.

    demo_id("school/1"), demo_id("school/1/class/5А"), demo_id("person/teacher/1")
"""

from __future__ import annotations

from uuid import UUID, uuid5

DEMO_NAMESPACE = UUID("6f1c2a44-0000-4000-8000-000000000001")


def demo_id(path: str) -> UUID:
    return uuid5(DEMO_NAMESPACE, path)
