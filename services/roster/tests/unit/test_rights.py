"""The pure access decisions on plain values, and roster's copy of identity's catalogue."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tabel_roster.domain import rights
from tabel_roster.domain.rights import HeldGrant, Holder

CLASS, OTHER, CHILD, STRANGER = (uuid.uuid4() for _ in range(4))


def test_roster_defaults_match_identity_catalogue() -> None:
    """Identity owns the catalogue; roster's copy of the roster.* part must not drift."""
    from tabel_identity.domain.permissions import DEFAULTS, PLATFORM_ROLES

    for role, permissions in DEFAULTS.items():
        if role in PLATFORM_ROLES:
            continue
        ours = {p for p in permissions if p.startswith("roster.")}
        assert rights.DEFAULTS[role.value] == ours, role


def test_deny_by_default_and_expiry() -> None:
    assert not rights.may_read_school(Holder(person_id=None))
    past = datetime.now(UTC) - timedelta(days=1)
    grants = rights.active([HeldGrant("administrator", expires_at=past)], datetime.now(UTC))
    assert not rights.may_manage(Holder(person_id=None, grants=grants))


def test_school_narrowing_and_person_widening() -> None:
    teacher = Holder(person_id=None, grants=(HeldGrant("teacher"),))
    assert rights.may_read_school(teacher) and not rights.may_manage(teacher)
    narrowed = Holder(None, teacher.grants, role_rights={"teacher": frozenset()})
    assert not rights.may_read_school(narrowed)
    widened = Holder(None, teacher.grants, added=frozenset({rights.PERSON_WRITE}))
    assert rights.may_manage(widened)
    removed = Holder(None, (HeldGrant("administrator"),), removed=frozenset({rights.PERSON_WRITE}))
    assert not rights.may_manage(removed) and rights.may_setup(removed)


def test_relations_reach_only_the_related() -> None:
    lead = Holder(None, (HeldGrant("class_teacher", "class", CLASS),))
    assert rights.may_read_class(lead, CLASS) and not rights.may_read_class(lead, OTHER)
    assert rights.may_read_personal_data(lead, STRANGER, frozenset({CLASS}))
    assert not rights.may_read_personal_data(lead, STRANGER, frozenset({OTHER}))
    parent = Holder(uuid.uuid4(), (HeldGrant("guardian"),), children=frozenset({CHILD}))
    assert rights.may_read_personal_data(parent, CHILD, frozenset())
    assert not rights.may_read_person(parent, STRANGER, frozenset({CLASS}))
    no_grant = Holder(uuid.uuid4(), (), children=frozenset({CHILD}))
    assert not rights.may_read_person(no_grant, CHILD, frozenset())
    hr = Holder(None, (HeldGrant("hr_specialist"),))
    assert rights.may_manage_staff(hr) and not rights.may_manage(hr)
    assert rights.may_read_school_personal_data(hr)
    assert not rights.may_read_school_personal_data(Holder(None, (HeldGrant("teacher"),)))
