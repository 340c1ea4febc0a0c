"""The grpc.aio server every service starts: health, reflection and the interceptor chain."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection

from tabel_platform.auth.tokens import TokenValidator
from tabel_platform.grpc.interceptors import (
    AuthInterceptor,
    DeadlineInterceptor,
    ErrorMappingInterceptor,
    MetricsInterceptor,
    TenancyInterceptor,
)

Registration = Callable[[grpc.aio.Server], None]


def create_grpc_server(
    *,
    validator: TokenValidator,
    register: Sequence[Registration],
    service_names: Sequence[str],
    default_deadline_s: float = 10.0,
) -> tuple[grpc.aio.Server, HealthServicer]:
    """`register` adds the servicers (`lambda s: add_XServicer_to_server(X(), s)`);
    `service_names` are their full names, for health and reflection."""
    server = grpc.aio.server(
        interceptors=[
            MetricsInterceptor(),
            ErrorMappingInterceptor(),
            DeadlineInterceptor(default_deadline_s),
            AuthInterceptor(validator),
            TenancyInterceptor(),
        ],
        options=[("grpc.so_reuseport", 0)],
    )
    for add in register:
        add(server)
    health_servicer = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        [*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], server
    )
    return server, health_servicer


async def set_serving(health_servicer: HealthServicer, names: Sequence[str], serving: bool) -> None:
    status = (
        health_pb2.HealthCheckResponse.SERVING
        if serving
        else health_pb2.HealthCheckResponse.NOT_SERVING
    )
    for name in ["", *names]:
        await health_servicer.set(name, status)
