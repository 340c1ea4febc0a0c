"""HTTP calls to the running journal as a given person of the test school."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import httpx


class As:
    def __init__(self, svc: Any, issuer: Any, world: Any) -> None:
        self.svc, self.issuer, self.world = svc, issuer, world
        self._tokens: dict[tuple[UUID, tuple[UUID, ...]], str] = {}

    async def __call__(
        self,
        who: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        school: UUID | None = None,
        token_schools: list[UUID] | None = None,
        key: str | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> httpx.Response:
        person = self.world.person(who)
        schools = tuple(token_schools or [self.world.school])
        token = self._tokens.get((person, schools))
        if token is None:
            token = self._tokens[(person, schools)] = await self.issuer.token(person, list(schools))
        headers = {
            "Authorization": f"Bearer {token}",
            "X-Tabel-School": str(school or self.world.school),
        }
        if key:
            headers["Idempotency-Key"] = key
        if content_type:
            headers["Content-Type"] = content_type
        async with httpx.AsyncClient(base_url=self.svc.http_url, timeout=30) as c:
            return await c.request(
                method, path, json=json, headers=headers, content=content, params=params
            )


def mark(
    student: UUID, value: str = "5", work_type: str = "oral", mark_id: UUID | None = None
) -> dict[str, Any]:
    return {
        "id": str(mark_id or uuid.uuid4()),
        "student_id": str(student),
        "value": value,
        "work_type": work_type,
    }
