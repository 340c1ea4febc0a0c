"""The OneRoster 1.2 CSV bundle: a zip of manifest.csv and one CSV per collection."""

from __future__ import annotations

import csv
import io
import zipfile

from tabel_roster.domain.oneroster_columns import COLUMNS, FILES, Row

MAX_BUNDLE_BYTES = 50 * 1024 * 1024


class BadBundle(ValueError):
    pass


def _csv(columns: tuple[str, ...], rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_bundle(records: dict[str, list[Row]]) -> bytes:
    manifest = [
        {"propertyName": "manifest.version", "value": "1.0"},
        {"propertyName": "oneroster.version", "value": "1.2"},
        {"propertyName": "source.systemName", "value": "Tabel"},
    ]
    every = (
        "academicSessions",
        "categories",
        "classes",
        "classResources",
        "courses",
        "courseResources",
        "demographics",
        "enrollments",
        "lineItemLearningObjectiveIds",
        "lineItems",
        "lineItemScoreScales",
        "orgs",
        "resources",
        "results",
        "resultLearningObjectiveIds",
        "resultScoreScales",
        "roles",
        "scoreScales",
        "userProfiles",
        "userResources",
        "users",
    )
    for name in every:
        manifest.append(
            {"propertyName": f"file.{name}", "value": "bulk" if name in FILES else "absent"}
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.csv", _csv(("propertyName", "value"), manifest))
        for name in FILES:
            z.writestr(f"{name}.csv", _csv(COLUMNS[name], records.get(name, [])))
    return buffer.getvalue()


def read_bundle(content: bytes) -> dict[str, list[Row]]:
    try:
        z = zipfile.ZipFile(io.BytesIO(content))
        manifest = _rows(z.read("manifest.csv"))
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, csv.Error) as exc:
        raise BadBundle("manifest") from exc
    props = {r.get("propertyName", ""): r.get("value", "") for r in manifest}
    if props.get("oneroster.version") != "1.2":
        raise BadBundle("version")
    if sum(z.getinfo(i.filename).file_size for i in z.infolist()) > MAX_BUNDLE_BYTES:
        raise BadBundle("size")
    out: dict[str, list[Row]] = {}
    for name in FILES:
        mode = props.get(f"file.{name}", "absent")
        if mode == "delta":
            raise BadBundle("delta")
        try:
            out[name] = _rows(z.read(f"{name}.csv")) if mode == "bulk" else []
        except (KeyError, UnicodeDecodeError, csv.Error) as exc:
            raise BadBundle(name) from exc
    return out


def _rows(raw: bytes) -> list[Row]:
    return [dict(r) for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
