"""REST: a person's iCalendar feed at a secret URL that can be revoked."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel

from tabel_platform.errors import InvalidInput
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer import feeds


class CalendarFeedCreate(BaseModel):
    person_id: UUID | None = None  # defaults to the caller


class CalendarFeedRead(BaseModel):
    id: UUID
    person_id: UUID
    url: str


router = APIRouter(prefix="/v1/calendar-feeds", tags=["calendar feeds"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CalendarFeedRead)
async def create_feed(
    body: CalendarFeedCreate,
    request: Request,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> CalendarFeedRead:
    """Make a secret iCalendar URL of one's own timetable (management: of anyone's)."""
    person_id = body.person_id or principal.person_id
    authorize(facts, Action.OWN_FEED, person_id=person_id)
    if person_id is None:
        raise InvalidInput("field.invalid", code="person_required", errors=[{"field": "person_id"}])
    feed = await feeds.create_feed(
        runtime=runtime, school_id=school, person_id=person_id, actor=principal.actor()
    )
    url = str(request.url_for("read_feed", token=feed.token))
    return CalendarFeedRead(id=feed.id, person_id=person_id, url=url)


@router.delete("/{feed_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_feed(
    feed_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> Response:
    """Revoke a feed: its URL stops answering at once."""
    owner = await feeds.feed_owner(runtime=runtime, school_id=school, feed_id=feed_id)
    authorize(facts, Action.OWN_FEED, person_id=owner)
    await feeds.revoke_feed(
        runtime=runtime, school_id=school, feed_id=feed_id, actor=principal.actor()
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{token}/calendar.ics", name="read_feed")
async def read_feed(
    token: str, runtime: CurrentRuntime, start: date | None = None, end: date | None = None
) -> Response:
    """The feed itself (no login: the secret in the URL is the key)."""
    body = await feeds.render_feed(runtime=runtime, token=token, start=start, end=end)
    return Response(body, media_type="text/calendar; charset=utf-8")
