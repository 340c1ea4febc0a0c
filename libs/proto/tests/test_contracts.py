"""The contracts in proto/ keep their conventions, and the committed code matches them."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType

import pytest
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from tabel.events.v1 import envelope_pb2, options_pb2

ROOT = Path(__file__).resolve().parents[3]
PROTO_DIR = ROOT / "proto"
PROTO_FILES = sorted(PROTO_DIR.rglob("*.proto"))
SERVICES = ("identity", "roster", "schedule", "journal", "reporting")
# Past participles that do not end in "-ed".
IRREGULAR_PARTICIPLES = frozenset({"Made", "Set"})


def _module(proto: Path) -> ModuleType:
    relative = proto.relative_to(PROTO_DIR).with_suffix("")
    return importlib.import_module(".".join(relative.parts) + "_pb2")


def _messages(proto: Path) -> list[Descriptor]:
    return list(_module(proto).DESCRIPTOR.message_types_by_name.values())


def _subject(descriptor: Descriptor) -> str:
    return str(descriptor.GetOptions().Extensions[options_pb2.subject])


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


EVENTS = [m for p in PROTO_FILES if p.name == "events.proto" for m in _messages(p)]


def test_committed_code_is_generated_from_the_protos() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_proto.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("proto", PROTO_FILES, ids=lambda p: str(p.relative_to(PROTO_DIR)))
def test_package_matches_path(proto: Path) -> None:
    parts = proto.relative_to(PROTO_DIR).parts
    assert len(parts) == 4 and parts[0] == "tabel" and parts[2] == "v1", parts
    packages = re.findall(r"^package\s+([\w.]+)\s*;", proto.read_text(encoding="utf-8"), re.M)
    assert packages == [f"tabel.{parts[1]}.v1"]


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_an_api(service: str) -> None:
    protos = sorted((PROTO_DIR / "tabel" / service / "v1").glob("*_service.proto"))
    services = [s for p in protos for s in _module(p).DESCRIPTOR.services_by_name.values()]
    assert services and all(s.methods for s in services)
    assert all(s.full_name.startswith(f"tabel.{service}.v1.") for s in services)


def test_envelope_keeps_its_agreed_shape() -> None:
    numbers = {f.name: f.number for f in envelope_pb2.Envelope.DESCRIPTOR.fields}
    assert numbers == {
        "id": 1,
        "type": 2,
        "source": 3,
        "time": 4,
        "school_id": 5,
        "actor": 6,
        "payload": 7,
        "correlation_id": 8,
    }
    actor = {f.name: f.number for f in envelope_pb2.Actor.DESCRIPTOR.fields}
    assert actor == {"subject": 1, "person_id": 2, "kind": 3}


def test_events_live_in_events_protos_and_each_service_publishes_some() -> None:
    elsewhere = [
        m.full_name
        for p in PROTO_FILES
        if p.name != "events.proto"
        for m in _messages(p)
        if _subject(m)
    ]
    assert elsewhere == []
    publishers = {m.full_name.split(".")[1] for m in EVENTS}
    assert publishers == {"identity", "roster", "schedule", "journal"}


@pytest.mark.parametrize("event", EVENTS, ids=lambda m: m.full_name)
def test_event_is_named_in_past_tense(event: Descriptor) -> None:
    last_word = re.findall(r"[A-Z][a-z]*", event.name)[-1]
    assert last_word.endswith("ed") or last_word in IRREGULAR_PARTICIPLES


@pytest.mark.parametrize("event", EVENTS, ids=lambda m: m.full_name)
def test_event_subject_follows_the_naming_rule(event: Descriptor) -> None:
    service = event.full_name.split(".")[1]
    match = re.fullmatch(rf"tabel\.{service}\.([a-z_]+)\.([a-z_]+)\.v1", _subject(event))
    assert match, f"{event.full_name}: subject {_subject(event)!r}"
    aggregate, happened = match.groups()
    assert f"{aggregate}_{happened}" == _snake(event.name)


def test_event_subjects_are_unique() -> None:
    subjects = [_subject(m) for m in EVENTS]
    assert len(subjects) == len(set(subjects))


def _fill(message: Message, descriptor: Descriptor, depth: int = 0) -> None:
    """Set every field (the first of each oneof) to a non-default value."""
    for field in descriptor.fields:
        oneof = field.containing_oneof
        if oneof is not None and message.WhichOneof(oneof.name) is not None:
            continue
        if field.message_type is not None:
            if depth < 3:
                child = getattr(message, field.name)
                _fill(child.add() if field.is_repeated else child, field.message_type, depth + 1)
            continue
        value = _scalar(field)
        if field.is_repeated:
            getattr(message, field.name).append(value)
        else:
            setattr(message, field.name, value)


def _scalar(field: FieldDescriptor) -> object:
    if field.enum_type is not None:
        return field.enum_type.values[-1].number
    if field.cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return b"\x01" if field.type == FieldDescriptor.TYPE_BYTES else f"{field.name}-1"
    if field.cpp_type == FieldDescriptor.CPPTYPE_BOOL:
        return True
    if field.cpp_type in (FieldDescriptor.CPPTYPE_FLOAT, FieldDescriptor.CPPTYPE_DOUBLE):
        return 0.5
    return 7


@pytest.mark.parametrize("event", EVENTS, ids=lambda m: m.full_name)
def test_event_travels_in_the_envelope(event: Descriptor) -> None:
    sent = message_factory.GetMessageClass(event)()
    _fill(sent, event)
    envelope = envelope_pb2.Envelope(
        id=str(uuid.uuid4()),
        type=_subject(event),
        source=event.full_name.split(".")[1],
        school_id=str(uuid.uuid4()),
        actor=envelope_pb2.Actor(subject="teacher-1", kind="user"),
        correlation_id=str(uuid.uuid4()),
    )
    envelope.time.GetCurrentTime()
    envelope.payload.Pack(sent)

    # A consumer knows nothing but the bytes: it finds the payload's type by name.
    received = envelope_pb2.Envelope.FromString(envelope.SerializeToString())
    payload_type = descriptor_pool.Default().FindMessageTypeByName(received.payload.TypeName())
    unpacked = message_factory.GetMessageClass(payload_type)()
    assert received.payload.Unpack(unpacked)
    assert sent.ByteSize() > 0
    assert unpacked == sent
    assert received.type == _subject(payload_type)
