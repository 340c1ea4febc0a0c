"""A stand-in for `python -m tabel_<svc>` used to test `tabel-dev up`.

    python fake_service.py <svc> migrate|serve|seed-demo

migrate: creates a table in DATABASE_URL and records a boot; serve: HTTP /readyz and /env;
seed-demo: prints a HINT line with the boot count (the "reporting" service rejects it with
argparse's exit code 2, like a service that does not support the command yet).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import asyncpg


def db_url() -> str:
    return os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")


async def migrate() -> None:
    conn = await asyncpg.connect(db_url())
    try:
        await conn.execute("CREATE TABLE IF NOT EXISTS boots (n serial PRIMARY KEY)")
        await conn.execute("INSERT INTO boots DEFAULT VALUES")
        print("migrated as", await conn.fetchval("SELECT current_user"))
    finally:
        await conn.close()


async def boots() -> int:
    conn = await asyncpg.connect(db_url())
    try:
        return int(await conn.fetchval("SELECT count(*) FROM boots"))
    finally:
        await conn.close()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/readyz":
            body = b"ok"
        elif self.path == "/env":
            keys = [k for k in os.environ if k.startswith(("TABEL_", "OIDC", "NATS", "DATABASE"))]
            keys += ["SERVICE_NAME", "HTTP_PORT", "GRPC_PORT"]
            body = json.dumps({k: os.environ.get(k) for k in keys}).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["HTTP_PORT"])), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"serving {os.environ['SERVICE_NAME']} on {server.server_address}", flush=True)
    server.serve_forever()


def main() -> None:
    svc = sys.argv[1]
    parser = argparse.ArgumentParser()
    actions = ["migrate", "serve"] + ([] if svc == "reporting" else ["seed-demo"])
    parser.add_argument("action", choices=actions)
    args = parser.parse_args(sys.argv[2:])
    if args.action == "migrate":
        asyncio.run(migrate())
    elif args.action == "serve":
        serve()
    else:
        print(f"HINT: {svc} demo login demo-{svc} boots={asyncio.run(boots())}")


if __name__ == "__main__":
    main()
