"""REST: OneRoster 1.2 rostering (read-only, paged, filtered, sorted) and the CSV bundle.

Callers are OAuth2 client-credentials clients with a OneRoster scope and a token issued for
the school, or the school's administrator. Errors answer problem+json like the rest of
Tabel rather than OneRoster's imsx_StatusInfo.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import JSONResponse

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, InvalidInput, NotFound
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime, Runtime
from tabel_roster.adapters.oneroster_csv import MAX_BUNDLE_BYTES, write_bundle
from tabel_roster.domain import oneroster_json, oneroster_query
from tabel_roster.entrypoints.access import Action, allowed, authorize
from tabel_roster.service_layer import oneroster

SCOPES = frozenset(
    {
        "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly",
        "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly",
    }
)
COLLECTIONS = (
    "orgs",
    "schools",
    "academicSessions",
    "schoolYears",
    "terms",
    "courses",
    "classes",
    "users",
    "students",
    "teachers",
    "enrollments",
)
SINGULAR = {
    "orgs": "org",
    "schools": "org",
    "academicSessions": "academicSession",
    "schoolYears": "academicSession",
    "terms": "academicSession",
    "courses": "course",
    "classes": "class",
    "users": "user",
    "students": "user",
    "teachers": "user",
    "enrollments": "enrollment",
}

router = APIRouter(tags=["oneroster"])


async def _may_read(runtime: Runtime, principal: Principal, school: UUID) -> None:
    """A OneRoster client issued for the school with a OneRoster scope, or whoever manages
    the school's roster (its administrator, its secretary)."""
    if principal.scopes & SCOPES and school in principal.school_ids:
        return
    if not await allowed(runtime, principal, Action.MANAGE_SCHOOL, school):
        raise Forbidden("roster.oneroster_scope", code="insufficient_scope")


def _list_route(name: str) -> None:
    async def read_collection(
        principal: CurrentPrincipal,
        school: CurrentSchool,
        runtime: CurrentRuntime,
        limit: int = Query(default=100),
        offset: int = Query(default=0),
        sort: str | None = Query(default=None, max_length=64),
        orderBy: str | None = Query(default=None),  # noqa: N803 - the spec's parameter name
        filter: str | None = Query(default=None, max_length=1000),
        fields: str | None = Query(default=None, max_length=1000),
    ) -> JSONResponse:
        await _may_read(runtime, principal, school)
        records = await oneroster.export(runtime=runtime, school_id=school)
        try:
            page, total = oneroster_query.apply(
                oneroster_json.collection(name, records),
                filter_=filter,
                sort=sort,
                order_by=orderBy,
                limit=limit,
                offset=offset,
                fields=fields,
            )
        except oneroster_query.BadQuery as exc:
            raise InvalidInput(
                "roster.oneroster_query",
                code="invalid_query",
                errors=[{"field": exc.parameter, "code": "invalid"}],
            ) from exc
        headers = {"X-Total-Count": str(total)}
        links = []
        if offset + limit < total:
            links.append(
                f'<{oneroster_json.BASE}/{name}?limit={limit}&offset={offset + limit}>; rel="next"'
            )
        last = max(total - 1, 0) // limit * limit
        links.append(f'<{oneroster_json.BASE}/{name}?limit={limit}&offset={last}>; rel="last"')
        headers["Link"] = ", ".join(links)
        return JSONResponse({name: page}, headers=headers)

    async def read_one(
        sourced_id: str, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
    ) -> dict[str, Any]:
        await _may_read(runtime, principal, school)
        records = await oneroster.export(runtime=runtime, school_id=school)
        found = [
            r for r in oneroster_json.collection(name, records) if r["sourcedId"] == sourced_id
        ]
        if not found:
            raise NotFound()
        return {SINGULAR[name]: found[0]}

    read_collection.__doc__ = f"OneRoster 1.2: {name} of the school (paged, filtered, sorted)."
    read_one.__doc__ = f"OneRoster 1.2: one of {name} by sourcedId."
    router.add_api_route(
        f"{oneroster_json.BASE}/{name}", read_collection, methods=["GET"], name=f"oneroster_{name}"
    )
    router.add_api_route(
        f"{oneroster_json.BASE}/{name}/{{sourced_id}}",
        read_one,
        methods=["GET"],
        name=f"oneroster_{name}_one",
    )


for _name in COLLECTIONS:
    _list_route(_name)


@router.get("/v1/oneroster/bundle")
async def export_bundle(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> Response:
    """The school's roster as a OneRoster 1.2 CSV bundle (zip)."""
    await _may_read(runtime, principal, school)
    content = write_bundle(await oneroster.export(runtime=runtime, school_id=school))
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="oneroster.zip"'},
    )


@router.post("/v1/oneroster/bundle")
async def import_bundle(
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    file: UploadFile = File(),
) -> dict[str, int]:
    """Import a OneRoster 1.2 CSV bundle into the school, all or nothing (administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    content = await file.read(MAX_BUNDLE_BYTES + 1)
    if len(content) > MAX_BUNDLE_BYTES:
        raise InvalidInput("roster.import_too_large", code="import_too_large")
    report = await oneroster.import_bundle(
        runtime=runtime, school_id=school, content=content, actor=principal.actor()
    )
    return {k: v for k, v in vars(report).items() if k != "errors"}
