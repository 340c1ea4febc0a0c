"""Domain objects as the event payloads other services project (contracts in proto/)."""

from __future__ import annotations

from tabel.roster.v1 import events_pb2, schools_pb2
from tabel_roster.domain.schools import School


def school_message(school: School) -> schools_pb2.School:
    return schools_pb2.School(
        id=str(school.id),
        municipality_id=str(school.municipality_id),
        name=school.name,
        short_name=school.short_name,
        domains=school.domains,
        time_zone=school.time_zone,
        grade_levels=school.grade_levels,
        school_week_days=school.school_week_days,
    )


def school_created(school: School) -> events_pb2.SchoolCreated:
    return events_pb2.SchoolCreated(school=school_message(school))
