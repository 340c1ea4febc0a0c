"""A realm export with `${VAR}` placeholders (secrets, hosts) resolved, as Keycloak does
when it imports the file itself; the admin REST API takes the realm as is."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)(?::([^}]*))?\}")


class MissingRealmValues(ValueError):
    def __init__(self, names: list[str]) -> None:
        super().__init__("realm export needs: " + ", ".join(names))
        self.names = names


def placeholders(text: str) -> list[str]:
    """The variables a realm export needs (those without a `${VAR:default}`)."""
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(2) is None})


def resolve(text: str, values: Mapping[str, str]) -> dict[str, Any]:
    missing = [name for name in placeholders(text) if name not in values]
    if missing:
        raise MissingRealmValues(missing)

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(1), match.group(2) or "")
        return json.dumps(found)[1:-1]  # stays a valid JSON string

    resolved: dict[str, Any] = json.loads(_PLACEHOLDER.sub(value, text))
    return resolved


def load(path: Path, values: Mapping[str, str]) -> dict[str, Any]:
    return resolve(path.read_text(encoding="utf-8"), values)
