"""An inspector, who audits grade inflation (a unit's staff rated beyond what the unit's own rating allows), reads a
unit's own ratings within their scope through the API (GET /api/v1/units/{agency}/{unit}/ratings and .../events),
the agency judged by its seat as the grade-inflation audit judges a unit; outside it, the 403 naming `agency`. They
saw a unit's ratings only through that audit: both reads took the role that rates units. An inspector writes none
of them: rating, correcting and retracting stay HR's."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_unit_rating_corrected import CORRECTION, RATING, UNIT

KARO = "/api/v1/units/KAB-KARO/Dinas%20Pendidikan"
BKN = "/api/v1/units/BKN/Direktorat%20Kinerja"  # (seated in region 31: outside region 12)
FORBIDDEN = "urn:careerlog:problem:forbidden"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def rated(world: World) -> World:
    for who, path in (("hr", UNIT), ("hr_karo", KARO), ("admin", BKN)):
        answer = world.post(f"{path}/ratings", who, json=RATING)
        assert answer.status_code == 201, answer.get_json()
    assert world.post(f"{UNIT}/events", "hr", json=CORRECTION).status_code == 201
    return world


@pytest.mark.parametrize("who", ["inspector", "inspector_medan"])
@pytest.mark.parametrize("read", ["ratings", "events", "ratings?format=csv", "events?format=csv"])
def test_an_inspector_reads_a_units_ratings_within_their_scope_as_hr_reads_them(
    rated: World, who: str, read: str
) -> None:
    answer = rated.get(f"{UNIT}/{read}", who)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_data() == rated.get(f"{UNIT}/{read}", "hr").get_data()


def test_an_inspector_reads_the_unit_as_corrected_and_as_recorded(rated: World) -> None:
    ratings = rated.get(f"{UNIT}/ratings", "inspector_medan").get_json()
    assert [(r["year"], r["predicate"], r["corrected_by"]) for r in ratings["items"]] == [(2023, "SANGAT_BAIK", [3])]
    history = rated.get(f"{UNIT}/events", "inspector").get_json()["items"]
    assert [e["kind"] for e in history] == ["unit_registration", "unit_rating", "correction"]


@pytest.mark.parametrize(
    ("who", "path", "reason"),
    [
        ("inspector_medan", KARO, "Agency KAB-KARO is outside your scope (agency KOTA-MEDAN)."),
        ("inspector", BKN, "Agency BKN is outside your scope (region 12)."),
        ("hr_karo", UNIT, "Agency KOTA-MEDAN is outside your scope (agency KAB-KARO)."),
    ],
)
@pytest.mark.parametrize("read", ["ratings", "events", "ratings?format=xml", "events?colour=red"])
def test_a_units_ratings_outside_the_readers_scope_are_refused_naming_agency(
    rated: World, who: str, path: str, reason: str, read: str
) -> None:
    answer = rated.get(f"{path}/{read}", who)
    problem: dict[str, Any] = answer.get_json()
    assert (answer.status_code, problem["type"]) == (403, FORBIDDEN), problem
    assert problem["errors"] == {"agency": [reason]}


@pytest.mark.parametrize("who", ["inspector", "inspector_medan"])
@pytest.mark.parametrize(
    ("write", "body"),
    [("ratings", {**RATING, "year": 2024, "reference": "LKJIP-2024"}), ("events", {**CORRECTION, "reference": "R-2"})],
)
def test_an_inspector_writes_no_units_rating(rated: World, who: str, write: str, body: dict[str, Any]) -> None:
    before = rated.log()
    answer = rated.post(f"{UNIT}/{write}", who, json=body)
    problem: dict[str, Any] = answer.get_json()
    assert (answer.status_code, problem["type"]) == (403, FORBIDDEN), problem
    assert problem["detail"] == "The inspector role may not rate units."
    assert rated.log() == before  # nothing recorded


@pytest.mark.parametrize("who", ["reporter", "policy", "employee"])
def test_a_role_that_neither_rates_nor_audits_reads_no_units_ratings(rated: World, who: str) -> None:
    for read in ("ratings", "events"):
        assert rated.get(f"{UNIT}/{read}", who).status_code == 403


KNOWN = "see GET /api/v1/reference/agencies"


@pytest.mark.parametrize("agency", ["NOPE", "kota-medan"])
@pytest.mark.parametrize("who", ["inspector", "inspector_medan", "hr_karo", "admin"])
@pytest.mark.parametrize("read", ["ratings", "events"])
def test_a_unit_of_an_agency_no_table_holds_as_written_is_422_whatever_the_scope(
    rated: World, agency: str, who: str, read: str
) -> None:
    """An unknown code is reference data, not a secret: a 422 naming `agency` in the words of the filters' (as
    `agency=NOPE` is refused), to a reader of any scope; it was the 403 of an agency outside a scope not national,
    and `kota-medan` read as KOTA-MEDAN within one that holds it. (The path names the unit's agency as its table
    writes it; a filter reads a code in any case since 2026-12-05: test_coded_filters_in_any_case.)"""
    answer = rated.get(f"/api/v1/units/{agency}/Dinas%20Pendidikan/{read}", who)
    meant = " (did you mean 'KOTA-MEDAN'?)" if agency == "kota-medan" else ""  # (since 2026-12-06: KnownCodes.named)
    assert (answer.status_code, answer.get_json()["errors"]) == (
        422,
        {"agency": [f"Not one of the known values: '{agency}'{meant} ({KNOWN})."]},
    )


def test_the_paths_agency_is_refused_in_the_words_of_the_filters(rated: World) -> None:
    path = rated.get("/api/v1/units/kota-medann/Dinas%20Pendidikan/ratings", "admin").get_json()["errors"]
    query = rated.get("/api/v1/audits/grade-inflation?agency=kota-medann", "admin").get_json()["errors"]
    assert path == query


@pytest.mark.parametrize("agency", ["NOPE", "kota-medan"])
@pytest.mark.parametrize(("write", "body"), [("ratings", RATING), ("events", CORRECTION)])
def test_a_rating_of_an_agency_no_table_holds_as_written_is_422_whatever_the_scope(
    rated: World, agency: str, write: str, body: dict[str, Any]
) -> None:
    before = rated.log()
    for who in ("hr", "hr_karo", "admin"):
        answer = rated.post(f"/api/v1/units/{agency}/Dinas%20Pendidikan/{write}", who, json=body)
        assert (answer.status_code, list(answer.get_json()["errors"])) == (422, ["agency"]), who
    assert rated.log() == before
