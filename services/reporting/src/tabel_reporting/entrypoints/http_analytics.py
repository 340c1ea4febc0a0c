"""REST for municipal analysts: aggregated progress, trends over terms, school comparison.

Aggregates only: no names, no ids of people; groups of fewer than five students suppressed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime
from tabel_reporting.adapters.render import Format
from tabel_reporting.domain.analytics import ANALYTICS_FORMULAS, GroupRates, trend
from tabel_reporting.domain.analytics_document import analytics_document
from tabel_reporting.entrypoints.documents import document_response
from tabel_reporting.entrypoints.schemas import RatesRead
from tabel_reporting.service_layer.analytics import Aggregates, progress_aggregates

GroupBy = Annotated[
    list[str], Query(description="school, grade_level, subject, term, municipality")
]


class GroupRead(BaseModel):
    keys: dict[str, Any]
    suppressed: bool
    rates: RatesRead | None
    change_degree_of_learning: float | None = None
    change_quality_rate: float | None = None

    @classmethod
    def of(cls, g: GroupRates) -> GroupRead:
        keys = {k: str(v) if isinstance(v, UUID) else v for k, v in g.keys.items()}
        return cls(
            keys=keys, suppressed=g.suppressed, rates=RatesRead.of(g.rates) if g.rates else None
        )


class AggregatesRead(BaseModel):
    municipality_ids: list[UUID] | None
    academic_year_start: int | None
    term_number: int | None
    total: GroupRead
    groups: list[GroupRead]
    formulas: list[str]
    as_of: datetime | None


router = APIRouter(prefix="/v1/reporting/analytics", tags=["municipal analytics"])


def _answer(result: Aggregates, groups: list[GroupRead], fmt: Format, title: str) -> Any:
    if fmt is Format.JSON:
        return AggregatesRead(
            municipality_ids=result.municipalities,
            academic_year_start=result.year,
            term_number=result.term_number,
            total=GroupRead.of(result.total),
            groups=groups,
            formulas=list(ANALYTICS_FORMULAS),
            as_of=result.as_of,
        )
    year = f"{result.year}/{result.year + 1} уч. г." if result.year else "все годы"
    doc = analytics_document(title, [year], result.total, result.groups)
    return document_response(doc, fmt, "analytics")


@router.get("/progress", response_model=AggregatesRead)
async def progress(
    principal: CurrentPrincipal,
    runtime: CurrentRuntime,
    group_by: GroupBy,
    municipality_id: UUID | None = None,
    year: int | None = Query(None, ge=2000, le=2100),
    term_number: int | None = Query(None, ge=1, le=6),
    format: Format = Format.JSON,
) -> AggregatesRead | Response:
    """Pass rate, quality, СОУ and average mark by municipality, school, grade, subject, term."""
    result = await progress_aggregates(
        runtime=runtime,
        principal=principal,
        municipality_id=municipality_id,
        group_by=group_by,
        year=year,
        term_number=term_number,
    )
    groups = [GroupRead.of(g) for g in result.groups]
    return _answer(result, groups, format, "Сводные показатели успеваемости")  # type: ignore[no-any-return]


@router.get("/trends", response_model=AggregatesRead)
async def trends(
    principal: CurrentPrincipal,
    runtime: CurrentRuntime,
    series: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    municipality_id: UUID | None = None,
    year: int | None = Query(None, ge=2000, le=2100),
    format: Format = Format.JSON,
) -> AggregatesRead | Response:
    """Rates term by term, with the change against the previous term of each series."""
    result = await progress_aggregates(
        runtime=runtime,
        principal=principal,
        municipality_id=municipality_id,
        group_by=[*series, "term"],
        year=year,
    )
    groups = []
    for point in trend(result.groups, [c for s in series for c in _columns(s)]):
        read = GroupRead.of(GroupRates(point.keys, point.suppressed, point.rates))
        read.change_degree_of_learning = point.change_degree_of_learning
        read.change_quality_rate = point.change_quality_rate
        groups.append(read)
    return _answer(result, groups, format, "Динамика показателей по периодам")  # type: ignore[no-any-return]


@router.get("/schools", response_model=AggregatesRead)
async def school_comparison(
    principal: CurrentPrincipal,
    runtime: CurrentRuntime,
    municipality_id: UUID | None = None,
    year: int | None = Query(None, ge=2000, le=2100),
    term_number: int | None = Query(None, ge=1, le=6),
    format: Format = Format.JSON,
) -> AggregatesRead | Response:
    """Schools side by side, best СОУ first; suppressed schools last."""
    result = await progress_aggregates(
        runtime=runtime,
        principal=principal,
        municipality_id=municipality_id,
        group_by=["school"],
        year=year,
        term_number=term_number,
    )
    ranked = sorted(
        result.groups,
        key=lambda g: (g.rates is None, -(g.rates.degree_of_learning or 0) if g.rates else 0),
    )
    result = Aggregates(**{**vars(result), "groups": ranked})
    groups = [GroupRead.of(g) for g in ranked]
    return _answer(result, groups, format, "Сравнение школ")  # type: ignore[no-any-return]


def _columns(key: str) -> list[str]:
    from tabel_reporting.adapters.analytics_queries import KEY_COLUMNS

    return list(KEY_COLUMNS.get(key, ()))
