"""The demo: reporting shows whatever the other services' demo events have brought."""

from __future__ import annotations

from sqlalchemy import text

from tabel_platform.demo import demo_id
from tabel_platform.runtime import Runtime

DEMO_SCHOOLS = {demo_id("school/1"): "Школа № 1", demo_id("school/2"): "Гимназия № 2"}


async def seed_demo(runtime: Runtime) -> list[str]:
    lines = []
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        for school_id, short in DEMO_SCHOOLS.items():
            counts = (
                await session.execute(
                    text(
                        "SELECT (SELECT count(*) FROM classes WHERE school_id = :s),"
                        " (SELECT count(*) FROM marks WHERE school_id = :s AND NOT deleted),"
                        " (SELECT count(*) FROM attendance WHERE school_id = :s)"
                    ),
                    {"s": school_id},
                )
            ).one()
            classes, marks, absences = counts
            if marks == 0:
                lines.append(
                    f"reporting: по школе «{short}» отметок пока нет — отчёты появятся, когда "
                    "журнал опубликует события (выставите отметки в журнале демо-школы); "
                    "отставание проекций: GET /v1/reporting/projections"
                )
            else:
                lines.append(
                    f"reporting: {short}: классов {classes}, отметок {marks}, "
                    f"записей посещаемости {absences}; успеваемость класса: "
                    "GET /v1/reporting/classes/{class_id}/progress?term_id=…&format=pdf; "
                    "посещаемость, журнал для архива, группа риска: …/classes/{class_id}/"
                    "attendance|journal|at-risk|timeliness; табель и недельная распечатка: "
                    "…/students/{student_id}/report-card|weekly; своевременность и активность: "
                    "…/school/timeliness|activity"
                )
    return lines
