# ruff: noqa: E501  (CSV rows and report lines read better unwrapped)
"""Roster benchmark: importing a school of 1,000 students with 1,600 guardians, and the rate of
host → school lookups (roster's endpoint, and through the cached resolver other services use).

    uv run python bench/roster/bench_roster.py            # embedded PostgreSQL + NATS
    DATABASE_URL=postgresql://... NATS_URL=nats://... uv run python bench/roster/bench_roster.py

Baselines are measured in the same run: the import against creating the same people one
request-sized transaction at a time (the API path), the cached lookup against the uncached one.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from tabel_devstack._proc import free_port
from tabel_devstack.nats import EmbeddedNats
from tabel_devstack.postgres import EmbeddedPostgres
from tabel_platform.db.migrate import upgrade
from tabel_platform.events.envelope import Actor
from tabel_platform.http.school_resolver import CachedSchoolResolver
from tabel_platform.testing import serve_in_process
from tabel_roster import demo_people as names
from tabel_roster.bootstrap import SPEC
from tabel_roster.domain.classes import academic_year_of
from tabel_roster.domain.people import PersonKind
from tabel_roster.service_layer import imports, people, schools
from tabel_roster.service_layer.schools import CreateSchool, create_school

STUDENTS, GUARDIANS, STAFF, SCHOOLS_FOR_LOOKUP = 1000, 1600, 80, 200
HEADER = (
    "Тип;Код;Фамилия;Имя;Отчество;Класс;Должности;Представитель для;Кем приходится;"
    "Согласие дал;Дата рождения;Пол;Телефон"
)
ACTOR = Actor(kind="system", subject="bench")


def school_file(seed: int = 42) -> bytes:
    rnd = random.Random(seed)
    classes = [f"{g}{letter}" for g in range(1, 12) for letter in "АБВГ"][: STUDENTS // 25]
    lines = [HEADER]
    for n in range(STAFF):
        led = classes[n] if n < len(classes) else ""
        lines.append(
            f"сотрудник;T{n};{names.SURNAMES[n % 27]};{names.FEMALE[n % 12]};{names.MOTHER_NAMES[n % 8]}овна;{led};учитель;;;;;;"
        )
    guardians_left = GUARDIANS
    for n in range(STUDENTS):
        last, first, middle, female = names.student_name(n)
        consent = rnd.random() < 0.8
        who = f"{names.surname(last, True)} {names.MOTHER_NAMES[n % 8]} Ивановна"
        grade = int(classes[n // 25][:-1])
        born = date(academic_year_of(date.today()) - grade - 6, 1 + n % 12, 1 + n % 28).strftime(
            "%d.%m.%Y"
        )
        sex = ("ж" if female else "м") if consent else ""
        given = who if consent else ""
        lines.append(
            f"учащийся;S{n};{last};{first};{middle};{classes[n // 25]};;;;{given};{born if consent else ''};{sex};"
        )
        count = 2 if guardians_left > STUDENTS - n else 1
        for k in range(min(count, guardians_left)):
            family = last[:-1] if female and last.endswith("а") else last
            plast = names.surname(family, k == 0)
            pfirst = names.MOTHER_NAMES[n % 8] if k == 0 else names.FATHER_NAMES[n % 8]
            phone = f"+7 900 {n:03d}-{k:02d}-00" if consent else ""
            relation = "мать" if k == 0 else "отец"
            lines.append(f"родитель;P{n}-{k};{plast};{pfirst};;;;S{n};{relation};{given};;;{phone}")
            guardians_left -= 1
    return ("\n".join(lines) + "\n").encode()


async def timed_import(
    rt: Any, school: uuid.UUID, content: bytes, *, dry_run: bool
) -> tuple[float, imports.ImportReport]:
    started = time.perf_counter()
    report = await imports.import_roster(
        runtime=rt, school_id=school, content=content, dry_run=dry_run, actor=ACTOR
    )
    return time.perf_counter() - started, report


async def run(database_url: str, nats_url: str) -> None:
    content = school_file()
    rows = content.count(b"\n") - 1
    async with serve_in_process(SPEC, database_url=database_url, nats_url=nats_url) as roster:
        rt = roster.runtime
        hosts = []
        for i in range(SCHOOLS_FOR_LOOKUP):
            host = f"s{i}-{uuid.uuid4().hex[:6]}.edu.example.ru"
            school = await create_school(
                runtime=rt,
                command=CreateSchool(uuid.uuid4(), f"Школа № {i}", f"Школа {i}", [host]),
                actor=ACTOR,
            )
            hosts.append(host)
        target = school.id
        # Lookups first, while nothing else runs; then the API baseline; then the import.
        lookups = 2000
        started = time.perf_counter()
        for i in range(lookups):
            await schools.resolve_host(runtime=rt, host=hosts[i % len(hosts)])
        direct_rate = lookups / (time.perf_counter() - started)
        async with httpx.AsyncClient(base_url=roster.http_url) as client:
            lookups = 2000
            started = time.perf_counter()
            for i in range(lookups):
                assert (await client.get(f"/v1/hosts/{hosts[i % len(hosts)]}")).status_code == 200
            uncached_rate = lookups / (time.perf_counter() - started)

            async def http_lookup(host: str) -> uuid.UUID | None:
                answer = await client.get(f"/v1/hosts/{host}")
                return uuid.UUID(answer.json()["id"]) if answer.status_code == 200 else None

            resolver = CachedSchoolResolver(http_lookup, ttl_s=60)
            cached_n = 200_000
            started = time.perf_counter()
            for i in range(cached_n):
                assert await resolver.school_for_host(hosts[i % len(hosts)])
            cached_rate = cached_n / (time.perf_counter() - started)
        baseline_n = 200  # the API path: one transaction per person
        started = time.perf_counter()
        for n in range(baseline_n):
            await people.create_person(
                runtime=rt,
                command=people.CreatePerson(
                    school_id=target,
                    last_name="Базовый",
                    first_name=f"Ученик{'а' * (n % 3)}",
                    kinds=[PersonKind.STUDENT],
                ),
                actor=ACTOR,
            )
        per_person_s = (time.perf_counter() - started) / baseline_n

        dry_s, dry = await timed_import(rt, target, content, dry_run=True)
        assert not dry.errors, dry.errors[:5]
        imp_s, r = await timed_import(rt, target, content, dry_run=False)
        again_s, again = await timed_import(rt, target, content, dry_run=False)
        assert again.created == 0 and again.unchanged == rows

    print(
        f"Импорт школы: {rows} строк ({STUDENTS} учащихся, {GUARDIANS} законных представителей, {STAFF} сотрудников)"
    )
    print(f"  проверка (dry run):            {dry_s:6.2f} с  ({rows / dry_s:7.0f} строк/с)")
    print(
        f"  импорт, одна транзакция:       {imp_s:6.2f} с  ({rows / imp_s:7.0f} строк/с); создано {r.created}, классов {len(r.classes_created)}, зачислено {r.enrolled}, связей {r.guardianships_added}"
    )
    print(f"  повторный импорт (без изменений): {again_s:6.2f} с")
    print(
        f"  базовая линия, по одному через API-сценарий: {1 / per_person_s:7.0f} чел/с → импорт быстрее в {per_person_s * rows / imp_s:4.1f} раза"
    )
    print(f"Поиск школы по адресу ({SCHOOLS_FOR_LOOKUP} школ):")
    print(f"  без кэша, сценарий resolve_host (БД):  {direct_rate:9.0f} запросов/с")
    print(f"  без кэша, HTTP GET /v1/hosts/{{host}}: {uncached_rate:9.0f} запросов/с")
    print(
        f"  CachedSchoolResolver (TTL 60 с):     {cached_rate:9.0f} запросов/с  (×{cached_rate / uncached_rate:.0f})"
    )
    print(
        f"Нагрузка машины (load average): {' '.join(f'{x:.1f}' for x in os.getloadavg())}, ядер: {os.cpu_count()}"
    )
    print("Команда: uv run python bench/roster/bench_roster.py")


def main() -> None:
    if os.environ.get("DATABASE_URL") and os.environ.get("NATS_URL"):
        asyncio.run(run(os.environ["DATABASE_URL"], os.environ["NATS_URL"]))
        return
    with tempfile.TemporaryDirectory(prefix="tabel-bench-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg", free_port())
        nats = EmbeddedNats(Path(tmp) / "nats", free_port())
        pg.start()
        nats.start()
        try:
            url = pg.ensure_database("roster_bench", "roster_bench")
            upgrade(url, SPEC.migrations)
            asyncio.run(run(url, nats.url))
        finally:
            nats.stop()
            pg.stop()


if __name__ == "__main__":
    main()
