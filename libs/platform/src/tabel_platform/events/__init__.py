"""Events between services: envelope, outbox, relay to JetStream, idempotent consumers."""
