"""A report as a printable document: a title, tables of typed cells, and notes.

Every report is built into a Document once; CSV, XLSX and PDF are renderings of it, so
the three formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Union


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    PERCENT = "percent"  # a share 0..1, shown as a percentage
    DECIMAL = "decimal"  # an average mark, two decimals


Cell = Union[str, int, float, None]  # noqa: UP007 - a type alias


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: list[str]
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    landscape: bool = True


def show(value: Cell, kind: Kind) -> str:
    """A cell as people read it in Russian: "66,7 %", "3,64", "—" for no value."""
    if value is None:
        return "—"
    if kind is Kind.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f} %".replace(".", ",")
    if kind is Kind.DECIMAL and isinstance(value, int | float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)
