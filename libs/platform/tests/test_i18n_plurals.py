"""A message about a number agrees with it: 1 ошибка, 2 ошибки, 5 ошибок."""

from __future__ import annotations

import pytest

from tabel_platform.i18n import plural_category, register, translate


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "ошибка"),
        (2, "ошибки"),
        (5, "ошибок"),
        (11, "ошибок"),
        (21, "ошибка"),
        (22, "ошибки"),
        (25, "ошибок"),
        (0, "ошибок"),
        (111, "ошибок"),
        (104, "ошибки"),
    ],
)
def test_russian_plural_forms(count: int, word: str) -> None:
    assert translate("error.validation", "ru", count=count) == (
        f"Проверьте введённые данные: {count} {word}."
    )


@pytest.mark.parametrize(("count", "word"), [(1, "error"), (2, "errors"), (0, "errors")])
def test_english_plural_forms(count: int, word: str) -> None:
    assert translate("error.validation", "en", count=count) == (
        f"Check the data you entered: {count} {word}."
    )


def test_limits_use_the_genitive_after_a_comparison() -> None:
    forms = {n: translate("field.string_too_long", "ru", count=n) for n in (1, 2, 5, 21)}
    assert forms == {
        1: "Не длиннее 1 символа.",
        2: "Не длиннее 2 символов.",
        5: "Не длиннее 5 символов.",
        21: "Не длиннее 21 символа.",
    }


def test_a_missing_form_or_count_falls_back_to_other() -> None:
    register({"ru": {"test.apples": {"one": "{count} яблоко", "other": "яблоки: {count}"}}})
    assert translate("test.apples", "ru", count=1) == "1 яблоко"
    assert translate("test.apples", "ru", count=5) == "яблоки: 5"  # no "many" form
    assert translate("test.apples", "ru") == "яблоки: {count}"  # no count at all


def test_an_unknown_locale_falls_back_to_russian_rules() -> None:
    assert translate("error.validation", "xx", count=2) == "Проверьте введённые данные: 2 ошибки."
    assert plural_category("not a locale!", 2) == "other"


def test_plain_messages_are_unchanged() -> None:
    assert translate("field.required", "ru") == "Обязательное поле."
    assert translate("no.such.key", "ru") == "no.such.key"
