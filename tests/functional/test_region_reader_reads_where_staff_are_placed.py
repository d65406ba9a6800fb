"""A reader scoped by region reads figures of the staff placed in its regions, wherever their agency is seated: the
one rule of the reports (their rows filtered by the employee's region), now the grade-inflation audit's, the unit
ratings' and the scorecard's too (web.services.agency_reach, Services.grade_inflation, unit_readable).

Until 2026-12-06, to a 12.71 reader:
- the grade-inflation audit listed the units of the agencies seated in 12.71 (KOTA-MEDAN), judged on all their
  staff, those placed in 12.07 too, and none of KAB-DELISERDANG's (seated in 12.07), its units staffed in 12.71
  alone too (asked by `agency`, a 403 "... judges each of its units on all of the unit's staff ...");
- a unit's own ratings were read by its agency's seat alone: KAB-DELISERDANG's unit staffed in 12.71 was a 403;
- KOTA-MEDAN's scorecard was read whole (its staff placed in 12.07 counted), where KAB-DELISERDANG's was read of its
  staff in 12.71 alone.
Now a unit-year of the audit is listed when all its rated staff are placed in the reader's regions, a unit's ratings
are read when its agency is seated there or any of its staff is placed there, and the scorecard of any agency is read
of its staff in the reader's region (whole to a reader scoped by agency alone, or by a region holding every employee
the agency ever had: web.services.read_whole). Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_region_scope_refuses_agencies_seated_elsewhere import SEATED_ELSEWHERE, scoped_to_the_city

INFLATION = "/api/v1/audits/grade-inflation"
SCORECARD = "/api/v1/reports/scorecard?year=2024&agency="
# (each unit: 5 staff rated Baik and one Sangat Baik in 2023, the unit rated Baik: over the cap)
WHOLLY_IN_THE_CITY = ("KOTA-MEDAN", "Dinas Kesehatan", ["12.71"] * 6)
PARTLY_IN_DELI = ("KOTA-MEDAN", "Bappeda", ["12.71"] * 5 + ["12.07"])
STAFFED_IN_THE_CITY = (SEATED_ELSEWHERE, "Kantor Camat", ["12.71"] * 6)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def inflated(world: World, number: int, agency: str, unit: str, regions: list[str]) -> None:
    """A unit of the agency rated Baik for 2023, its six staff placed in the regions, one rated over the cap."""
    for n, (predicate, region) in enumerate(zip(["BAIK"] * 5 + ["SANGAT_BAIK"], regions, strict=True)):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=900 + 10 * number + n)
        appointed = appointment_of(nip, agency=agency, region=region, unit=unit)
        outside = ("region.outside_seat",)  # (staff placed outside the agency's seat: rule agency.region_seat)
        world.services.ledger.record(nip, "appointment", appointed, actor="test", confirmed=outside)
        world.services.ledger.record(nip, "performance_rating", f.rating(2023, predicate), actor="test")
    world.services.ledger.rate_unit(agency, unit, f.rating(2023), actor="test")
    world.catch_up()


@pytest.fixture
def units(world: World) -> World:
    for number, (agency, unit, regions) in enumerate((WHOLLY_IN_THE_CITY, PARTLY_IN_DELI, STAFFED_IN_THE_CITY)):
        inflated(world, number, agency, unit, regions)
    return world


def listed(world: World, who: str, **query: str) -> list[tuple[str, str]]:
    answer = world.get(INFLATION, who, query_string={"per_page": "100", **query})
    assert answer.status_code == 200, answer.get_json()
    return [(u["agency"], u["unit"]) for u in answer.get_json()["items"]]


def test_grade_inflation_lists_to_a_region_reader_the_units_whose_staff_are_all_placed_in_its_regions(
    units: World,
) -> None:
    who = scoped_to_the_city(units, "inspector")
    assert listed(units, who) == [(SEATED_ELSEWHERE, "Kantor Camat"), ("KOTA-MEDAN", "Dinas Kesehatan")]
    assert listed(units, who, agency=SEATED_ELSEWHERE) == [(SEATED_ELSEWHERE, "Kantor Camat")]
    assert listed(units, who, agency="KOTA-MEDAN") == [("KOTA-MEDAN", "Dinas Kesehatan")]
    csv = units.get(INFLATION + f"?agency={SEATED_ELSEWHERE}&format=csv", who)
    assert csv.status_code == 200
    assert "Kantor Camat" in csv.get_data(as_text=True)
    # (a national reader, and one scoped by agency alone, read every unit of their agencies as before)
    assert len(listed(units, "admin")) == 3
    assert listed(units, "inspector_medan") == [("KOTA-MEDAN", "Bappeda"), ("KOTA-MEDAN", "Dinas Kesehatan")]
    # (the province 12 holds every region the staff are placed in)
    assert len(listed(units, "inspector")) == 3


def test_a_region_reader_reads_the_ratings_of_a_unit_whose_staff_are_placed_in_its_regions(units: World) -> None:
    who = scoped_to_the_city(units, "inspector")
    for read in ("ratings", "events"):
        answer = units.get(f"/api/v1/units/{SEATED_ELSEWHERE}/kantor%20camat/{read}", who)
        assert answer.status_code == 200, answer.get_json()
    units.services.ledger.rate_unit(SEATED_ELSEWHERE, "Sekretariat", f.rating(2023), actor="test")
    refused = units.get(f"/api/v1/units/{SEATED_ELSEWHERE}/Sekretariat/ratings", who)  # (no staff of it in 12.71)
    assert refused.status_code == 403
    assert refused.get_json()["errors"] == {
        "agency": [f"Agency {SEATED_ELSEWHERE} is outside your scope (region 12.71)."]
    }
    assert units.get("/api/v1/units/KOTA-MEDAN/Bappeda/ratings", who).status_code == 200  # (seated there)


@pytest.mark.parametrize("role", ["inspector", "reporter"])
def test_the_scorecard_of_an_agency_seated_in_a_region_readers_scope_is_read_of_its_staff_there(
    units: World, role: str
) -> None:
    who = scoped_to_the_city(units, role)
    card = units.get(SCORECARD + "KOTA-MEDAN", who).get_json()
    assert (card["agency"], card["region"]) == ("KOTA-MEDAN", "12.71")  # (its staff in 12.07 are not read)
    of_the_city = units.get(SCORECARD + "KOTA-MEDAN&region=12.71", "admin").get_json()
    assert card["indicators"].keys() == of_the_city["indicators"].keys()
    for name, indicator in card["indicators"].items():
        assert [r["value"] for r in indicator["trend"]] == [
            r["value"] for r in of_the_city["indicators"][name]["trend"]
        ]
        # (the agency, with staff placed outside the reader's region, is not compared as a whole)
        assert "KOTA-MEDAN" not in {r["agency"] for r in indicator["comparison"]}
    csv = units.get(SCORECARD + "KOTA-MEDAN&format=csv", who)
    assert csv.status_code == 200
    assert "12.71" in csv.get_data(as_text=True)


def test_the_scorecard_is_read_whole_by_a_reader_scoped_by_the_agency_and_of_the_seats_region_by_one_of_several(
    units: World,
) -> None:
    assert units.get(SCORECARD + "KOTA-MEDAN", "inspector_medan").get_json()["region"] is None
    # (and whole by a reader of a region holding every one of its staff: the province 12)
    assert units.get(SCORECARD + "KOTA-MEDAN", "inspector").get_json()["region"] is None
    units.services.accounts.create(
        "policy-two", display_name="Two", role="policy", scope=Scope(regions=("12.71", "13.71"))
    )
    units.tokens["policy_two"] = units.services.accounts.issue_token("policy-two", days=30).token
    card = units.get(SCORECARD + "KOTA-MEDAN", "policy_two")
    assert card.status_code == 200, card.get_json()
    assert card.get_json()["region"] == "12.71"  # (the one of the reader's regions holding the agency's seat)


def test_a_decision_shows_a_region_reader_the_inflated_ratings_of_a_unit_year_listed_to_it_alone(units: World) -> None:
    """A decision's ratings from an inflated unit-year (`inflated_ratings`, with the unit-year's counts) are shown to
    a reader scoped by region only where the grade-inflation list lists the unit-year to it: every rated member of
    its staff placed in the reader's regions. Until 2026-12-06 the audited decision's API answer and page showed
    Bappeda's 2023 counts, one of them a rating given in 12.07, to a 12.71 reader the list withholds them from."""
    decided = {}
    for number, (_, unit, _) in enumerate((WHOLLY_IN_THE_CITY, PARTLY_IN_DELI)):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=900 + 10 * number)  # (placed in 12.71)
        outcome = units.services.ledger.record(nip, "rank_promotion", f.promotion("III/b", "2024-04-01"), actor="test")
        decided[unit] = f"{nip}-{outcome.version}"
    units.catch_up()
    who = scoped_to_the_city(units, "inspector")

    def inflated_units(reader: str, unit: str) -> list[tuple[str, int]]:
        answer = units.get(f"/api/v1/audits/promotions/{decided[unit]}", reader)
        assert answer.status_code == 200, answer.get_json()
        return [(r["unit_finding"]["unit"], r["unit_finding"]["rated"]) for r in answer.get_json()["inflated_ratings"]]

    assert inflated_units(who, "Dinas Kesehatan") == [("Dinas Kesehatan", 6)]
    assert inflated_units(who, "Bappeda") == []
    # (a reader scoped by agency alone, and one of the province, read them as before)
    assert inflated_units("inspector_medan", "Bappeda") == [("Bappeda", 6)]
    assert inflated_units("inspector", "Bappeda") == [("Bappeda", 6)]
    log_in(units, who)
    nip, version = decided["Bappeda"].rsplit("-", 1)
    page = units.client.get(f"/pages/audits/{nip}/{version}?lang=en")
    assert page.status_code == 200
    assert "over the rating cap" not in page.get_data(as_text=True)
    nip, version = decided["Dinas Kesehatan"].rsplit("-", 1)
    assert "over the rating cap" in units.client.get(f"/pages/audits/{nip}/{version}?lang=en").get_data(as_text=True)


