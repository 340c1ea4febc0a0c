"""Use cases for municipal analysts: aggregated progress, trends, school comparison."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, InvalidInput
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import analytics_queries
from tabel_reporting.adapters.grants_queries import rights_of
from tabel_reporting.adapters.planning import plan_for_values
from tabel_reporting.domain.access import Rights
from tabel_reporting.domain.analytics import GroupRates, group_rates
from tabel_reporting.service_layer.class_progress import journal_as_of


@dataclass(frozen=True)
class Aggregates:
    municipalities: list[UUID] | None  # None: the whole region
    year: int | None
    term_number: int | None
    total: GroupRates
    groups: list[GroupRates]
    as_of: datetime | None


def _scope(rights: Rights, municipality_id: UUID | None) -> list[UUID] | None:
    if not rights.is_analyst:
        raise Forbidden("reporting.analyst_only", code="analyst_only")
    if municipality_id is None:
        if rights.whole_region:
            return None
        allowed = sorted(rights.analyst_municipalities(), key=str)
        if not allowed:
            raise Forbidden("reporting.not_your_municipality", code="not_your_municipality")
        return allowed
    if not rights.may_read_municipality(municipality_id):
        raise Forbidden("reporting.not_your_municipality", code="not_your_municipality")
    return [municipality_id]


async def progress_aggregates(
    *,
    runtime: Runtime,
    principal: Principal,
    municipality_id: UUID | None,
    group_by: Sequence[str],
    year: int | None = None,
    term_number: int | None = None,
) -> Aggregates:
    unknown = [g for g in group_by if g not in analytics_queries.GROUP_KEYS]
    if unknown or len(set(group_by)) != len(group_by):
        raise InvalidInput("field.invalid", code="invalid_group_by", errors=[{"field": "group_by"}])
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        await plan_for_values(session)
        scope = _scope(await rights_of(session, principal), municipality_id)
        if year is None:
            year = await analytics_queries.latest_year(session, scope)
        total, groups = await analytics_queries.aggregate(
            session, group_by=group_by, municipalities=scope, year=year, term_number=term_number
        )
        as_of = await journal_as_of(session)
    return Aggregates(
        municipalities=scope,
        year=year,
        term_number=term_number,
        total=_rates(total) if total else group_rates({}, sum_weighted=0.0, **_ZERO),
        groups=[_rates(g) for g in groups],
        as_of=as_of,
    )


_ZERO: dict[str, int] = dict(students=0, n5=0, n4=0, n3=0, n2=0, n_na=0, sum_weights=0)


def _rates(g: analytics_queries.GroupCounts) -> GroupRates:
    return group_rates(
        g.keys,
        students=g.students,
        n5=g.n5,
        n4=g.n4,
        n3=g.n3,
        n2=g.n2,
        n_na=g.n_na,
        sum_weighted=g.sum_weighted,
        sum_weights=g.sum_weights,
    )
