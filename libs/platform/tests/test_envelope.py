"""Events carry their subject in the contract and travel in a typed envelope."""

from __future__ import annotations

import uuid

import pytest

from tabel.roster.v1 import events_pb2, schools_pb2
from tabel_platform.events.envelope import Actor, make_envelope, payload_name, subject_of


def test_the_subject_comes_from_the_payload_contract() -> None:
    assert subject_of(events_pb2.SchoolCreated()) == "tabel.roster.school.created.v1"


def test_a_message_that_is_not_an_event_is_refused() -> None:
    with pytest.raises(ValueError, match="not an event"):
        subject_of(schools_pb2.School())


def test_envelope_round_trip() -> None:
    school = uuid.uuid4()
    payload = events_pb2.SchoolCreated(school=schools_pb2.School(id=str(school), name="Школа"))
    env = make_envelope(
        subject_of(payload),
        payload,
        source="roster",
        school_id=school,
        actor=Actor(kind="user", subject="acc-1"),
    )
    assert uuid.UUID(env.id) and env.school_id == str(school) and env.actor.subject == "acc-1"
    assert payload_name(env) == "tabel.roster.v1.SchoolCreated"
    back = events_pb2.SchoolCreated()
    assert env.payload.Unpack(back) and back.school.name == "Школа"


def test_badly_named_subjects_are_refused() -> None:
    with pytest.raises(ValueError):
        make_envelope(
            "roster.school.created",
            events_pb2.SchoolCreated(),
            source="roster",
            school_id=None,
            actor=Actor.system(),
        )
