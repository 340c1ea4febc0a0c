"""Provision the deployment's realm in Keycloak from its export, through the admin API:

    KEYCLOAK_URL=https://sso.example KEYCLOAK_ADMIN_USER=admin KEYCLOAK_ADMIN_PASSWORD=... \\
    TABEL_PORTAL_HOST=... TABEL_SVC_JOURNAL_SECRET=... (every ${VAR} of the export) \\
    python -m tabel_identity.keycloak_realm deploy/keycloak/realm-tabel.json

An existing realm is left as it is (like `kc.sh start --import-realm`)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from keycloak import KeycloakAdmin

from tabel_identity.adapters.keycloak_directory import KeycloakDirectory
from tabel_identity.domain.realm_export import MissingRealmValues, load


async def provision(path: Path) -> str:
    export = load(path, os.environ)
    realm = str(export["realm"])
    admin = KeycloakAdmin(
        server_url=os.environ["KEYCLOAK_URL"], username=os.environ["KEYCLOAK_ADMIN_USER"],
        password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], realm_name=realm,
        user_realm_name=os.environ.get("KEYCLOAK_ADMIN_REALM", "master"),
    )  # fmt: skip
    await KeycloakDirectory(admin, realm).provision_realm(export)
    return realm


def run(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        realm = asyncio.run(provision(Path(argv[0])))
    except MissingRealmValues as exc:
        print(f"keycloak: не заданы переменные реалма: {', '.join(exc.names)}", file=sys.stderr)
        return 2
    print(f"keycloak: реалм «{realm}» готов")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
