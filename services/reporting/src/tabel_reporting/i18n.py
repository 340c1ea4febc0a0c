"""Reporting's messages for people (Russian first)."""

from tabel_platform.i18n import register

register(
    {
        "ru": {
            "reporting.class_not_found": "Класс не найден в отчётных данных.",
            "reporting.term_not_found": "Учебный период не найден в отчётных данных.",
            "reporting.student_not_found": "Обучающийся не найден в отчётных данных.",
            "reporting.municipality_not_found": "Муниципалитет не найден в отчётных данных.",
            "reporting.not_your_class": "Отчёт по классу доступен его классному руководителю "
            "и администрации школы.",
            "reporting.management_only": "Отчёт доступен администрации школы.",
            "reporting.analyst_only": "Сводные отчёты доступны муниципальному аналитику.",
            "reporting.not_your_municipality": "Аналитику доступны только сводные данные "
            "своего муниципалитета или региона.",
            "reporting.operator_only": "Перестроение отчётных данных доступно оператору региона.",
            "reporting.unknown_format": "Неизвестный формат отчёта: {format}. "
            "Доступны json, csv, xlsx, pdf.",
            "reporting.period_required": "Укажите учебный период (term_id) или даты.",
            "reporting.one_period": "Укажите либо учебный период (term_id), "
            "либо учебный год (academic_year_id).",
            "reporting.year_not_found": "Учебный год не найден в отчётных данных.",
            "reporting.school_not_found": "Школа не найдена в отчётных данных.",
        },
        "en": {
            "reporting.class_not_found": "Class not found in the reporting data.",
            "reporting.term_not_found": "Term not found in the reporting data.",
            "reporting.student_not_found": "Student not found in the reporting data.",
            "reporting.municipality_not_found": "Municipality not found in the reporting data.",
            "reporting.not_your_class": "A class report is for its class teacher and the "
            "school's management.",
            "reporting.management_only": "This report is for the school's management.",
            "reporting.analyst_only": "Aggregated reports are for municipal analysts.",
            "reporting.not_your_municipality": "An analyst sees aggregates of their own "
            "municipality or region only.",
            "reporting.operator_only": "Only a region operator can rebuild reporting data.",
            "reporting.unknown_format": "Unknown report format: {format}. "
            "Use json, csv, xlsx or pdf.",
            "reporting.period_required": "Give a term (term_id) or dates.",
            "reporting.one_period": "Give either a term (term_id) or a year (academic_year_id).",
            "reporting.year_not_found": "Academic year not found in the reporting data.",
            "reporting.school_not_found": "School not found in the reporting data.",
        },
    }
)
