"""One JetStream stream per producing service: ``TABEL_<SERVICE>`` holds ``tabel.<service>.>``.

Streams keep events without an age limit, so a read model can be rebuilt by replaying
from the start; the de-duplication window drops a re-published event (same id).
"""

from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig
from nats.js.errors import NotFoundError

DUPLICATE_WINDOW_S = 120.0


def stream_name(service: str) -> str:
    return f"TABEL_{service.upper()}"


def stream_subjects(service: str) -> list[str]:
    return [f"tabel.{service}.>"]


async def ensure_stream(js: JetStreamContext, service: str) -> None:
    config = StreamConfig(
        name=stream_name(service),
        subjects=stream_subjects(service),
        storage=StorageType.FILE,
        duplicate_window=DUPLICATE_WINDOW_S,
    )
    try:
        info = await js.stream_info(config.name or "")
    except NotFoundError:
        await js.add_stream(config)
        return
    if info.config.subjects != config.subjects:
        await js.update_stream(config)
