"""Rules every write checks before it changes a journal entry."""

from __future__ import annotations

from typing import Any

from tabel_platform.errors import Forbidden, InvalidInput
from tabel_platform.i18n import translate


def closed_term_guard(*, permitted: bool, reason: str) -> None:
    """A closed term is locked: a change needs a permit from management and a reason."""
    if not permitted:
        raise Forbidden("journal.term_closed", code="term_closed")
    require_reason(reason)


def require_reason(reason: str) -> None:
    """A change that must say why (a closed term, a deletion): 422 without a reason."""
    if not reason.strip():
        error = {
            "field": "reason",
            "code": "required",
            "message": translate("journal.reason_required"),
        }
        raise InvalidInput("journal.reason_required", code="reason_required", errors=[error])


def fail_if(errors: list[dict[str, Any]]) -> None:
    if errors:
        raise InvalidInput("error.validation", errors=errors, count=len(errors))
