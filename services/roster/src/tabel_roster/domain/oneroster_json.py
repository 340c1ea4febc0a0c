"""OneRoster 1.2 REST representations built from the CSV records (one source of truth)."""

from __future__ import annotations

from typing import Any

from tabel_roster.domain.oneroster_columns import Row

BASE = "/ims/oneroster/rostering/v1p2"


def ref(kind: str, sourced_id: str) -> dict[str, str] | None:
    if not sourced_id:
        return None
    path = {
        "org": "orgs",
        "academicSession": "academicSessions",
        "course": "courses",
        "class": "classes",
        "user": "users",
    }[kind]
    return {"href": f"{BASE}/{path}/{sourced_id}", "sourcedId": sourced_id, "type": kind}


def _common(r: Row) -> dict[str, Any]:
    return {
        "sourcedId": r["sourcedId"],
        "status": r.get("status", "active"),
        "dateLastModified": r.get("dateLastModified", ""),
    }


def org(r: Row) -> dict[str, Any]:
    return {
        **_common(r),
        "name": r["name"],
        "type": r["type"],
        "identifier": r.get("identifier", ""),
        "parent": ref("org", r.get("parentSourcedId", "")),
    }


def session(r: Row) -> dict[str, Any]:
    keys = ("title", "type", "startDate", "endDate", "schoolYear")
    parent = ref("academicSession", r.get("parentSourcedId", ""))
    return {**_common(r), **{k: r[k] for k in keys}, "parent": parent}


def course(r: Row) -> dict[str, Any]:
    return {
        **_common(r),
        "title": r["title"],
        "courseCode": r["courseCode"],
        "grades": [r["grades"]],
        "schoolYear": ref("academicSession", r["schoolYearSourcedId"]),
        "org": ref("org", r["orgSourcedId"]),
    }


def school_class(r: Row) -> dict[str, Any]:
    return {
        **_common(r),
        "title": r["title"],
        "classCode": r["classCode"],
        "classType": r["classType"],
        "grades": [r["grades"]],
        "course": ref("course", r["courseSourcedId"]),
        "school": ref("org", r["schoolSourcedId"]),
        "terms": [ref("academicSession", t) for t in r["termSourcedIds"].split(",") if t],
    }


def user(r: Row, roles: list[Row]) -> dict[str, Any]:
    mine = [x for x in roles if x["userSourcedId"] == r["sourcedId"]]
    primary = next((x["role"] for x in mine if x["roleType"] == "primary"), "")
    return {
        **_common(r),
        "enabledUser": r["enabledUser"] == "true",
        "username": r["username"],
        "givenName": r["givenName"],
        "familyName": r["familyName"],
        "middleName": r["middleName"],
        "email": r["email"],
        "phone": r["phone"],
        "role": primary,
        "roles": [
            {"roleType": x["roleType"], "role": x["role"], "org": ref("org", x["orgSourcedId"])}
            for x in mine
        ],
        "agents": [ref("user", a) for a in r["agentSourcedIds"].split(",") if a],
        "grades": [r["grades"]] if r["grades"] else [],
        "primaryOrg": ref("org", r["primaryOrgSourcedId"]),
    }


def enrollment(r: Row) -> dict[str, Any]:
    return {
        **_common(r),
        "role": r["role"],
        "primary": r["primary"] == "true",
        "beginDate": r.get("beginDate") or None,
        "endDate": r.get("endDate") or None,
        "user": ref("user", r["userSourcedId"]),
        "class": ref("class", r["classSourcedId"]),
        "school": ref("org", r["schoolSourcedId"]),
    }


def collection(name: str, records: dict[str, list[Row]]) -> list[dict[str, Any]]:
    """Every resource of one REST collection, e.g. "students" or "schools"."""
    users = [user(r, records["roles"]) for r in records["users"]]
    staff = {"teacher", "principal", "administrator", "aide"}
    build: dict[str, Any] = {
        "orgs": lambda: [org(r) for r in records["orgs"]],
        "schools": lambda: [org(r) for r in records["orgs"] if r["type"] == "school"],
        "academicSessions": lambda: [session(r) for r in records["academicSessions"]],
        "schoolYears": lambda: [
            session(r) for r in records["academicSessions"] if r["type"] == "schoolYear"
        ],
        "terms": lambda: [
            session(r) for r in records["academicSessions"] if r["type"] in ("term", "semester")
        ],
        "courses": lambda: [course(r) for r in records["courses"]],
        "classes": lambda: [school_class(r) for r in records["classes"]],
        "users": lambda: users,
        "students": lambda: [u for u in users if any(x["role"] == "student" for x in u["roles"])],
        "teachers": lambda: [u for u in users if any(x["role"] in staff for x in u["roles"])],
        "enrollments": lambda: [enrollment(r) for r in records["enrollments"]],
    }
    return list(build[name]())
