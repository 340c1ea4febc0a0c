# ruff: noqa: E501  (a message catalog: one message per line reads better than wrapped ones)
"""Roster's messages for people (Russian first)."""

from tabel_platform.i18n import Message, register

RU: dict[str, Message] = {
    "roster.domain_taken": "Уже используется другой школой: {domains}.",
    "roster.invalid_domain": "Некорректный адрес сайта школы.",
    "roster.invalid_setting": "Недопустимое значение настройки школы.",
    "roster.school_not_found": "Школа не найдена.",
    "roster.region_operator_only": "Это может делать только оператор региона.",
    "roster.school_admin_only": "Это может делать только администратор школы.",
    "roster.staff_only": "Данные школы доступны только её сотрудникам.",
    "roster.municipality_exists": "Муниципалитет с таким названием уже есть.",
    "roster.municipality_not_found": "Муниципалитет не найден.",
    "roster.person_not_found": "Человек не найден.",
    "roster.student_not_found": "Обучающийся не найден.",
    "roster.invalid_name": "ФИО должно состоять из букв и быть не длиннее 100 символов.",
    "roster.invalid_position": "Неизвестная должность или должность у человека, не являющегося сотрудником.",
    "roster.consent_required": (
        "Нет согласия на обработку персональных данных: можно хранить только ФИО. "
        "Уберите поля: {fields}."
    ),
    "roster.consent_given_by_required": "Укажите, кто дал согласие на обработку персональных данных.",
    "roster.invalid_personal_data": "Некорректное значение поля «{field}».",
    "roster.guardianship_kinds": "Связь создаётся между законным представителем и обучающимся.",
    "roster.guardianship_exists": "Этот законный представитель уже привязан к обучающемуся.",
    "roster.guardianship_not_found": "Связь с законным представителем не найдена.",
    "roster.invalid_class": "Некорректный класс: параллель 1–11 из параллелей школы, буква русского алфавита.",
    "roster.class_exists": "Класс {name} в этом учебном году уже есть.",
    "roster.class_not_found": "Класс не найден.",
    "roster.class_teacher_not_staff": "Классным руководителем может быть только сотрудник школы.",
    "roster.class_year_mismatch": "Дата движения не попадает в учебный год класса {name}.",
    "roster.group_exists": "Группа с таким названием в этом учебном году уже есть.",
    "roster.group_not_found": "Учебная группа не найдена.",
    "roster.group_year_mismatch": "Группа и класс относятся к разным учебным годам.",
    "roster.not_in_class": "Обучающийся не состоит в классе этой группы на указанную дату.",
    "roster.not_enrolled": "Обучающийся не зачислен ни в один класс на указанную дату.",
    "roster.already_enrolled": "Обучающийся уже зачислен в класс.",
    "roster.already_member": "Обучающийся уже состоит в этой группе.",
    "roster.same_class": "Обучающийся уже в этом классе.",
    "roster.movement_before_start": "Дата движения должна быть позже начала обучения в текущем классе.",
    "roster.promotion_is_school_wide": "Перевод в следующий класс выполняется для всей школы сразу.",
    "roster.promotion_date": "Дата перевода должна быть между 1 мая и 30 сентября следующего года.",
    "roster.promotion_done": "Перевод этого учебного года уже выполнен.",
    "roster.no_classes_in_year": "В этом учебном году нет классов.",
    "roster.import_invalid": {
        "one": "В файле {count} ошибка; ничего не записано.",
        "few": "В файле {count} ошибки; ничего не записано.",
        "many": "В файле {count} ошибок; ничего не записано.",
        "other": "В файле {count} ошибки; ничего не записано.",
    },
    "roster.import_format": "Файл не читается: нужен CSV (UTF-8, разделитель «;» или «,») или XLSX.",
    "roster.import_column_missing": "Нет обязательного столбца «{column}».",
}

EN: dict[str, Message] = {
    "roster.domain_taken": "Already used by another school: {domains}.",
    "roster.invalid_domain": "Invalid school domain.",
    "roster.school_not_found": "School not found.",
    "roster.region_operator_only": "Only a region operator can do this.",
    "roster.school_admin_only": "Only the school administrator can do this.",
    "roster.consent_required": (
        "No consent to process personal data: only the full name may be kept. Remove: {fields}."
    ),
    "roster.person_not_found": "Person not found.",
    "roster.class_not_found": "Class not found.",
}

register({"ru": RU, "en": EN})

register(
    {
        "ru": {
            "roster.import_too_large": "Файл слишком большой: разделите его на части.",
            "roster.oneroster_bundle": "Пакет OneRoster 1.2 не читается ({part}): нужен zip с manifest.csv.",
            "roster.oneroster_query": "Некорректный параметр запроса OneRoster.",
            "roster.oneroster_scope": "Нужен доступ OneRoster (scope roster-core.readonly) к этой школе.",
            "roster.consent_required_row": (
                "Без согласия на обработку ПДн хранится только ФИО: заполните «Согласие дал» "
                "или очистите это поле."
            ),
        }
    }
)

register(
    {
        "ru": {
            "roster.staff_write_only": "Кадровые сведения ведут специалист по кадрам и администратор школы.",
            "roster.class_only": "Списки класса доступны сотрудникам школы и классному руководителю.",
            "roster.person_only": "Сведения о человеке доступны ему самому, его законным представителям и сотрудникам школы.",
            "roster.personal_data_only": "Нет права на просмотр персональных данных.",
            "roster.membership_not_found": "Членство в группе не найдено.",
            "roster.membership_end_before_start": "Дата окончания раньше даты начала членства.",
            "roster.membership_ended": "Членство уже завершено.",
            "roster.not_a_group_membership": "Так завершается только членство в учебной группе; класс меняется движением учащегося.",
        }
    }
)
