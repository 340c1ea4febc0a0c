"""Schedule's messages for people (Russian first)."""

from tabel_platform.i18n import register

RU = {
    "schedule.span_reversed": "Дата окончания раньше даты начала.",
    "schedule.admin_only": "Это может только администратор или заместитель директора школы.",
    "schedule.management_only": "Закрыть учебный период может только администрация школы.",
    "schedule.view_forbidden": "Это расписание вам недоступно.",
    "schedule.year_invalid": "Учебный год задан с ошибками.",
    "schedule.year_exists": "Учебный год {name} уже создан.",
    "schedule.year_not_found": "Учебный год не найден.",
    "schedule.term_not_found": "Учебный период не найден.",
    "schedule.term_already_closed": (
        "{number}-й учебный период уже закрыт ({closed_on}). Исправления в закрытом периоде "
        "вносятся в журнал с указанием причины по разрешению администрации."
    ),
    "schedule.term_closed": "Урок относится к закрытому учебному периоду: менять его нельзя.",
    "schedule.bells_invalid": "Расписание звонков задано с ошибками.",
    "schedule.bells_not_found": "Расписание звонков не найдено.",
    "schedule.no_bells": "Для {shift}-й смены нет расписания звонков с уроком № {period}.",
    "schedule.building_not_found": "Здание не найдено.",
    "schedule.room_not_found": "Кабинет не найден.",
    "schedule.room_exists": "Кабинет {name} в этом здании уже есть.",
    "schedule.subject_not_found": "Предмет не найден.",
    "schedule.subject_exists": "Предмет «{name}» уже есть.",
    "schedule.assignment_not_found": "Учебная нагрузка не найдена.",
    "schedule.class_unknown": "Класс не найден в школе.",
    "schedule.group_unknown": "Учебная группа не найдена в указанных классах.",
    "schedule.entry_invalid": "Урок расписания задан с ошибками.",
    "schedule.entry_not_found": "Урок расписания не найден.",
    "schedule.timetable_conflict": "Накладка в расписании: {count} пересечений.",
    "schedule.lesson_not_found": "Урок не найден.",
    "schedule.lesson_cancelled": "Урок отменён.",
    "schedule.lesson_conflict": "В это время уже заняты: {what}.",
    "schedule.no_substitution": "У урока нет действующей замены.",
    "schedule.not_staff": "Учителем может быть только сотрудник школы.",
    "schedule.same_teacher": "Заменяющий учитель совпадает с учителем урока.",
    "schedule.week_target": "Укажите ровно одно: ученика, класс, учителя или кабинет.",
    "schedule.feed_not_found": "Календарь не найден или ссылка отозвана.",
}
EN = {
    "schedule.span_reversed": "The end date is before the start date.",
    "schedule.not_staff": "Only a member of the school's staff can teach.",
    "schedule.term_already_closed": "Term {number} is already closed ({closed_on}).",
    "schedule.admin_only": "Only a school administrator or deputy may do this.",
    "schedule.view_forbidden": "This timetable is not available to you.",
    "schedule.timetable_conflict": "Timetable conflict: {count} collisions.",
    "schedule.lesson_conflict": "Already busy at that time: {what}.",
}

register({"ru": RU, "en": EN})
