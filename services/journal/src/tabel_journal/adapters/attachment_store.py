"""Where attachment bytes live: a local directory (the default) or an S3-compatible bucket.

Metadata (name, size, owner, what it is attached to) is in the `attachments` table; a store
only keeps bytes under a key the journal makes (`<school>/<attachment id>`), so no name a
user typed ever becomes a path.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any, Protocol

from tabel_journal.settings import JournalSettings


class AttachmentMissing(LookupError):
    """The store has no bytes under the key (lost, or removed behind the journal's back)."""


class AttachmentStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes:
        """The bytes under the key; AttachmentMissing when there are none."""
        ...

    async def delete(self, key: str) -> None: ...


class LocalFileStore:
    """Files under one directory; written to a temporary name, then renamed (never half a file)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if ".." in key.split("/") or key.startswith("/"):
            raise ValueError("bad attachment key")
        return self.root / key

    def _put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._put, key, data)

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError as exc:
            raise AttachmentMissing(f"{key}: {exc}") from exc

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, True)


class S3Store:
    """An S3-compatible bucket (MinIO, Ceph, Yandex Object Storage, AWS) through boto3, whose
    blocking calls run in worker threads."""

    def __init__(self, settings: JournalSettings) -> None:
        import boto3  # type: ignore[import-untyped]  # only needed for the S3 backend

        self.bucket = settings.s3_bucket
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url or None,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id or None,
            aws_secret_access_key=settings.s3_secret_access_key or None,
        )

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(
            self.client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
        )

    async def get(self, key: str) -> bytes:
        def read() -> bytes:
            try:
                body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
            except self.client.exceptions.NoSuchKey as exc:
                raise AttachmentMissing(f"{key}: {exc}") from exc
            return bytes(body.read())

        return await asyncio.to_thread(read)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=key)


def create_store(settings: JournalSettings) -> AttachmentStore:
    if settings.attachments_backend == "s3":
        return S3Store(settings)
    return LocalFileStore(settings.attachments_dir)
