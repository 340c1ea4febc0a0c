"""Messages people read, by locale. Russian is the default; another locale is a new catalog.

Code and API fields stay in English; only the human message is translated. A service
registers its catalog at import time: ``register({"ru": {...}, "en": {...}})``.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

DEFAULT_LOCALE = "ru"
_catalogs: dict[str, dict[str, str]] = {}
current_locale: ContextVar[str] = ContextVar("current_locale", default=DEFAULT_LOCALE)


def register(catalogs: Mapping[str, Mapping[str, str]]) -> None:
    for locale, messages in catalogs.items():
        _catalogs.setdefault(locale, {}).update(messages)


def translate(key: str, locale: str | None = None, /, **params: Any) -> str:
    """The message for `key` in `locale` (or the request's); falls back to Russian, then the key."""
    loc = locale or current_locale.get()
    template = _catalogs.get(loc, {}).get(key) or _catalogs.get(DEFAULT_LOCALE, {}).get(key) or key
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


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
            "error.validation": "Проверьте введённые данные: {count} ошибк(и).",
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
            "field.required": "Обязательное поле.",
            "field.invalid": "Недопустимое значение.",
        },
        "en": {
            "error.validation": "Check the data you entered: {count} error(s).",
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
            "field.required": "This field is required.",
            "field.invalid": "Invalid value.",
        },
    }
)
