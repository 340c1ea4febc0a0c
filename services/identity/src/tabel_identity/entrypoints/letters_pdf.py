"""Letters with generated logins as a PDF to print, one page per family (reportlab).

Cyrillic needs a TrueType font: DejaVu Sans ships inside this package (fonts/, under the
DejaVu fonts licence, fonts/LICENSE-DejaVu.txt), so rendering needs nothing from the OS.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tabel_identity.service_layer.login_letters import ClassLetters, Letter, Login

FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = "TabelDejaVuSans", "TabelDejaVuSans-Bold"
_registered = False


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
        _registered = True


TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, spaceAfter=6)
TEXT = ParagraphStyle("text", fontName=REGULAR, fontSize=11, leading=15, spaceAfter=4)


def render_letters(letters: ClassLetters) -> bytes:
    _fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=f"Входы в электронный дневник, {letters.class_name} класс",
        author=letters.school_name,
    )  # fmt: skip
    story: list[Flowable] = []
    for i, letter in enumerate(letters.letters):
        if i:
            story.append(PageBreak())
        story.extend(_letter(letters, letter))
    if not story:
        story.append(Paragraph(f"В классе {_esc(letters.class_name)} нет учащихся.", TEXT))
    doc.build(story)
    return out.getvalue()


def _letter(letters: ClassLetters, letter: Letter) -> list[Flowable]:
    student = letter.student.person.full_name
    parts: list[Flowable] = [
        Paragraph(_esc(letters.school_name), TEXT),
        Paragraph("Вход в электронный дневник", TITLE),
        Paragraph(
            f"Уважаемые родители (законные представители) учащегося {_esc(student)}, "
            f"{_esc(letters.class_name)} класс! Ниже — личные данные для входа в электронный "
            "дневник для ребёнка и для каждого из родителей. Храните их так же, как ключи.",
            TEXT,
        ),
    ]
    if letters.school_url:
        parts.append(Paragraph(f"Адрес для входа: {_esc(letters.school_url)}", TEXT))
    rows: list[list[Any]] = [["Кто", "Логин", "Временный пароль"], _row("Учащийся", letter.student)]
    rows += [_row("Родитель", g) for g in letter.guardians]
    table = Table(rows, colWidths=[70 * mm, 50 * mm, 50 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 10), ("GRID", (0, 0), (-1, -1), 0.5, "#555555"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    parts += [Spacer(1, 4 * mm), table, Spacer(1, 4 * mm)]
    parts.append(Paragraph(
        "При первом входе система попросит сменить временный пароль на свой. "
        "Если пароль утерян, обратитесь к администратору школы: он выдаст новый временный.",
        TEXT,
    ))  # fmt: skip
    return parts


def _row(title: str, login: Login) -> list[Any]:
    who = Paragraph(f"{title}: {_esc(login.person.full_name)}", TEXT)
    password = login.password or "вход уже выдан ранее"
    return [who, login.username, password]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
