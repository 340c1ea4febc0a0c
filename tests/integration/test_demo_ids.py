"""The demo seeds of different services meet on shared ids (no service calls another to
seed): roster's classes, groups and people must be the ones schedule's timetable and the
journal's demo use, or the demo diary shows strangers' lessons or none."""

from __future__ import annotations

from tabel_journal import demo as journal
from tabel_platform.demo import demo_id
from tabel_roster import demo as roster
from tabel_schedule import demo_plan as schedule


def test_the_english_groups_of_roster_are_the_timetables() -> None:
    for name in schedule.CLASSES:
        for n in (1, 2):
            assert roster.english_group(name, n) == schedule.group_id(name, n), (name, n)


def test_the_journals_demo_class_subject_and_teacher_are_the_timetables() -> None:
    assert journal.SCHOOL == roster.SCHOOL_1
    assert journal.CLASS == schedule.class_id("5А") == demo_id("school/1/class/5А")
    assert schedule.subject_id("Математика") == journal.MATH
    assert schedule.teacher(3) == journal.TEACHER
