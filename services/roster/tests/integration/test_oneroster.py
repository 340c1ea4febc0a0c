"""OneRoster 1.2: a CSV bundle exported from the seeded school re-imports into an empty school
with identical content; the REST endpoints page, filter and sort; scopes are enforced."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from tabel_platform.demo import demo_id
from tabel_roster.demo import seed_demo

SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"
BASE = "/ims/oneroster/rostering/v1p2"


def content(bundle: bytes) -> dict[str, Any]:
    """What a bundle says, with every id replaced by what it names (ids differ per school)."""
    z = zipfile.ZipFile(io.BytesIO(bundle))

    def rows(name: str) -> list[dict[str, str]]:
        import csv

        return list(csv.DictReader(io.StringIO(z.read(f"{name}.csv").decode())))

    users = {u["sourcedId"]: u for u in rows("users")}
    classes = {c["sourcedId"]: c["title"] for c in rows("classes")}
    sessions = {s["sourcedId"]: s["title"] for s in rows("academicSessions")}

    def who(uid: str) -> str:
        u = users[uid]
        return f"{u['familyName']} {u['givenName']} {u['middleName']}"

    demo = {who(d["sourcedId"]): (d["birthDate"], d["sex"]) for d in rows("demographics")}
    return {
        "sessions": sorted(
            (s["title"], s["startDate"], s["endDate"]) for s in rows("academicSessions")
        ),
        "classes": sorted(
            (c["title"], c["grades"], sessions[c["termSourcedIds"]]) for c in rows("classes")
        ),
        "users": sorted(
            (
                who(u["sourcedId"]),
                u["email"],
                u["phone"],
                u["grades"],
                u["metadata.tabel.positions"],
                u["metadata.tabel.consentGivenBy"],
                u["metadata.tabel.relation"],
                tuple(sorted(who(a) for a in u["agentSourcedIds"].split(",") if a)),
            )
            for u in users.values()
        ),
        "roles": sorted((who(r["userSourcedId"]), r["role"], r["roleType"]) for r in rows("roles")),
        "enrollments": sorted(
            (
                who(e["userSourcedId"]),
                classes[e["classSourcedId"]],
                e["role"],
                e["primary"],
                e["beginDate"],
                e["endDate"],
            )
            for e in rows("enrollments")
        ),
        "demographics": sorted(demo.items()),
    }


async def test_bundle_round_trip_into_an_empty_school(
    api: Any, roster: Any, make_school: Any
) -> None:
    await seed_demo(roster.runtime)
    seeded = demo_id("school/1")
    exported = await (await api(["administrator"], seeded)).get("/v1/oneroster/bundle")
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/zip"
    manifest = zipfile.ZipFile(io.BytesIO(exported.content)).read("manifest.csv").decode()
    assert "oneroster.version,1.2" in manifest and "file.users,bulk" in manifest

    empty = await make_school(roster)
    admin = await api(["administrator"], empty)
    imported = await admin.post(
        "/v1/oneroster/bundle", files={"file": ("oneroster.zip", exported.content)}
    )
    assert imported.status_code == 200, imported.text
    assert (
        imported.json()["users"] == 75 + 120 + 8 and imported.json()["personal_data_dropped"] == 0
    )
    again = await admin.post(
        "/v1/oneroster/bundle", files={"file": ("oneroster.zip", exported.content)}
    )
    assert again.json()["users"] == 0 and again.json()["enrollments"] == 0, "a re-import is a no-op"

    copy = (await admin.get("/v1/oneroster/bundle")).content
    original, copied = content(exported.content), content(copy)
    for part in original:
        assert copied[part] == original[part], part
    assert len(original["enrollments"]) == 75 + 3


async def test_rest_pages_filters_sorts_and_checks_scopes(
    roster: Any, oneroster_client: Any, api: Any, service_token: str
) -> None:
    import httpx

    await seed_demo(roster.runtime)
    school = demo_id("school/1")
    # Real client-credentials tokens of OneRoster clients registered on identity's provider.
    scoped = await oneroster_client(school, scopes=(SCOPE,))
    token = await oneroster_client(school, scopes=(SCOPE,), scope="openid")  # scope not asked
    elsewhere = await oneroster_client(demo_id("school/2"), scopes=(SCOPE,))
    headers = {"authorization": f"Bearer {scoped}", "x-tabel-school": str(school)}
    async with httpx.AsyncClient(base_url=roster.http_url, headers=headers) as client:
        page = await client.get(
            f"{BASE}/students", params={"limit": 10, "offset": 0, "sort": "familyName"}
        )
        assert page.status_code == 200
        assert page.headers["x-total-count"] == "75" and 'rel="next"' in page.headers["link"]
        names = [s["familyName"] for s in page.json()["students"]]
        assert names == sorted(names) and len(names) == 10
        five_a = await client.get(f"{BASE}/classes", params={"filter": "title='5А'"})
        assert [c["title"] for c in five_a.json()["classes"]] == ["5А"]
        teachers = await client.get(
            f"{BASE}/teachers",
            params={
                "filter": "role='principal' OR role='administrator'",
                "fields": "sourcedId,familyName",
            },
        )
        assert sorted(t["familyName"] for t in teachers.json()["teachers"]) == [
            "Кузнецова",
            "Орлов",
        ]
        assert set(teachers.json()["teachers"][0]) == {"sourcedId", "familyName"}
        one = await client.get(f"{BASE}/users/{demo_id('school/1/person/teacher/1')}")
        assert one.json()["user"]["roles"][0]["role"] == "principal"
        bad = await client.get(f"{BASE}/users", params={"filter": "familyName=Иванов"})
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_query"
    unscoped = {"authorization": f"Bearer {token}", "x-tabel-school": str(school)}
    async with httpx.AsyncClient(base_url=roster.http_url, headers=unscoped) as client:
        assert (await client.get(f"{BASE}/users")).status_code == 403
    # Another school's OneRoster client, with the scope, is refused in this school.
    other = {"authorization": f"Bearer {elsewhere}", "x-tabel-school": str(school)}
    async with httpx.AsyncClient(base_url=roster.http_url, headers=other) as client:
        assert (await client.get(f"{BASE}/users")).status_code == 403
    # A real client-credentials token of identity's embedded provider (another service's
    # client: no OneRoster scope, no school) is refused too.
    service = {"authorization": f"Bearer {service_token}", "x-tabel-school": str(school)}
    async with httpx.AsyncClient(base_url=roster.http_url, headers=service) as client:
        assert (await client.get(f"{BASE}/users")).status_code == 403
    assert (await (await api(["teacher"], school)).get(f"{BASE}/users")).status_code == 403
    assert (
        await (await api(["teacher"], school)).post(
            "/v1/oneroster/bundle", files={"file": ("x.zip", b"x")}
        )
    ).status_code == 403


async def test_a_broken_bundle_is_refused_and_writes_nothing(
    api: Any, roster: Any, make_school: Any
) -> None:
    from tabel_roster.adapters.oneroster_csv import write_bundle

    school = await make_school(roster)
    admin = await api(["administrator"], school)
    user = {
        "sourcedId": "u1",
        "givenName": "Анна",
        "familyName": "Белова",
        "middleName": "",
        "metadata.tabel.consentGivenBy": "Белова А. С.",
    }
    records = {
        "users": [user],
        "roles": [
            {
                "sourcedId": "r1",
                "userSourcedId": "u1",
                "roleType": "primary",
                "role": "student",
                "orgSourcedId": str(school),
            }
        ],
        "demographics": [{"sourcedId": "u1", "birthDate": "31.02.2014"}],
    }
    broken = await admin.post(
        "/v1/oneroster/bundle", files={"file": ("b.zip", write_bundle(records))}
    )
    assert broken.status_code == 422 and broken.json()["code"] == "oneroster_bundle"
    junk = await admin.post("/v1/oneroster/bundle", files={"file": ("b.zip", b"not a zip")})
    assert junk.status_code == 422
    assert (await admin.get("/v1/people")).json() == []
    records["demographics"] = [{"sourcedId": "u1", "birthDate": "2014-02-28", "sex": "female"}]
    user["metadata.tabel.consentGivenBy"] = ""  # no consent recorded at the source
    ok = await admin.post("/v1/oneroster/bundle", files={"file": ("b.zip", write_bundle(records))})
    assert (
        ok.status_code == 200
        and ok.json()["users"] == 1
        and ok.json()["personal_data_dropped"] == 1
    )
    stored = (await admin.get("/v1/people")).json()[0]
    assert stored["full_name"] == "Белова Анна" and stored["personal_data"] == {}
