"""Generated logins for the initial mass filling (seed 003, II.2.2: "автоматическая генерация
идентификаторов и паролей для пользователей сервисов при первоначальном наполнении
системы"): a Latin username from the person's name and a one-time password that is read
off a printed letter without mistakes.
"""

from __future__ import annotations

import re
import secrets

# Russian -> Latin as in Russian passports since 2014 (ICAO Doc 9303), simplified to ASCII.
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
})  # fmt: skip
# No 0/O, 1/l/I: a parent types the password from paper.
_LETTERS = "abcdefghjkmnpqrstuvwxyz"
_DIGITS = "23456789"
_NOT_NAME = re.compile(r"[^a-z]")


def transliterate(text: str) -> str:
    return _NOT_NAME.sub("", text.lower().translate(_TRANSLIT))


def generated_username(last_name: str, first_name: str) -> str:
    """`ivanov.p4821`: the surname, the first initial and four random digits (names repeat
    in a region, so the digits are what makes it unique; callers retry on a clash)."""
    last = transliterate(last_name)[:20] or "user"
    first = transliterate(first_name.strip()[:1])
    digits = "".join(secrets.choice(_DIGITS) for _ in range(4))
    return f"{last}.{first}{digits}"


def one_time_password(length: int = 10) -> str:
    """Letters and digits in groups a person can type; always both a letter and a digit."""
    while True:
        chars = [secrets.choice(_LETTERS + _DIGITS) for _ in range(length)]
        if any(c in _DIGITS for c in chars) and any(c in _LETTERS for c in chars):
            return "".join(chars)
