"""The one thing in-transaction helpers need from a unit of work: a way to record an event."""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import Message

Emit = Callable[[Message], object]
