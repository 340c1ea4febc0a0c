"""Rules every write checks before it changes a journal entry."""

from __future__ import annotations

from typing import Any

from tabel_platform.errors import Forbidden, InvalidInput


def closed_term_guard(*, permitted: bool, reason: str) -> None:
    """A closed term is locked: a change needs a permit from management and a reason."""
    if not permitted:
        raise Forbidden("journal.term_closed", code="term_closed")
    if not reason.strip():
        raise InvalidInput(
            "journal.reason_required",
            code="reason_required",
            errors=[{"field": "reason", "code": "required", "message": "причина"}],
        )


def fail_if(errors: list[dict[str, Any]]) -> None:
    if errors:
        raise InvalidInput("error.validation", errors=errors, count=len(errors))
