"""Deterministic Russian names for the demo school (no randomness: every run is the same)."""

from __future__ import annotations

MALE = [
    "Александр",
    "Максим",
    "Иван",
    "Артём",
    "Дмитрий",
    "Михаил",
    "Даниил",
    "Кирилл",
    "Егор",
    "Никита",
    "Матвей",
    "Тимофей",
    "Андрей",
]
FEMALE = [
    "Анна",
    "Мария",
    "София",
    "Алиса",
    "Виктория",
    "Полина",
    "Дарья",
    "Елизавета",
    "Ксения",
    "Варвара",
    "Вероника",
    "Ульяна",
]
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
]
FATHERS = [
    "Александров",
    "Сергеев",
    "Андреев",
    "Игорев",
    "Олегов",
    "Дмитриев",
    "Владимиров",
    "Николаев",
]
MOTHER_NAMES = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Марина"]
# Aligned with FATHERS: the father of a student with patronymic FATHERS[i] is FATHER_NAMES[i].
FATHER_NAMES = ["Александр", "Сергей", "Андрей", "Игорь", "Олег", "Дмитрий", "Владимир", "Николай"]


def surname(base: str, female: bool) -> str:
    if not female:
        return base
    return base + "а" if base.endswith(("ов", "ев", "ёв", "ин")) else base


def patronymic(father_stem: str, female: bool) -> str:
    return father_stem + ("на" if female else "ич")


def student_name(n: int) -> tuple[str, str, str, bool]:
    """The n-th demo student: last, first, middle name and whether female."""
    female = n % 2 == 1
    last = surname(SURNAMES[(n * 7) % len(SURNAMES)], female)
    first = (FEMALE if female else MALE)[(n * 5) % (len(FEMALE) if female else len(MALE))]
    middle = patronymic(FATHERS[n % len(FATHERS)], female)
    return last, first, middle, female
