"""A reporting client or HR tool that read a fact and then sent a correction of it (every field as it read them)
silently undid another writer's correction made in between: hours corrected 16 -> 24, then a title corrected from
the older read sent hours 16 back. A fact's read (GET .../events/{version}) carries its ETag, the version it was last
changed in; a correction or retraction sent with it as If-Match is refused 412 fact-changed when the fact was
changed since, naming the header and the version it stands as now, nothing recorded. Without If-Match: as before."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
UNIT = "/api/v1/units/KOTA-MEDAN/Dinas%20Kesehatan"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def training(world: World) -> int:
    body = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": "R-IFM-1"}
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    return int(answer.get_json()["version"])


def correction(version: int, reference: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": "correction",
        "target_version": version,
        "reason": "Ralat",
        "corrected_fields": fields,
        "effective_date": "2024-06-01",
        "reference": reference,
    }


def test_a_fact_read_gives_its_etag_the_version_it_was_last_changed_in(world: World) -> None:
    version = training(world)
    read = world.get(f"{EVENTS}/{version}", "hr")
    assert read.status_code == 200, read.get_json()
    assert read.headers["ETag"] == f'"{version}"'
    assert read.get_json()["changed_in"] == version
    sent = {"If-Match": f'"{version}"', "Idempotency-Key": "ifm-1"}
    fixed = world.post(EVENTS, "hr", json=correction(version, "C-1", hours=24), headers=sent)
    assert fixed.status_code == 201, fixed.get_json()
    resent = world.post(EVENTS, "hr", json=correction(version, "C-1", hours=24), headers=sent)  # (its answer again)
    assert (resent.status_code, resent.get_json()["version"]) == (200, fixed.get_json()["version"])
    again = world.get(f"{EVENTS}/{version}", "hr")
    assert again.headers["ETag"] == f'"{fixed.get_json()["version"]}"'
    assert [item["version"] for item in again.get_json()["items"]] == [version, fixed.get_json()["version"]]
    assert world.get(f"{EVENTS}/{version}", "hr", headers={"If-None-Match": again.headers["ETag"]}).status_code == 304


def test_a_correction_on_a_fact_changed_since_it_was_read_is_refused_412(world: World) -> None:
    version = training(world)
    tag = world.get(f"{EVENTS}/{version}", "hr").headers["ETag"]
    other = world.post(EVENTS, "hr", json=correction(version, "C-2", hours=24), headers={"If-Match": tag})
    assert other.status_code == 201
    before = world.log()
    late = world.post(EVENTS, "hr", json=correction(version, "C-3", hours=16, title="Judul"), headers={"If-Match": tag})
    assert late.status_code == 412, late.get_json()
    problem = late.get_json()
    assert problem["type"] == "urn:careerlog:problem:fact-changed"
    assert list(problem["errors"]) == ["If-Match"]
    assert problem["current_version"] == other.get_json()["version"]
    assert late.headers["ETag"] == f'"{other.get_json()["version"]}"'
    assert world.log() == before
    retraction = {
        "kind": "retraction",
        "target_version": version,
        "reason": "Salah",
        "effective_date": "2024-06-01",
        "reference": "X-1",
    }
    retracted = world.post(EVENTS, "hr", json=retraction, headers={"If-Match": tag})
    assert retracted.status_code == 412, retracted.get_json()["errors"]
    assert world.log() == before


def test_a_correction_without_if_match_is_recorded_as_before(world: World) -> None:
    version = training(world)
    assert world.post(EVENTS, "hr", json=correction(version, "C-4", hours=24)).status_code == 201
    assert world.post(EVENTS, "hr", json=correction(version, "C-5", hours=16)).status_code == 201


def test_if_match_with_a_new_fact_is_refused_naming_the_header(world: World) -> None:
    before = world.log()
    body = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": "R-IFM-2"}
    answer = world.post(EVENTS, "hr", json=body, headers={"If-Match": '"1"'})
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["If-Match"]
    assert world.log() == before


def test_a_units_rating_corrected_since_it_was_read_is_refused_412(world: World) -> None:
    rating = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-15", "reference": "LKJIP-2023"}
    assert world.post(f"{UNIT}/ratings", "hr", json=rating).status_code == 201
    first = world.post(f"{UNIT}/events", "hr", json=correction(2, "C-U1", predicate="SANGAT_BAIK"))
    assert first.status_code == 201, first.get_json()
    before = world.log()
    stale = world.post(
        f"{UNIT}/events", "hr", json=correction(2, "C-U2", predicate="BAIK"), headers={"If-Match": '"2"'}
    )
    assert stale.status_code == 412, stale.get_json()
    assert world.log() == before
    current = f'"{first.get_json()["version"]}"'
    fresh = world.post(
        f"{UNIT}/events", "hr", json=correction(2, "C-U3", predicate="BAIK"), headers={"If-Match": current}
    )
    assert fresh.status_code == 201, fresh.get_json()


@pytest.mark.parametrize("tag", ['""', '"", "1"', 'W/""'])
def test_an_empty_etag_in_if_match_matches_no_fact_412_not_a_server_error(world: World, tag: str) -> None:
    # (the API's fuzzing sent If-Match: "" to a unit's events: a 500, the parsed empty tag being None)
    version = training(world)
    world.post(EVENTS, "hr", json=correction(version, "C-E1", hours=24))  # changed in version + 1: "1" no match
    before = world.log()
    late = world.post(EVENTS, "hr", json=correction(version, "C-E2", hours=16), headers={"If-Match": tag})
    assert late.status_code == 412, late.get_json()
    assert list(late.get_json()["errors"]) == ["If-Match"]
    rating = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-15", "reference": "LKJIP-E"}
    assert world.post(f"{UNIT}/ratings", "hr", json=rating).status_code == 201
    unit = world.post(
        f"{UNIT}/events", "hr", json=correction(2, "C-E3", predicate="SANGAT_BAIK"), headers={"If-Match": tag}
    )
    assert unit.status_code == 412, unit.get_json()
    assert world.log()[: len(before)] == before
    assert len(world.log()) == len(before) + 2  # (the unit's registration and rating alone)


def test_the_openapi_document_describes_if_match_412_and_the_facts_etag(world: World) -> None:
    spec = world.get("/api/openapi.json", None).get_json()
    for path in ("/api/v1/employees/{nip}/events", "/api/v1/units/{agency}/{unit}/events"):
        post = spec["paths"][path]["post"]
        assert any(p["in"] == "header" and p["name"] == "If-Match" for p in post["parameters"]), path
        assert post["responses"]["412"] == {"$ref": "#/components/responses/PRECONDITION_FAILED"}
    read = spec["paths"]["/api/v1/employees/{nip}/events/{version}"]["get"]
    assert "last changed in" in read["responses"]["200"]["headers"]["ETag"]["description"]
    assert "fact-changed" in str(spec["components"]["schemas"])


def test_a_weak_tag_in_if_match_is_refused_saying_weak_tags_never_match(world: World) -> None:
    # (a client sending back W/"7", as a proxy weakening ETags gives it, was told only that the tag names no version)
    version = training(world)
    before = world.log()
    weak = world.post(EVENTS, "hr", json=correction(version, "C-W1", hours=24), headers={"If-Match": f'W/"{version}"'})
    assert weak.status_code == 412, weak.get_json()
    assert world.log() == before
    said = f'The If-Match header sent W/"{version}": a weak tag (W/"...") never matches'
    assert said in weak.get_json()["detail"]
    assert f'Send the tag you read without W/ ("{version}")' in weak.get_json()["detail"]
    # (stale: the tag read made strong, never the current ETag, which would undo the correction made since)
    made = world.post(EVENTS, "admin", json=correction(version, "C-W0", hours=20))
    assert made.status_code == 201, made.get_json()
    stale = world.post(EVENTS, "hr", json=correction(version, "C-W3", hours=24), headers={"If-Match": f'W/"{version}"'})
    assert stale.status_code == 412, stale.get_json()
    assert f'Send the tag you read without W/ ("{version}")' in stale.get_json()["detail"]
    assert f'"{version + 1}"' not in stale.get_json()["detail"].split("never matches")[1]
    assert [said in reason for reason in weak.get_json()["errors"]["If-Match"]] == [False, True]
    strong = world.post(EVENTS, "hr", json=correction(version, "C-W2", hours=24), headers={"If-Match": '"999"'})
    assert strong.status_code == 412, strong.get_json()
    assert "weak" not in strong.get_json()["detail"]
    assert len(strong.get_json()["errors"]["If-Match"]) == 1
