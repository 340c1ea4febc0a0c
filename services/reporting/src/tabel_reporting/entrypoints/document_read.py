"""Any report as JSON: the same document the CSV, XLSX and PDF are rendered from."""

from __future__ import annotations

from typing import Any

from fastapi import Response
from pydantic import BaseModel

from tabel_reporting.adapters.render import Format
from tabel_reporting.domain.document import Cell, Document
from tabel_reporting.entrypoints.documents import document_response


class ColumnRead(BaseModel):
    title: str
    kind: str


class TableRead(BaseModel):
    title: str
    columns: list[ColumnRead]
    rows: list[list[Cell]]


class DocumentRead(BaseModel):
    title: str
    subtitle: list[str]
    tables: list[TableRead]
    notes: list[str]

    @classmethod
    def of(cls, doc: Document) -> DocumentRead:
        return cls(
            title=doc.title,
            subtitle=doc.subtitle,
            notes=doc.notes,
            tables=[
                TableRead(
                    title=t.title,
                    columns=[ColumnRead(title=c.title, kind=c.kind.value) for c in t.columns],
                    rows=t.rows,
                )
                for t in doc.tables
            ],
        )


def answer(doc: Document, fmt: Format, name: str) -> Any:
    if fmt is Format.JSON:
        return DocumentRead.of(doc)
    return document_response(doc, fmt, name)


__all__ = ["DocumentRead", "Response", "answer"]
