"""REST: the school's journal rules (scales, work types and weights, rounding, deadlines)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter
from pydantic import BaseModel, Field, StringConstraints, field_validator

from tabel_journal.entrypoints.deps import JournalRuntime
from tabel_journal.service_layer import journal_settings
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.i18n import translate

router = APIRouter(prefix="/v1/journal/settings", tags=["settings"])
ScaleCode = Literal["five_point", "ten_point", "hundred_point", "pass_fail", "none"]
WorkTypeCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
# (average from which, mark): checked against the scale by domain/rounding.py, rounding_problems.
Thresholds = Annotated[
    list[tuple[float, Annotated[str, Field(max_length=8)]]], Field(max_length=101)
]


class ScaleRuleWrite(BaseModel):
    scale: ScaleCode
    grade_levels: list[Annotated[int, Field(ge=1, le=11)]] = Field(default_factory=list)
    subject_id: UUID | None = None


class WorkTypeWrite(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    weight: int = Field(ge=1, le=10)
    written: bool = False


class SettingsUpdate(BaseModel):
    scales: list[ScaleRuleWrite] = Field(min_length=1, max_length=200)
    work_types: dict[WorkTypeCode, WorkTypeWrite] = Field(min_length=1, max_length=50)
    rounding: dict[ScaleCode, Thresholds] = Field(default_factory=dict)
    time_zone: str = Field(default="Europe/Moscow", max_length=64)
    homework_deadline_minutes: int = Field(default=120, ge=1, le=1440)
    written_work_days: int = Field(default=7, ge=1, le=30)

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise ValueError(translate("journal.unknown_time_zone")) from exc
        return value


@router.get("")
async def get_settings(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any]:
    """The school's journal rules, with the seeds' defaults where the school set nothing."""
    return await journal_settings.read(runtime=runtime, school_id=school, principal=principal)


@router.put("")
async def replace_settings(
    body: SettingsUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> dict[str, Any]:
    """Replace the school's journal rules (management or the school administrator)."""
    return await journal_settings.replace(
        runtime=runtime, school_id=school, principal=principal, doc=body.model_dump(mode="json")
    )
