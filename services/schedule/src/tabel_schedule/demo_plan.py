"""The demo school's curriculum and a greedy placement of it into a weekly timetable."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from tabel_platform.demo import demo_id
from tabel_schedule.domain.timetable import Weeks

SCHOOL = "school/1"
DAYS, PERIODS = range(1, 6), range(1, 7)


def teacher(n: int) -> UUID:
    return demo_id(f"{SCHOOL}/person/teacher/{n}")


def class_id(name: str) -> UUID:
    return demo_id(f"{SCHOOL}/class/{name}")


def group_id(class_name: str, n: int) -> UUID:
    return demo_id(f"{SCHOOL}/class/{class_name}/group/{n}")


def subject_id(name: str) -> UUID:
    return demo_id(f"{SCHOOL}/subject/{name}")


def room_id(name: str) -> UUID:
    return demo_id(f"{SCHOOL}/room/{name}")


SUBJECTS = {
    "Русский язык": "Рус. яз.",
    "Литература": "Лит.",
    "Математика": "Мат.",
    "Алгебра": "Алг.",
    "Геометрия": "Геом.",
    "Английский язык": "Англ. яз.",
    "История": "Ист.",
    "Обществознание": "Общ.",
    "Биология": "Биол.",
    "География": "Геогр.",
    "Физика": "Физ.",
    "Химия": "Хим.",
    "Информатика": "Инф.",
    "Физическая культура": "Физ-ра",
}
ROOMS = ["101", "102", "103", "104", "201", "202", "203", "204", "205", "301", "Спортзал"]
# Roster's demo staff (teacher/1 .. /7 teach; /8 is the secretary) → the room they teach in.
TEACHERS = {1: "101", 2: "102", 3: "103", 4: "201", 5: "202", 6: "203", 7: "204"}
CLASSES = {"5А": 5, "5Б": 5, "10А": 10}
# class → [(subject, teacher, hours)]; English is taught in two groups by teachers 4 and 5.
CURRICULUM: dict[str, list[tuple[str, int, int]]] = {
    "5А": [
        ("Русский язык", 1, 5),
        ("Литература", 1, 3),
        ("Математика", 3, 5),
        ("История", 6, 2),
        ("Биология", 7, 1),
        ("География", 7, 1),
    ],
    "5Б": [
        ("Русский язык", 2, 5),
        ("Литература", 2, 3),
        ("Математика", 3, 5),
        ("История", 6, 2),
        ("Биология", 7, 1),
        ("География", 7, 1),
    ],
    "10А": [
        ("Русский язык", 1, 2),
        ("Литература", 2, 3),
        ("Алгебра", 4, 4),
        ("Геометрия", 4, 2),
        ("История", 6, 2),
        ("Обществознание", 6, 2),
        ("Физика", 3, 3),
        ("Химия", 7, 2),
        ("Биология", 7, 1),
    ],
}
ENGLISH_HOURS = 3  # per class, in two groups side by side


@dataclass
class Slot:
    weekday: int
    period: int
    subject: str
    class_names: list[str]
    teacher: int
    room: str
    groups: list[UUID] = field(default_factory=list)
    weeks: Weeks = Weeks.EVERY


def weekly_plan() -> list[Slot]:
    """Merged PE of 5А+5Б, English in groups, 10А's alternating weeks, the rest greedily."""
    busy: set[tuple[int, int, int]] = set()  # (teacher, day, period)
    taken: set[tuple[str, int, int]] = set()  # (class, day, period)
    out: list[Slot] = []

    def put(slot: Slot, teachers: list[int]) -> None:
        out.append(slot)
        busy.update((t, slot.weekday, slot.period) for t in teachers)
        taken.update((c, slot.weekday, slot.period) for c in slot.class_names)

    for day in (2, 4):  # поточный урок: физкультура 5А и 5Б вместе
        put(Slot(day, 5, "Физическая культура", ["5А", "5Б"], 7, "Спортзал"), [7])
    put(Slot(5, 6, "Информатика", ["10А"], 5, "301", weeks=Weeks.A), [5])
    put(Slot(5, 6, "Физика", ["10А"], 3, "205", weeks=Weeks.B), [3])
    for name in ("5А", "5Б", "10А"):
        english = ENGLISH_HOURS
        for day in DAYS:
            for period in PERIODS:
                free = all((t, day, period) not in busy for t in (4, 5))
                if english and free and (name, day, period) not in taken and period in (2, 3):
                    for n, (t, room) in enumerate(((4, "201"), (5, "202")), start=1):
                        out.append(
                            Slot(
                                day, period, "Английский язык", [name], t, room, [group_id(name, n)]
                            )
                        )
                    busy.update({(4, day, period), (5, day, period)})
                    taken.add((name, day, period))
                    english -= 1
                    break
        queue = [(s, t) for s, t, hours in CURRICULUM[name] for _ in range(hours)]
        for day in DAYS:
            for period in PERIODS:
                if (name, day, period) in taken:
                    continue
                pick = next(
                    (
                        i
                        for i, (s, t) in enumerate(queue)
                        if (t, day, period) not in busy
                        and sum(
                            x.subject == s and x.weekday == day and name in x.class_names
                            for x in out
                        )
                        < 2
                    ),
                    None,
                )
                if pick is None:
                    continue
                s, t = queue.pop(pick)
                put(Slot(day, period, s, [name], t, TEACHERS[t]), [t])
    return out
