"""Root conftest: every test session gets the devstack fixtures (embedded PostgreSQL and NATS,
fresh databases): pg_server, nats_server, own_nats_server, make_database."""

pytest_plugins = ["tabel_devstack.testing", "tabel_identity.testing"]
