"""The catalogue of permissions and each role's default permissions (seeds 002, 003, 004).

A permission is "<service>.<resource>.<action>"; the service that owns the data decides
what it allows there. `PLATFORM` permissions belong to region-wide roles and can never be
given by a school administrator.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Codes as in tabel.identity.v1.Role without the prefix, lower-case."""

    TEACHER = "teacher"
    CLASS_TEACHER = "class_teacher"
    DIRECTOR = "director"
    DEPUTY_DIRECTOR = "deputy_director"
    ADMINISTRATOR = "administrator"
    STUDENT = "student"
    GUARDIAN = "guardian"
    SECRETARY = "secretary"
    MEDIC = "medic"
    PSYCHOLOGIST = "psychologist"
    SOCIAL_PEDAGOGUE = "social_pedagogue"
    HR_SPECIALIST = "hr_specialist"
    TUTOR = "tutor"
    REGION_OPERATOR = "region_operator"
    MUNICIPAL_ANALYST = "municipal_analyst"


PLATFORM_ROLES = frozenset({Role.REGION_OPERATOR, Role.MUNICIPAL_ANALYST})
SCHOOL_ROLES = frozenset(Role) - PLATFORM_ROLES

# code -> what it lets one do (Russian, shown to the administrator who edits rights)
CATALOGUE: dict[str, str] = {
    "journal.lesson.read": "Просмотр журнала (темы уроков, отметки, посещаемость)",
    "journal.lesson.write": "Заполнение журнала: темы, домашние задания",
    "journal.mark.write": "Выставление и исправление отметок",
    "journal.attendance.write": "Отметка посещаемости",
    "journal.absence_reason.write": "Указание причин пропусков",
    "journal.final_mark.write": "Выставление итоговых отметок",
    "journal.closed_term.write": "Исправления в закрытом учебном периоде",
    "journal.settings.manage": "Настройки журнала школы (шкалы, веса, сроки)",
    "diary.read": "Просмотр дневника учащегося",
    "homework.submit": "Сдача домашних заданий",
    "roster.person.read": "Просмотр списков людей и классов (ФИО)",
    "roster.person.personal_data.read": "Просмотр персональных данных",
    "roster.person.write": "Ведение сведений о людях, классах, движении учащихся",
    "roster.health.read": "Сведения о здоровье учащихся",
    "roster.psychology.read": "Заключения психолога и социального педагога",
    "roster.staff.write": "Кадровые сведения о сотрудниках",
    "schedule.read": "Просмотр расписания",
    "schedule.write": "Составление расписания, нагрузки и замен",
    "reporting.school.read": "Отчёты по школе",
    "reporting.class.read": "Отчёты по классу",
    "reporting.aggregate.read": "Сводные обезличенные отчёты по школам",
    "messaging.send": "Отправка сообщений",
    "identity.account.manage": "Учётные записи: приглашения, логины, сброс паролей",
    "identity.grant.manage": "Назначение ролей",
    "identity.rights.manage": "Изменение прав ролей и отдельных людей",
    "identity.audit.read": "Журнал входов и изменений прав",
    "identity.client.manage": "Подключение внешних систем к списку школы (клиенты OneRoster)",
    "identity.activation_code.issue": "Выпуск кодов активации школ",
    "roster.school.create": "Создание школ региона",
}
PLATFORM = frozenset(
    {"identity.activation_code.issue", "roster.school.create", "reporting.aggregate.read"}
)

_READ_ALL = {"journal.lesson.read", "diary.read", "roster.person.read", "schedule.read"}
_TEACHING = {
    "journal.lesson.read",
    "journal.lesson.write",
    "journal.mark.write",
    "journal.attendance.write",
    "diary.read",
    "roster.person.read",
    "schedule.read",
    "reporting.class.read",
    "messaging.send",
}
_MANAGEMENT = _READ_ALL | {
    "roster.person.personal_data.read",
    "reporting.school.read",
    "reporting.class.read",
    "messaging.send",
}
_SPECIALIST = {"roster.person.read", "schedule.read", "messaging.send"}

DEFAULTS: dict[Role, frozenset[str]] = {
    Role.TEACHER: frozenset(_TEACHING),
    Role.CLASS_TEACHER: frozenset(
        _TEACHING
        | {
            "journal.absence_reason.write",
            "journal.final_mark.write",
            "roster.person.personal_data.read",
        }
    ),
    Role.DIRECTOR: frozenset(
        _MANAGEMENT | {"journal.closed_term.write", "journal.settings.manage"}
    ),
    Role.DEPUTY_DIRECTOR: frozenset(
        _MANAGEMENT | {"journal.settings.manage", "schedule.write", "journal.closed_term.write"}
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            "roster.person.read",
            "roster.person.personal_data.read",
            "roster.person.write",
            "schedule.read",
            "schedule.write",
            "journal.settings.manage",
            "identity.account.manage",
            "identity.grant.manage",
            "identity.rights.manage",
            "identity.audit.read",
            "identity.client.manage",
        }
    ),
    Role.STUDENT: frozenset({"diary.read", "homework.submit", "schedule.read"}),
    Role.GUARDIAN: frozenset({"diary.read", "schedule.read", "messaging.send"}),
    Role.SECRETARY: frozenset(
        {"roster.person.read", "roster.person.personal_data.read", "roster.person.write"}
    ),
    Role.MEDIC: frozenset(_SPECIALIST | {"roster.health.read"}),
    Role.PSYCHOLOGIST: frozenset(_SPECIALIST | {"roster.psychology.read"}),
    Role.SOCIAL_PEDAGOGUE: frozenset(_SPECIALIST | {"roster.psychology.read"}),
    Role.HR_SPECIALIST: frozenset(
        {"roster.person.read", "roster.person.personal_data.read", "roster.staff.write"}
    ),
    Role.TUTOR: frozenset(_SPECIALIST | {"journal.lesson.read", "diary.read"}),
    Role.REGION_OPERATOR: frozenset({"identity.activation_code.issue", "roster.school.create"}),
    Role.MUNICIPAL_ANALYST: frozenset({"reporting.aggregate.read"}),
}
# The administrator's own management rights cannot be narrowed: a school must never lock
# itself out of managing rights.
PROTECTED: dict[Role, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset({"identity.grant.manage", "identity.rights.manage"})
}
# Roles whose school-wide grant reaches only the holder's own relations (themselves, their
# children, the classes and subjects of scoped grants), never the whole school.
RELATIONAL = frozenset({Role.TEACHER, Role.CLASS_TEACHER, Role.STUDENT, Role.GUARDIAN, Role.TUTOR})


def is_known(permission: str) -> bool:
    return permission in CATALOGUE


def effective(
    role: Role, added: frozenset[str] = frozenset(), removed: frozenset[str] = frozenset()
) -> frozenset[str]:
    """A role's permissions in a school: the defaults, widened and narrowed there."""
    return (DEFAULTS[role] | added) - (removed - PROTECTED.get(role, frozenset()))
