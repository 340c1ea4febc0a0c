"""Root conftest: every test session gets the devstack fixtures (embedded PostgreSQL and NATS,
fresh databases): pg_server, nats_server, own_nats_server, make_database."""

import os

# Tests fork helpers (PostgreSQL, NATS, `tabel-dev up`) from processes that already loaded
# gRPC; gRPC's fork handlers then run in the child before exec and can kill it.
os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "false")

pytest_plugins = ["tabel_devstack.testing", "tabel_identity.testing"]
