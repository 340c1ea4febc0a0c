"""A key the store has no bytes for is AttachmentMissing (the download answers 404 with it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabel_journal.adapters.attachment_store import AttachmentMissing, LocalFileStore


async def test_a_lost_file_is_attachment_missing(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    await store.put("school/a1", b"bytes", "application/pdf")
    (tmp_path / "school" / "a1").unlink()
    with pytest.raises(AttachmentMissing, match="school/a1"):
        await store.get("school/a1")
