"""The journal's part of identity's permission catalogue, and a person's effective rights.

Identity owns the catalogue and each role's defaults; a school's administrator widens or
narrows a role's or a person's rights there (seed 003 III.4-5) and identity publishes the
result. The journal decides what a permission allows on its data, always together with the
relationship the decision needs (DESIGN.md, "Tenancy and access"). Until a school changes
a role, the role has identity's defaults, copied here (the journal./diary./homework. part;
a unit test keeps the copy equal to identity's).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

PREFIXES = ("journal.", "diary.", "homework.")

LESSON_READ = "journal.lesson.read"
LESSON_WRITE = "journal.lesson.write"  # topics, homework
MARK_WRITE = "journal.mark.write"
ATTENDANCE_WRITE = "journal.attendance.write"
ABSENCE_REASON_WRITE = "journal.absence_reason.write"
FINAL_MARK_WRITE = "journal.final_mark.write"
CLOSED_TERM_WRITE = "journal.closed_term.write"
SETTINGS_MANAGE = "journal.settings.manage"
DIARY_READ = "diary.read"
HOMEWORK_SUBMIT = "homework.submit"

_TEACHING = frozenset({LESSON_READ, LESSON_WRITE, MARK_WRITE, ATTENDANCE_WRITE, DIARY_READ})
_MANAGEMENT = frozenset({LESSON_READ, DIARY_READ, CLOSED_TERM_WRITE, SETTINGS_MANAGE})
_NONE: frozenset[str] = frozenset()

DEFAULTS: dict[str, frozenset[str]] = {
    "teacher": _TEACHING,
    "class_teacher": _TEACHING | {ABSENCE_REASON_WRITE, FINAL_MARK_WRITE},
    "director": _MANAGEMENT,
    "deputy_director": _MANAGEMENT,
    "administrator": frozenset({SETTINGS_MANAGE}),
    "student": frozenset({DIARY_READ, HOMEWORK_SUBMIT}),
    "guardian": frozenset({DIARY_READ}),
    "tutor": frozenset({LESSON_READ, DIARY_READ}),
    "secretary": _NONE,
    "medic": _NONE,
    "psychologist": _NONE,
    "social_pedagogue": _NONE,
    "hr_specialist": _NONE,
    "region_operator": _NONE,
    "municipal_analyst": _NONE,
}


def ours(permissions: Iterable[str]) -> list[str]:
    """The journal's part of a list of permissions, sorted (what the projections keep)."""
    return sorted(p for p in set(permissions) if p.startswith(PREFIXES))


def effective(
    roles: Iterable[str],
    role_rights: Mapping[str, frozenset[str]],
    added: frozenset[str] = _NONE,
    removed: frozenset[str] = _NONE,
) -> frozenset[str]:
    """The union of the roles' permissions in the school (changed there, else the defaults),
    plus what was given to the person, minus what was taken from them."""
    held: set[str] = set()
    for role in roles:
        held |= role_rights.get(role, DEFAULTS.get(role, _NONE))
    return (frozenset(held) | added) - removed
