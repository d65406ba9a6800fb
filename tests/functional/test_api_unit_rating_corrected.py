"""A unit's rating is corrected or retracted through the API (POST /api/v1/units/{agency}/{unit}/events), as an
employee's fact is through theirs, and read back (GET .../ratings, GET .../events). The API refused a second rating
of a year with "correct it instead" but offered no way to: only an import row naming agency and unit, or
`careerlog record UNIT:...`, recorded a unit's correction. The refusal now names the endpoint and the version."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import World

UNIT = "/api/v1/units/KOTA-MEDAN/Dinas%20Kesehatan"
RATING = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-15", "reference": "LKJIP-2023"}
CORRECTION = {
    "kind": "correction",
    "target_version": 2,
    "reason": "Predikat salah ketik",
    "corrected_fields": {"predicate": "SANGAT_BAIK"},
    "effective_date": "2024-02-01",
    "reference": "RALAT-LKJIP-2023",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def rated(world: World) -> World:
    answer = world.post(f"{UNIT}/ratings", "hr", json=RATING)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["version"] == 2  # (1: the unit's registration)
    return world


def refused(world: World, body: Any, status: int = 422, who: str = "hr", path: str = UNIT) -> dict[str, Any]:
    before = world.log()
    answer = world.post(f"{path}/events", who, json=body)
    assert answer.status_code == status, answer.get_json()
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert world.log() == before  # nothing recorded
    problem: dict[str, Any] = answer.get_json()
    return problem


def test_a_units_rating_corrected_reads_back_corrected_and_the_history_keeps_the_original(rated: World) -> None:
    answer = rated.post(f"{UNIT}/events", "hr", json=CORRECTION)
    assert answer.status_code == 201, answer.get_json()
    assert (answer.get_json()["subject"], answer.get_json()["version"]) == ("UNIT:KOTA-MEDAN:Dinas Kesehatan", 3)
    assert answer.get_json()["kind"] == "correction"
    ratings = rated.get(f"{UNIT}/ratings", "hr").get_json()
    assert (ratings["agency"], ratings["unit"]) == ("KOTA-MEDAN", "Dinas Kesehatan")
    assert ratings["items"] == [
        {
            "year": 2023,
            "predicate": "SANGAT_BAIK",
            "effective_date": "2024-01-15",
            "reference": "LKJIP-2023",
            "version": 2,
            "corrected_by": [3],
        }
    ]
    history = rated.get(f"{UNIT}/events", "hr").get_json()["items"]
    assert [(e["version"], e["kind"]) for e in history] == [
        (1, "unit_registration"),
        (2, "unit_rating"),
        (3, "correction"),
    ]
    assert history[1]["predicate"] == "BAIK"  # the rating as recorded, unchanged
    assert history[2]["corrected_fields"] == {"predicate": "SANGAT_BAIK"}
    assert history[2]["recorded_by"] == "hr"
    csv = rated.get(f"{UNIT}/ratings?format=csv", "hr")
    assert csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).splitlines()[1].startswith("2023,SANGAT_BAIK,2024-01-15,LKJIP-2023,2,")
    assert rated.get(f"{UNIT}/events?format=csv", "hr").mimetype == "text/csv"


def test_a_units_rating_retracted_leaves_the_year_unrated(rated: World) -> None:
    body = {"kind": "retraction", "target_version": 2, "reason": "Dinilai ganda", "effective_date": "2024-02-01",
            "reference": "BATAL-1"}  # fmt: skip
    assert rated.post(f"{UNIT}/events", "hr", json=body).status_code == 201
    assert rated.get(f"{UNIT}/ratings", "hr").get_json()["items"] == []
    again = rated.post(f"{UNIT}/ratings", "hr", json={**RATING, "reference": "LKJIP-2023-B"})
    assert again.status_code == 201  # the year may be rated again


def test_a_second_rating_of_a_year_points_at_the_correction(rated: World) -> None:
    answer = rated.post(f"{UNIT}/ratings", "hr", json={**RATING, "predicate": "SANGAT_BAIK", "reference": "L-2"})
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {
        "year": [
            "2023 is already rated (version 2); correct it instead: POST /api/v1/units/KOTA-MEDAN/Dinas%20Kesehatan"
            "/events with kind correction and target_version 2."
        ]
    }


def test_a_correction_sent_again_with_its_key_answers_as_the_first_time(rated: World) -> None:
    key = {"Idempotency-Key": "unit-fix-1"}
    first = rated.post(f"{UNIT}/events", "hr", json=CORRECTION, headers=key)
    before = rated.log()
    again = rated.post(f"{UNIT}/events", "hr", json=CORRECTION, headers=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["version"] == first.get_json()["version"]
    assert again.get_json()["created"] is False
    assert rated.log() == before
    other = rated.post(f"{UNIT}/events", "hr", json={**CORRECTION, "reason": "lain"}, headers=key)
    assert other.status_code == 409
    assert rated.log() == before


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"target_version": 9}, "target_version", "No fact with version 9"),
        ({"target_version": 1}, "target_version", "kept by the system"),
        ({"corrected_fields": {"predicate": "BAIK"}}, "corrected_fields.predicate", "Is already"),
        ({"corrected_fields": {"predicate": "LUAR_BIASA"}}, "corrected_fields.predicate", "LUAR_BIASA"),
        ({"corrected_fields": {"year": 2031}}, "corrected_fields.year", "2031"),
        ({"corrected_fields": {"nip": "1"}}, "corrected_fields.nip", "Not a field"),
        ({"target_version": "two"}, "target_version", "Not a valid integer"),
    ],
)
def test_a_bad_correction_is_refused_naming_the_field(
    rated: World, change: dict[str, Any], field: str, reason: str
) -> None:
    problem = refused(rated, {**CORRECTION, **change})
    assert field in problem["errors"], problem["errors"]
    assert reason in " ".join(problem["errors"][field]), problem["errors"]


@pytest.mark.parametrize("missing", ["target_version", "reason", "corrected_fields", "effective_date", "reference"])
def test_a_correction_missing_a_field_is_refused_naming_it(rated: World, missing: str) -> None:
    body = {k: v for k, v in CORRECTION.items() if k != missing}
    assert refused(rated, body)["errors"] == {missing: ["Missing data for required field."]}


def test_a_version_that_is_not_a_rating_of_that_unit_is_refused(rated: World) -> None:
    other = "/api/v1/units/KOTA-MEDAN/Bappeda"
    assert rated.post(f"{other}/ratings", "hr", json=RATING).status_code == 201  # its versions 1 and 2
    assert rated.post(f"{UNIT}/events", "hr", json=CORRECTION).status_code == 201  # this unit's version 3
    problem = refused(rated, {**CORRECTION, "target_version": 3, "reference": "R-3"}, path=other)
    assert "No fact with version 3" in problem["errors"]["target_version"][0]
    problem = refused(rated, {**CORRECTION, "target_version": 3, "reference": "R-4"})
    assert "target_version" in problem["errors"]  # a correction, not a rating: correct the rating again


def test_another_agencys_unit_is_refused_naming_agency(rated: World) -> None:
    for body in (CORRECTION, {"kind": "correction"}):
        problem = refused(rated, body, status=403, who="hr_karo")
        assert problem["errors"] == {"agency": ["You may rate only units within your scope (agency KAB-KARO)."]}
    for read in ("ratings", "events"):
        answer = rated.get(f"{UNIT}/{read}", "hr_karo")
        assert answer.status_code == 403
        assert answer.get_json()["errors"] == {"agency": ["Agency KOTA-MEDAN is outside your scope (agency KAB-KARO)."]}
    assert rated.post(f"{UNIT}/events", "inspector", json=CORRECTION).status_code == 403  # no role to rate (reads it)


def test_a_unit_never_rated_is_not_found(rated: World) -> None:
    problem = refused(rated, CORRECTION, status=404, path="/api/v1/units/KOTA-MEDAN/Nowhere")
    assert "Nowhere" in problem["detail"]
    assert rated.get("/api/v1/units/KOTA-MEDAN/Nowhere/ratings", "hr").status_code == 404


def test_a_rating_or_another_kind_sent_to_the_events_is_refused_naming_kind(rated: World) -> None:
    problem = refused(rated, {"kind": "unit_rating", **RATING})
    assert problem["errors"] == {"kind": ["A unit's own rating is sent to POST /api/v1/units/{agency}/{unit}/ratings."]}
    problem = refused(rated, {"kind": "training"})
    assert problem["errors"] == {"kind": ["Missing or unknown kind; one of: correction, retraction."]}


def test_a_unit_whose_name_holds_a_slash_is_rated_corrected_and_read_through_its_encoded_name(world: World) -> None:
    # (an import row or `careerlog record UNIT:...` takes such a name; the routes read the unit as the rest of the
    # path, so its %2F, which the server decodes to "/" before routing, no longer misses every route: a 404 page)
    unit = "/api/v1/units/KOTA-MEDAN/Sekretariat%2FTata%20Usaha"
    assert world.post(f"{unit}/ratings", "hr", json=RATING).status_code == 201
    again = world.post(f"{unit}/ratings", "hr", json={**RATING, "reference": "L-2"}).get_json()
    assert f"POST {unit}/events with kind correction" in again["errors"]["year"][0]
    answer = world.post(f"{unit}/events", "hr", json=CORRECTION)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["subject"] == "UNIT:KOTA-MEDAN:Sekretariat/Tata Usaha"
    ratings = world.get(f"{unit}/ratings", "hr").get_json()
    assert (ratings["unit"], [i["predicate"] for i in ratings["items"]]) == ("Sekretariat/Tata Usaha", ["SANGAT_BAIK"])
    assert len(world.get(f"{unit}/events", "hr").get_json()["items"]) == 3
