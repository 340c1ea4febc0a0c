from __future__ import annotations

import nats
from nats.js.api import StreamConfig

from tabel_devstack._proc import port_accepts
from tabel_devstack.nats import EmbeddedNats, ExternalNats


async def test_session_nats_has_jetstream(nats_server: EmbeddedNats | ExternalNats) -> None:
    nc = await nats.connect(nats_server.url)
    try:
        info = await nc.jetstream().account_info()
        assert info is not None
    finally:
        await nc.close()


async def test_stop_and_start_keep_stream_data(own_nats_server: EmbeddedNats) -> None:
    nc = await nats.connect(own_nats_server.url)
    js = nc.jetstream()
    await js.add_stream(StreamConfig(name="EVENTS", subjects=["events.>"]))
    for i in range(3):
        await js.publish("events.mark", f"m{i}".encode())
    await nc.close()

    own_nats_server.stop()
    assert not own_nats_server.running
    assert not port_accepts(own_nats_server.host, own_nats_server.port)

    own_nats_server.start()
    nc = await nats.connect(own_nats_server.url)
    try:
        js = nc.jetstream()
        await js.publish("events.mark", b"m3")
        info = await js.stream_info("EVENTS")
        assert info.state.messages == 4
        sub = await js.pull_subscribe("events.>", durable="reader")
        msgs = await sub.fetch(4, timeout=5)
        assert [m.data for m in msgs] == [b"m0", b"m1", b"m2", b"m3"]
    finally:
        await nc.close()
