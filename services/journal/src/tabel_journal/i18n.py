"""The journal's messages for people (Russian first)."""

from tabel_platform.i18n import register

register(
    {
        "ru": {
            "journal.lesson_not_found": "Урок не найден.",
            "journal.lesson_forbidden": "Нет доступа к журналу этого урока.",
            "journal.student_forbidden": "Нет доступа к дневнику этого ученика.",
            "journal.lesson_cancelled": "Урок отменён: записи в журнал не вносятся.",
            "journal.person_required": "Вход выполнен не от имени сотрудника, ученика или родителя.",
            "journal.term_closed": "Учебный период закрыт: изменения возможны только с разрешения администрации.",
            "journal.reason_required": "Укажите причину изменения.",
            "journal.idempotency_key_reused": "Этот ключ повтора уже использован для другого запроса.",
            "journal.mark_of_other_lesson": "Отметка относится к другому уроку.",
            "journal.student_not_in_lesson": "Ученик не занимается на этом уроке.",
            "journal.unknown_work_type": "Неизвестный вид работы.",
            "journal.value_out_of_scale": "Отметка не соответствует шкале оценивания.",
            "journal.no_marks_for_grade": "В этом классе отметки не выставляются.",
            "journal.mark_not_found": "Отметка не найдена.",
            "journal.unknown_status": "Неизвестная отметка посещаемости.",
            "journal.late_minutes_required": "Укажите, на сколько минут опоздал ученик.",
            "journal.management_only": "Действие доступно только администрации школы.",
            "journal.final_forbidden": "Нет права выставлять итоговую отметку по этому предмету.",
            "journal.reason_correction_forbidden": "Причины пропусков корректирует классный руководитель.",
            "journal.attendance_not_found": "Запись о посещаемости не найдена.",
            "journal.term_not_found": "Учебный период не найден.",
        },
        "en": {
            "journal.lesson_not_found": "Lesson not found.",
            "journal.lesson_forbidden": "You have no access to this lesson's journal.",
            "journal.student_forbidden": "You have no access to this student's diary.",
            "journal.lesson_cancelled": "The lesson is cancelled.",
            "journal.person_required": "The account is not linked to a person.",
            "journal.term_closed": "The term is closed; changes need management's permission.",
            "journal.reason_required": "Give the reason for the change.",
            "journal.idempotency_key_reused": "This idempotency key was used for another request.",
        },
    }
)
