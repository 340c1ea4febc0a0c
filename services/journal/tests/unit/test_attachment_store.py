"""Attachment stores: the local directory for real; S3 against moto's server when installed."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

from tabel_devstack._proc import free_port
from tabel_journal.adapters.attachment_store import LocalFileStore, S3Store, create_store
from tabel_journal.settings import JournalSettings


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def test_local_store_keeps_bytes_under_the_key_and_refuses_escapes(tmp_path: Path) -> None:
    store = create_store(JournalSettings(attachments_dir=str(tmp_path)))
    assert isinstance(store, LocalFileStore)
    await store.put("school/a1", b"\x00bytes", "application/octet-stream")
    assert files(tmp_path) == {"school/a1": b"\x00bytes"}  # no half-written ".part" left
    assert await store.get("school/a1") == b"\x00bytes"
    await store.delete("school/a1")
    assert files(tmp_path) == {}
    with pytest.raises(ValueError, match="bad attachment key"):
        await store.put("../etc/passwd", b"x", "text/plain")


@pytest.mark.skipif(
    importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None,
    reason="moto[server] is not installed: no local S3-compatible server to test against",
)
def test_s3_store_round_trip_against_a_local_s3_server() -> None:
    asyncio.run(_s3_round_trip())


async def _s3_round_trip() -> None:
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "moto.server", "-p", str(port),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        settings = JournalSettings(
            attachments_backend="s3",
            s3_endpoint_url=f"http://127.0.0.1:{port}",
            s3_bucket="journal-test",
            s3_access_key_id="test",
            s3_secret_access_key="test",  # moto accepts any credentials
        )
        store = create_store(settings)
        assert isinstance(store, S3Store)
        for _ in range(100):
            try:
                await asyncio.to_thread(store.client.create_bucket, Bucket="journal-test")
                break
            except Exception:  # the server is still starting
                await asyncio.sleep(0.1)
        await store.put("school/a1", b"pdf bytes", "application/pdf")
        assert await store.get("school/a1") == b"pdf bytes"
        await store.delete("school/a1")
        with pytest.raises(Exception, match="NoSuchKey"):
            await store.get("school/a1")
    finally:
        server.terminate()
        await server.wait()
