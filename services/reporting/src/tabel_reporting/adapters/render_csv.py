"""CSV: the tables one after another, `;`-separated with a UTF-8 BOM, as Excel in a Russian
locale opens it; numbers with a decimal point, shares as shares (0..1)."""

from __future__ import annotations

import csv
import io

from tabel_reporting.domain.document import Document


def render_csv(doc: Document) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([doc.title])
    for line in doc.subtitle:
        writer.writerow([line])
    for table in doc.tables:
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([c.title for c in table.columns])
        for row in table.rows:
            writer.writerow(["" if v is None else _plain(v) for v in row])
    if doc.notes:
        writer.writerow([])
        for note in doc.notes:
            writer.writerow([note])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(value: object) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
