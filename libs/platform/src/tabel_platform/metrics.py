"""Prometheus metrics shared by every service (RED for HTTP and gRPC, outbox, consumers).

Names are stable: the Helm chart's alert rules and dashboard refer to them.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

http_requests = Counter(
    "tabel_http_requests_total", "HTTP requests handled", ["method", "route", "status"]
)
http_duration = Histogram(
    "tabel_http_request_duration_seconds",
    "HTTP request duration",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
grpc_requests = Counter("tabel_grpc_requests_total", "gRPC calls handled", ["method", "code"])
grpc_duration = Histogram(
    "tabel_grpc_request_duration_seconds", "gRPC call duration", ["method"], buckets=LATENCY_BUCKETS
)
outbox_backlog = Gauge("tabel_outbox_backlog", "Events saved but not yet published")
outbox_oldest_age = Gauge(
    "tabel_outbox_oldest_age_seconds", "Age of the oldest unpublished event (0 when none)"
)
outbox_published = Counter("tabel_outbox_published_total", "Events published to JetStream")
outbox_publish_errors = Counter(
    "tabel_outbox_publish_errors_total", "Failed attempts to publish the outbox"
)
consumer_pending = Gauge(
    "tabel_consumer_pending_messages", "Messages waiting for a consumer (lag)", ["consumer"]
)
consumer_events = Counter(
    "tabel_consumer_events_total", "Events seen by a consumer", ["consumer", "outcome"]
)
consumer_delay = Histogram(
    "tabel_consumer_event_delay_seconds",
    "Time from an event's creation to its processing",
    ["consumer"],
    buckets=LATENCY_BUCKETS,
)
nats_connected = Gauge("tabel_nats_connected", "1 while the NATS connection is up")
