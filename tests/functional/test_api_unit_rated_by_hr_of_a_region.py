"""HR scoped by region (and agencies) rates, corrects and imports the units of the agencies seated in it, as it
reads them: every write of a unit's rating was judged by the agency's code alone (no region), so HR of region 12 read
KOTA-MEDAN's units' ratings (judged by the agency's seat, 12.71) but had every write refused ("You may rate only units
within your scope ..."), through the API and an import alike. Outside the region, still refused."""

from __future__ import annotations

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_api_unit_rating_corrected import CORRECTION, RATING, UNIT
from tests.functional.test_imports import jsonl, upload

BKN = "/api/v1/units/BKN/Direktorat%20Kinerja"  # (seated in region 31: outside region 12)
# HR of two agencies within region 12 (an HR account always names its agencies): KOTA-MEDAN, seated in 12.71, in it
HR_REGION = Scope(agencies=("KOTA-MEDAN", "BKN"), regions=("12",))
SCOPE = "agency KOTA-MEDAN, agency BKN, region 12"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def regional(world: World) -> World:
    world.services.accounts.create("hr-region", display_name="HR Region", role="hr", scope=HR_REGION)
    world.tokens["hr_region"] = world.services.accounts.issue_token("hr-region", days=30).token
    return world


def test_hr_of_a_region_rates_corrects_and_reads_a_unit_of_an_agency_seated_in_it(regional: World) -> None:
    rated = regional.post(f"{UNIT}/ratings", "hr_region", json=RATING)
    assert rated.status_code == 201, rated.get_json()
    corrected = regional.post(f"{UNIT}/events", "hr_region", json=CORRECTION)
    assert corrected.status_code == 201, corrected.get_json()
    ratings = regional.get(f"{UNIT}/ratings", "hr_region")
    assert ratings.status_code == 200, ratings.get_json()
    assert [(r["year"], r["predicate"]) for r in ratings.get_json()["items"]] == [(2023, "SANGAT_BAIK")]


def test_hr_of_a_region_rates_no_unit_of_an_agency_seated_outside_it(regional: World) -> None:
    assert regional.post(f"{BKN}/ratings", "admin", json=RATING).status_code == 201
    before = regional.log()
    for answer in (
        regional.post(f"{BKN}/ratings", "hr_region", json={**RATING, "year": 2022, "reference": "L-22"}),
        regional.post(f"{BKN}/events", "hr_region", json=CORRECTION),
    ):
        assert answer.status_code == 403
        assert answer.get_json()["errors"] == {"agency": [f"You may rate only units within your scope ({SCOPE})."]}
    read = regional.get(f"{BKN}/ratings", "hr_region")
    assert read.status_code == 403
    assert read.get_json()["errors"] == {"agency": [f"Agency BKN is outside your scope ({SCOPE})."]}
    assert regional.log() == before


def test_hr_of_a_region_imports_the_ratings_of_the_units_seated_in_it_alone(regional: World) -> None:
    rows = [
        {"kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": "Dinas Kesehatan", **f.rating(2023)},
        {"kind": "unit_rating", "agency": "BKN", "unit": "Direktorat Kinerja", **f.rating(2023)},
    ]
    report = regional.post("/api/v1/imports", "hr_region", **upload(jsonl(*rows), "units.jsonl")).get_json()
    assert report["recorded"] == 1, report
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(2, ["agency"])]