def test_a_decision_shows_an_agency_reader_no_inflated_ratings_of_a_unit_year_of_another_agency(world: World) -> None:
    """A rating given in another agency's unit (KAB-KARO's, before a move to KOTA-MEDAN and a promotion there) is not
    shown with its unit-year's counts to a reader scoped by KOTA-MEDAN, as the grade-inflation list refuses it
    KAB-KARO's units. Until 2026-12-06 the audited decision listed KAB-KARO's unit-year with its counts to it."""
    inflated(world, 5, "KAB-KARO", "Dinas Pendidikan", ["12.06"] * 6)
    nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=950)  # (rated in KAB-KARO's unit in 2023)
    moved = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71", "effective_date": "2024-01-15"}
    world.services.ledger.record(nip, "placement", {**moved, "reference": "MUT-1"}, actor="test")
    outcome = world.services.ledger.record(nip, "rank_promotion", f.promotion("III/b", "2024-04-01"), actor="test")
    world.catch_up()

    def inflated_units(reader: str) -> list[tuple[str, str, int]]:
        answer = world.get(f"/api/v1/audits/promotions/{nip}-{outcome.version}", reader)
        assert answer.status_code == 200, answer.get_json()
        return [
            (r["unit_finding"]["agency"], r["unit_finding"]["unit"], r["unit_finding"]["rated"])
            for r in answer.get_json()["inflated_ratings"]
        ]

    assert world.get(INFLATION + "?agency=KAB-KARO", "inspector_medan").status_code == 403
    assert inflated_units("inspector_medan") == []
    assert inflated_units("admin") == [("KAB-KARO", "Dinas Pendidikan", 6)]
