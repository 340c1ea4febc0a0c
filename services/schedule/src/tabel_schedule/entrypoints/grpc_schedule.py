"""gRPC ScheduleService: lessons and terms for other services and the portal (not hot paths).

The caller is checked as on REST: a service account (client credentials) may read; a person
needs rights in the school from identity's grants (authorize() decides either way)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

import grpc

from tabel.schedule.v1 import schedule_service_pb2 as pb
from tabel.schedule.v1 import schedule_service_pb2_grpc as pb_grpc
from tabel_platform.auth.principal import current_principal
from tabel_platform.errors import InvalidInput, NotFound, Unauthenticated
from tabel_platform.grpc.fields import date_field, uuid_field
from tabel_platform.grpc.server import Registration
from tabel_platform.runtime import Runtime
from tabel_schedule.access import Action, authorize
from tabel_schedule.adapters import access_repo, calendar_repo, lessons_repo
from tabel_schedule.domain.events import term_message
from tabel_schedule.service_layer.publishing import LessonMessages

if TYPE_CHECKING:
    Context = grpc.aio.ServicerContext[object, object]

MAX_PAGE = 1000


class ScheduleServicer(pb_grpc.ScheduleServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def _authorize(self, school: UUID, action: Action, person_id: UUID | None = None) -> None:
        principal = current_principal.get()
        if principal is None:  # the auth interceptor sets it; never serve without one
            raise Unauthenticated()
        async with self._rt.uow(school_id=school) as uow:
            facts = await access_repo.facts_of(uow.session, principal=principal, school_id=school)
        authorize(facts, action, person_id=person_id)

    async def ListLessons(
        self, request: pb.ListLessonsRequest, context: Context
    ) -> pb.ListLessonsResponse:
        school = uuid_field(request.school_id, "school_id")
        if not request.class_id and not request.teacher_id:
            raise InvalidInput("field.invalid", code="class_or_teacher_required")
        start, end = (
            date_field(request.dates.start, "dates.start"),
            date_field(request.dates.end, "dates.end"),
        )
        teacher = uuid_field(request.teacher_id, "teacher_id") if request.teacher_id else None
        if teacher is not None:
            await self._authorize(school, Action.VIEW_TEACHER, teacher)
        else:
            await self._authorize(school, Action.VIEW_CLASS)
        size = min(request.page_size or MAX_PAGE, MAX_PAGE)
        offset = int(request.page_token) if request.page_token.isdigit() else 0
        async with self._rt.uow(school_id=school) as uow:
            found = await lessons_repo.in_range(
                uow.session,
                start,
                end,
                class_ids={uuid_field(request.class_id, "class_id")} if request.class_id else None,
                teacher_id=teacher,
                include_cancelled=request.include_cancelled,
            )
            messages = await LessonMessages.load(uow.session)
        page = found[offset : offset + size]
        more = offset + size < len(found)
        return pb.ListLessonsResponse(
            lessons=[messages.message(x) for x in page],
            next_page_token=str(offset + size) if more else "",
        )

    async def GetTerm(self, request: pb.GetTermRequest, context: Context) -> pb.GetTermResponse:
        school = uuid_field(request.school_id, "school_id")
        await self._authorize(school, Action.VIEW_CLASS)
        async with self._rt.uow(school_id=school) as uow:
            if request.term_id:
                found = await calendar_repo.term(
                    uow.session, uuid_field(request.term_id, "term_id")
                )
                year = await calendar_repo.get(uow.session, found[1]) if found else None
                term = found[0] if found else None
            else:
                day = date_field(request.date, "date")
                year = await calendar_repo.containing(uow.session, day)
                term = year.term_for(request.grade_level, day) if year else None
        if term is None or year is None:
            raise NotFound("schedule.term_not_found", code="term_not_found")
        return pb.GetTermResponse(term=term_message(term, year))


def registration(runtime: Runtime) -> tuple[str, Registration]:
    servicer = ScheduleServicer(runtime)
    name = pb.DESCRIPTOR.services_by_name["ScheduleService"].full_name
    return name, lambda server: pb_grpc.add_ScheduleServiceServicer_to_server(servicer, server)
