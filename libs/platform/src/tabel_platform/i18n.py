"""Messages people read, by locale. Russian is the default; another locale is a new catalog.

Code and API fields stay in English; only the human message is translated. A service
registers its catalog at import time: ``register({"ru": {...}, "en": {...}})``.

A message that depends on a number is a mapping of CLDR plural categories ("one", "few",
"many", "other") to templates; `translate` picks the form by the ``count`` param with the
locale's plural rules (Babel), and uses "other" when a form or the count is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

DEFAULT_LOCALE = "ru"
Message = str | Mapping[str, str]
_catalogs: dict[str, dict[str, Message]] = {}
current_locale: ContextVar[str] = ContextVar("current_locale", default=DEFAULT_LOCALE)


def register(catalogs: Mapping[str, Mapping[str, Message]]) -> None:
    for locale, messages in catalogs.items():
        _catalogs.setdefault(locale, {}).update(messages)


def has(key: str) -> bool:
    """Whether the default catalog has `key` (every key exists in Russian first)."""
    return key in _catalogs.get(DEFAULT_LOCALE, {})


def translate(key: str, locale: str | None = None, /, **params: Any) -> str:
    """The message for `key` in `locale` (or the request's); falls back to Russian, then the key."""
    loc = locale or current_locale.get()
    message = _catalogs.get(loc, {}).get(key)
    if not message:
        loc, message = DEFAULT_LOCALE, _catalogs.get(DEFAULT_LOCALE, {}).get(key)
    if not message:
        return key
    template = message if isinstance(message, str) else _plural(message, loc, params.get("count"))
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _plural(forms: Mapping[str, str], locale: str, count: Any) -> str:
    category = "other"
    if isinstance(count, int | float) and not isinstance(count, bool):
        category = plural_category(locale, count)
    return forms.get(category) or forms.get("other") or next(iter(forms.values()), "")


@lru_cache(maxsize=16)
def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return None


def plural_category(locale: str, count: float) -> str:
    """The CLDR plural category of `count` in `locale` ("other" for a locale Babel lacks)."""
    parsed = _locale(locale)
    return parsed.plural_form(count) if parsed else "other"


def negotiate(accept_language: str | None) -> str:
    """Pick a locale we have from an Accept-Language header (quality values ignored: order wins)."""
    if accept_language:
        for part in accept_language.split(","):
            tag = part.split(";")[0].strip().lower()[:2]
            if tag in _catalogs:
                return tag
    return DEFAULT_LOCALE


register(
    {
        "ru": {
            "error.validation": {
                "one": "Проверьте введённые данные: {count} ошибка.",
                "few": "Проверьте введённые данные: {count} ошибки.",
                "many": "Проверьте введённые данные: {count} ошибок.",
                "other": "Проверьте введённые данные: {count} ошибки.",
            },
            "error.not_found": "Не найдено.",
            "error.unauthenticated": "Требуется вход в систему.",
            "error.token_invalid": "Сеанс недействителен или истёк, войдите заново.",
            "error.forbidden": "Недостаточно прав для этого действия.",
            "error.conflict": "Данные изменились, обновите страницу и повторите.",
            "error.school_mismatch": "Адрес сайта не совпадает со школой в вашем входе.",
            "error.school_unknown": "Школа по этому адресу не найдена.",
            "error.internal": "Внутренняя ошибка. Сообщите в поддержку код запроса {request_id}.",
            "error.unavailable": "Сервис временно недоступен, повторите попытку позже.",
            "error.method_not_allowed": "Этот метод не поддерживается для данного адреса.",
            "error.bad_request": "Некорректный запрос.",
            "error.invalid_characters": (
                "Текст содержит недопустимый символ (NUL, код 0). Уберите его и повторите."
            ),
            "field.required": "Обязательное поле.",
            "field.invalid": "Недопустимое значение.",
            # Per pydantic error type (`field.<type>`): see tabel_platform.http.problems.
            "field.json_invalid": "Тело запроса — некорректный JSON: ошибка в символе {position}.",
            "field.string_too_long": {
                "one": "Не длиннее {count} символа.",
                "few": "Не длиннее {count} символов.",
                "many": "Не длиннее {count} символов.",
                "other": "Не длиннее {count} символа.",
            },
            "field.string_too_short": {
                "one": "Не короче {count} символа.",
                "few": "Не короче {count} символов.",
                "many": "Не короче {count} символов.",
                "other": "Не короче {count} символа.",
            },
            "field.too_long": {
                "one": "Не больше {count} элемента.",
                "few": "Не больше {count} элементов.",
                "many": "Не больше {count} элементов.",
                "other": "Не больше {count} элемента.",
            },
            "field.too_short": {
                "one": "Нужен хотя бы {count} элемент.",
                "few": "Нужно хотя бы {count} элемента.",
                "many": "Нужно хотя бы {count} элементов.",
                "other": "Нужно хотя бы {count} элемента.",
            },
            "field.greater_than": "Значение должно быть больше {limit}.",
            "field.greater_than_equal": "Значение должно быть не меньше {limit}.",
            "field.less_than": "Значение должно быть меньше {limit}.",
            "field.less_than_equal": "Значение должно быть не больше {limit}.",
            "field.int_parsing": "Нужно целое число.",
            "field.int_from_float": "Нужно целое число, без дробной части.",
            "field.float_parsing": "Нужно число.",
            "field.bool_parsing": "Нужно логическое значение: true или false.",
            "field.uuid_parsing": (
                "Нужен идентификатор UUID, например 123e4567-e89b-12d3-a456-426614174000."
            ),
            "field.date_parsing": "Нужна дата в формате ГГГГ-ММ-ДД, например 2024-09-01.",
            "field.date_from_datetime_inexact": (
                "Нужна дата без времени в формате ГГГГ-ММ-ДД, например 2024-09-01."
            ),
            "field.datetime_parsing": (
                "Нужны дата и время в формате ISO 8601, например 2024-09-01T08:30:00+03:00."
            ),
            "field.enum": "Допустимые значения: {expected}.",
            "field.string_type": "Нужна строка.",
            "field.list_type": "Нужен список.",
            "field.dict_type": "Нужен объект.",
            "field.extra_forbidden": "Такого поля нет: уберите его.",
            "field.string_pattern_mismatch": "Значение не соответствует формату {pattern}.",
        },
        "en": {
            "error.validation": {
                "one": "Check the data you entered: {count} error.",
                "other": "Check the data you entered: {count} errors.",
            },
            "error.not_found": "Not found.",
            "error.unauthenticated": "You need to log in.",
            "error.token_invalid": "Your session is invalid or has expired; log in again.",
            "error.forbidden": "You are not allowed to do this.",
            "error.conflict": "The data has changed; reload and try again.",
            "error.school_mismatch": "The site address does not match the school you logged in to.",
            "error.school_unknown": "No school is served at this address.",
            "error.internal": "Internal error. Give support the request id {request_id}.",
            "error.unavailable": "The service is temporarily unavailable; try again later.",
            "error.method_not_allowed": "This method is not supported here.",
            "error.bad_request": "Bad request.",
            "error.invalid_characters": (
                "The text contains a character that cannot be stored (NUL, code 0). "
                "Remove it and try again."
            ),
            "field.required": "This field is required.",
            "field.invalid": "Invalid value.",
            "field.json_invalid": "The request body is not valid JSON: error at character "
            "{position}.",
            "field.string_too_long": {
                "one": "At most {count} character.",
                "other": "At most {count} characters.",
            },
            "field.string_too_short": {
                "one": "At least {count} character.",
                "other": "At least {count} characters.",
            },
            "field.too_long": {"one": "At most {count} item.", "other": "At most {count} items."},
            "field.too_short": {
                "one": "At least {count} item.",
                "other": "At least {count} items.",
            },
            "field.greater_than": "Must be greater than {limit}.",
            "field.greater_than_equal": "Must be at least {limit}.",
            "field.less_than": "Must be less than {limit}.",
            "field.less_than_equal": "Must be at most {limit}.",
            "field.int_parsing": "A whole number is required.",
            "field.int_from_float": "A whole number without a fractional part is required.",
            "field.float_parsing": "A number is required.",
            "field.bool_parsing": "A boolean is required: true or false.",
            "field.uuid_parsing": "A UUID is required, e.g. 123e4567-e89b-12d3-a456-426614174000.",
            "field.date_parsing": "A date as YYYY-MM-DD is required, e.g. 2024-09-01.",
            "field.date_from_datetime_inexact": (
                "A date without a time is required, as YYYY-MM-DD, e.g. 2024-09-01."
            ),
            "field.datetime_parsing": (
                "A date and time in ISO 8601 is required, e.g. 2024-09-01T08:30:00+03:00."
            ),
            "field.enum": "Allowed values: {expected}.",
            "field.string_type": "A string is required.",
            "field.list_type": "A list is required.",
            "field.dict_type": "An object is required.",
            "field.extra_forbidden": "There is no such field: remove it.",
            "field.string_pattern_mismatch": "Does not match the format {pattern}.",
        },
    }
)
