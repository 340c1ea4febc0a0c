from tabel_platform.grpc.client import ClientCredentials, create_channel
from tabel_platform.grpc.server import create_grpc_server

__all__ = ["ClientCredentials", "create_channel", "create_grpc_server"]
