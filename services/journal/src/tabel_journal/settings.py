"""The journal's own settings (environment variables, like every service's)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tabel_platform.settings import ServiceSettings


class JournalSettings(ServiceSettings):
    # Homework and submission files: a local directory by default, or an S3-compatible store.
    attachments_backend: Literal["local", "s3"] = "local"
    attachments_dir: str = "var/journal-attachments"
    attachments_max_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    s3_endpoint_url: str = ""
    s3_bucket: str = "tabel-journal"
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    # The diary week is cached per reader for this long; changes show at once in this process,
    # in other processes and replicas when PostgreSQL's notification arrives. What no
    # notification announces (a grant reaching its expiry) shows within this bound, and within
    # the second one while notifications are not heard (0 = no cache).
    diary_cache_ttl_s: float = Field(default=30.0, ge=0, le=300)
    diary_cache_unheard_ttl_s: float = Field(default=3.0, ge=0, le=60)
