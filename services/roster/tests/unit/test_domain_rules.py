"""Domain rules without a database: domains, consent, SNILS, classes, promotion, import rows,
OneRoster queries."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from tabel_roster.domain.classes import (
    InvalidClass,
    SchoolClass,
    academic_year_of,
    normalize_letter,
)
from tabel_roster.domain.import_rows import map_header, parse_class, parse_date
from tabel_roster.domain.movements import promotion_targets
from tabel_roster.domain.oneroster_query import BadQuery, apply, parse_filter
from tabel_roster.domain.people import (
    Consent,
    ConsentRequired,
    PersonalData,
    check_personal_data,
    snils_checksum_ok,
)
from tabel_roster.domain.schools import InvalidDomain, School, normalize_domain


def test_domains_are_normalized_and_bad_ones_refused() -> None:
    assert normalize_domain(" School1.Example.RU.:8443 ") == "school1.example.ru"
    idn = normalize_domain("Школа1.РФ")
    assert idn.endswith(".xn--p1ai") and idn.encode().decode("idna") == "школа1.рф"
    for bad in ("localhost", "a b.ru", "-x.ru", "x..ru", ""):
        with pytest.raises(InvalidDomain):
            normalize_domain(bad)


def test_school_settings_are_checked() -> None:
    school = School(uuid.uuid4(), uuid.uuid4(), "Школа", "Ш", time_zone="Asia/Yekaterinburg")
    school.check_settings()
    school.domains = ["a.ru", "b.ru"]
    school.with_primary("b.ru")
    assert school.domains == ["b.ru", "a.ru"]
    school.grade_levels = [1, 12]
    with pytest.raises(ValueError, match="grade_levels"):
        school.check_settings()


def test_without_consent_only_the_name_may_be_kept() -> None:
    check_personal_data(Consent.NONE, PersonalData())
    with pytest.raises(ConsentRequired) as refused:
        check_personal_data(Consent.WITHDRAWN, PersonalData(phone="+7 900 000-00-00", sex=2))
    assert refused.value.fields == ["sex", "phone"]
    check_personal_data(
        Consent.GIVEN, PersonalData(birth_date=date(2014, 5, 1), snils="112-233-445 95")
    )


def test_snils_checksum() -> None:
    assert snils_checksum_ok("112-233-445 95")
    assert not snils_checksum_ok("112-233-445 96")
    assert snils_checksum_ok("001-001-998 00"), "numbers up to 001-001-998 carry no checksum"


def test_classes_and_academic_years() -> None:
    assert (
        academic_year_of(date(2026, 8, 31)) == 2025 and academic_year_of(date(2026, 9, 1)) == 2026
    )
    assert normalize_letter(" ё ") == "Е"
    with pytest.raises(InvalidClass):
        normalize_letter("Z")
    c = SchoolClass(uuid.uuid4(), uuid.uuid4(), 2026, 12, "А")
    with pytest.raises(InvalidClass):
        c.check(list(range(1, 12)))


def test_promotion_moves_up_and_graduates_the_last_grade() -> None:
    school = uuid.uuid4()
    classes = [SchoolClass(uuid.uuid4(), school, 2026, g, "А") for g in (11, 9, 1)]
    plan = [(t.source.grade_level, t.grade_level) for t in promotion_targets(classes, 11)]
    assert plan == [(1, 2), (9, 10), (11, None)]
    basic_school = [
        (t.source.grade_level, t.grade_level) for t in promotion_targets(classes[1:], 9)
    ]
    assert basic_school == [(1, 2), (9, None)]


def test_import_header_and_cells() -> None:
    index, missing = map_header(["ФАМИЛИЯ", "Имя", "Класс"])
    assert index == {"last_name": 0, "first_name": 1, "class": 2} and missing == ["kind"]
    assert (
        parse_class("10 «б»") == (10, "Б")
        and parse_class("11") == (11, "")
        and parse_class("5AB") is None
    )
    assert parse_date("01.09.2014") == date(2014, 9, 1) and parse_date("31.02.2014") is None


def test_oneroster_filter_sort_and_paging() -> None:
    records = [
        {"sourcedId": str(i), "familyName": n, "role": r}
        for i, (n, r) in enumerate([("Б", "student"), ("А", "teacher"), ("В", "student")])
    ]
    page, total = apply(
        records,
        filter_="role='student'",
        sort="familyName",
        order_by="desc",
        limit=1,
        offset=0,
        fields="familyName",
    )
    assert (page, total) == ([{"familyName": "В"}], 2)
    either, _ = apply(
        records,
        filter_="familyName='А' OR familyName~'б'",
        sort=None,
        order_by=None,
        limit=10,
        offset=0,
        fields=None,
    )
    assert [r["sourcedId"] for r in either] == ["0", "1"]
    assert parse_filter("title='O''Brien'")[0][0].value == "O'Brien"
    for bad in ({"filter_": "role=student"}, {"filter_": "a='1' AND b='2' OR c='3'"}, {"limit": 0}):
        args = {
            "filter_": None,
            "sort": None,
            "order_by": None,
            "limit": 10,
            "offset": 0,
            "fields": None,
        } | bad
        with pytest.raises(BadQuery):
            apply(records, **args)  # type: ignore[arg-type]
