"""Roster's messages for people (Russian first)."""

from tabel_platform.i18n import register

register(
    {
        "ru": {
            "roster.domain_taken": "Адрес(а) уже заняты другой школой: {domains}.",
            "roster.invalid_domain": "Некорректный адрес сайта школы.",
            "roster.school_not_found": "Школа не найдена.",
            "roster.region_operator_only": "Создавать школы может только оператор региона.",
        },
        "en": {
            "roster.domain_taken": "Domain(s) already belong to another school: {domains}.",
            "roster.invalid_domain": "Invalid school domain.",
            "roster.school_not_found": "School not found.",
            "roster.region_operator_only": "Only a region operator can create schools.",
        },
    }
)
