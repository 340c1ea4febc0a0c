"""PDF (reportlab) for printing and the paper archive.

Cyrillic needs a TrueType font: DejaVu Sans ships inside this package (fonts/, under the
DejaVu fonts licence, fonts/LICENSE-DejaVu.txt), so rendering needs nothing from the OS.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tabel_reporting.domain.document import Document, show

FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))


def render_pdf(doc: Document) -> bytes:
    _register_fonts()
    out = io.BytesIO()
    size = landscape(A4) if doc.landscape else A4
    pdf = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=doc.title,
        author="Табель",
    )
    title = ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, spaceAfter=4)
    text = ParagraphStyle("text", fontName=REGULAR, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    head = ParagraphStyle("head", fontName=BOLD, fontSize=8, leading=10)
    story: list[Flowable] = [Paragraph(_escape(doc.title), title)]
    story += [Paragraph(_escape(line), text) for line in doc.subtitle]
    for table in doc.tables:
        story += [Spacer(1, 4 * mm), Paragraph(_escape(table.title), head)]
        data = [[Paragraph(_escape(c.title), head) for c in table.columns]]
        data += [
            [
                Paragraph(_escape(show(v, c.kind)), cell)
                for v, c in zip(row, table.columns, strict=False)
            ]
            for row in table.rows
        ]
        grid = Table(data, repeatRows=1, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    if doc.notes:
        story.append(Spacer(1, 4 * mm))
        story += [Paragraph(_escape(note), text) for note in doc.notes]
    pdf.build(story)
    return out.getvalue()


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
