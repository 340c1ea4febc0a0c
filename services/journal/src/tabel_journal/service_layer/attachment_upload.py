"""Uploading a file for homework or a submission.

Teachers upload for homework, students for their own submissions; nobody else may. An upload
belongs to its uploader until a homework or a submission claims it (see attachment_links);
from then on whoever may see that homework or submission may download it.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tabel_journal.adapters import attachment_rows, facts
from tabel_journal.adapters.attachment_store import AttachmentStore
from tabel_journal.domain.access import may_upload
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, InvalidInput
from tabel_platform.runtime import Runtime


def store_of(runtime: Runtime) -> AttachmentStore:
    store: AttachmentStore = runtime.extras["attachments"]
    return store


def _safe_name(filename: str) -> str:
    """No path separators, nor control characters (PostgreSQL's text takes no NUL)."""
    name = "".join("_" if c in "/\\" else c for c in filename if c.isprintable())
    return name[:200] or "file"


async def upload(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    filename: str,
    content_type: str,
    data: bytes,
) -> dict[str, Any]:
    person = _person(principal)
    limit = getattr(runtime.settings, "attachments_max_bytes", 20 * 1024 * 1024)
    if not data:
        raise InvalidInput("journal.attachment_empty", code="attachment_empty")
    if len(data) > limit:
        raise InvalidInput("journal.attachment_too_large", code="attachment_too_large")
    async with runtime.uow(school_id=school_id) as uow:
        who, _ = await facts.load(uow.session, school_id=school_id, person_id=person)
    if not may_upload(who):
        raise Forbidden("journal.attachment_upload_forbidden", code="attachment_forbidden")
    attachment_id = uuid.uuid4()
    row: dict[str, Any] = {
        "school_id": school_id,
        "attachment_id": attachment_id,
        "filename": _safe_name(filename),
        "content_type": content_type or "application/octet-stream",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "storage_key": f"{school_id}/{attachment_id}",
        "uploaded_by": person,
        "uploaded_at": datetime.now(UTC),
    }
    # Access first, so a refused upload stores nothing; then bytes, then the row, outside one
    # transaction (no connection held while the bytes travel): a crash between the two leaves
    # an unreferenced file, never a row without one.
    await store_of(runtime).put(row["storage_key"], data, row["content_type"])
    async with runtime.uow(school_id=school_id) as uow:
        await attachment_rows.add_attachment(uow.session, row)
    return {
        "id": str(attachment_id),
        "filename": row["filename"],
        "content_type": row["content_type"],
        "size": row["size"],
        "sha256": row["sha256"],
    }
