"""Response schemas shared by the report endpoints."""

from __future__ import annotations

from pydantic import BaseModel

from tabel_reporting.domain.progress import Counts, Rates


class RatesRead(BaseModel):
    students: int
    marks: int
    average_mark: float | None
    pass_rate: float | None
    quality_rate: float | None
    degree_of_learning: float | None

    @classmethod
    def of(cls, rates: Rates) -> RatesRead:
        return cls(**vars(rates))


class CountsRead(BaseModel):
    n5: int
    n4: int
    n3: int
    n2: int
    not_certified: int
    exempt: int
    no_marks: int
    pass_fail: int

    @classmethod
    def of(cls, counts: Counts) -> CountsRead:
        g = counts.by_grade
        return cls(
            n5=g[5],
            n4=g[4],
            n3=g[3],
            n2=g[2],
            not_certified=counts.not_certified,
            exempt=counts.exempt,
            no_marks=counts.no_marks,
            pass_fail=counts.pass_fail,
        )
