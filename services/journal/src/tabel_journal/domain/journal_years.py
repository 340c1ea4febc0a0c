"""The days a journal can hold: far dates are typos, and a week past 9999-12-31 cannot even
be counted. REST and gRPC refuse days outside these bounds alike."""

from __future__ import annotations

from datetime import date

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
