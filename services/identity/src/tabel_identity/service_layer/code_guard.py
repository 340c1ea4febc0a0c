"""Shared by activation and invitation codes: the throttle on wrong guesses and the audit of
refusals, each in its own transaction so a refusal is recorded although the attempt fails."""

from __future__ import annotations

import math
from datetime import datetime
from uuid import UUID

from tabel_identity.adapters import audit_repo, codes_repo
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.domain.errors import CodeRefused
from tabel_identity.domain.throttle import ThrottlePolicy, verdict
from tabel_platform.runtime import Runtime


def policy_of(runtime: Runtime) -> ThrottlePolicy:
    policy = runtime.extras.get("code_throttle")
    return policy if isinstance(policy, ThrottlePolicy) else ThrottlePolicy()


async def ensure_may_try(
    runtime: Runtime, *, source: Source, school_id: UUID | None, now: datetime
) -> None:
    policy = policy_of(runtime)
    async with runtime.uow(all_schools=True) as uow:
        by_source, by_school = await codes_repo.failures(
            uow.session, source=source.ip, school_id=school_id, since=now - policy.window
        )
    found = verdict(policy, by_source, by_school, now)
    if found is not None:
        wait = max(1, math.ceil((found.retry_at - now).total_seconds()))
        raise CodeRefused(found.reason, retry_after_s=wait)


async def refuse(
    runtime: Runtime,
    *,
    kind: str,
    reason: str,
    source: Source,
    school_id: UUID | None,
    now: datetime,
    username: str = "",
) -> CodeRefused:
    """Records the wrong guess and the refusal; returns the error to raise."""
    async with runtime.uow(school_id=school_id, all_schools=school_id is None) as uow:
        await codes_repo.add_failure(uow.session, source=source.ip, school_id=school_id, at=now)
        await audit_repo.record(uow.session, AuditEntry(
            kind=kind, outcome="refused", at=now, school_id=school_id, username=username,
            source=source, details={"reason": reason},
        ))  # fmt: skip
    return CodeRefused(reason)
