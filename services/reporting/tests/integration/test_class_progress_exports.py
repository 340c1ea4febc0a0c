"""The class progress report rendered as PDF, XLSX and CSV says what the data says."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from tabel_platform.auth.principal import Principal
from tabel_platform.testing import ServiceHandle
from tabel_reporting.adapters.render import Format, render
from tabel_reporting.domain.class_progress_document import class_progress_document
from tabel_reporting.service_layer.class_progress import class_progress
from tabel_reporting.testing import EventPublisher, wait_applied
from tabel_reporting.testing_class import NAMES, HandComputedClass


async def test_pdf_xlsx_and_csv_match_the_data(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    await wait_applied(reporting, await world.publish(publisher))
    teacher = Principal(subject="ct", issuer="t", person_id=world.class_teacher_id)
    report, as_of = await class_progress(
        runtime=reporting.runtime,
        principal=teacher,
        school_id=world.school_id,
        class_id=world.class_id,
        term_id=world.term_id,
        today=date(2025, 12, 1),
    )
    doc = class_progress_document(report, as_of)

    pdf, media_type = render(doc, Format.PDF)
    assert media_type == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Отчёт об успеваемости и качестве знаний" in text
    assert "Класс 7А, 1-я четверть 2025/2026 уч. г." in text
    # Mathematics: N=6, 2/1/1/1, н/а 1, осв 1, none 1; 66,7 % 50,0 % 53,8 % 3,64
    assert "Математика 6 2 1 1 1 1 1 1 66,7 % 50,0 % 53,8 % 3,64" in text
    assert "Русский язык 7 2 2 2 1 0 0 1 85,7 % 57,1 % 59,4 % 3,71" in text
    assert "Итого по классу 7 — — — — — — — 57,1 % 42,9 % 56,8 % 3,67" in text
    for last, first, middle in NAMES:
        assert " ".join(p for p in (last, first, middle) if p) in text
    assert "СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·n_на) / N" in text
    assert "Посещаемость: 90,6 %" in text

    xlsx, _ = render(doc, Format.XLSX)
    book = load_workbook(io.BytesIO(xlsx))
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    math = next(r for r in rows if r[0] == "Математика")
    assert math[1:9] == [6, 2, 1, 1, 1, 1, 1, 1]
    assert math[9] == report.subjects[0].rates.pass_rate
    assert round(math[11], 6) == round(323 / 600, 6)
    assert book.worksheets[0].cell(row=rows.index(math) + 1, column=10).number_format == "0.0%"

    csv_bytes, _ = render(doc, Format.CSV)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig")), delimiter=";"))
    russian = next(r for r in lines if r and r[0] == "Русский язык")
    assert russian[1:5] == ["7", "2", "2", "2"] and russian[9] == "0.8571"
