"""A reader scoped by region reaches an agency seated elsewhere whose staff are placed in the region by one check,
the reports', the scorecard's and the grade-inflation audit's alike (web.services.agency_reach).

A KAB-DELISERDANG employee (the agency seated in 12.07) placed in 12.71 is counted by a 12.71 reader's headcount with
`agency=KAB-DELISERDANG` (since 2026-12-06), but /api/v1/reports/scorecard, its CSV and /pages/scorecard answered
403 "Agency KAB-DELISERDANG is outside your scope (region 12.71).", judged by the agency's seat alone. Now the
scorecard is read of the agency's staff in the reader's region (as a report's rows are narrowed to it), never of its
whole staff; the grade-inflation audit, which judges a unit on all of its staff, lists its units whose staff are all
placed there (since 2026-12-06; it refused the agency). An agency neither seated nor staffed there is refused by each
with the same words as before. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_region_scope_refuses_agencies_seated_elsewhere import (
    REFUSED,
    SEATED_ELSEWHERE,
    scoped_to_the_city,
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


PLACED_IN_THE_CITY = f.nip(date(1985, 5, 5), date(2012, 3, 1), "M", sequence=812)
PLACED_IN_DELI = f.nip(date(1986, 6, 6), date(2012, 3, 1), "F", sequence=813)
SCORECARD = "/api/v1/reports/scorecard?year=2024&agency="
GRADE_INFLATION = "/api/v1/audits/grade-inflation?agency="


def staffed_in_the_city(world: World) -> None:
    """One KAB-DELISERDANG employee placed in 12.71, another in 12.07 (its seat)."""
    for nip, name, region in ((PLACED_IN_THE_CITY, "Dedi Lubis", "12.71"), (PLACED_IN_DELI, "Wati Sitepu", "12.07")):
        appointed = appointment_of(nip, name=name, agency=SEATED_ELSEWHERE, region=region, unit="Kantor")
        # (12.71 outside KAB-DELISERDANG's seat: asked, rule agency.region_seat)
        world.services.ledger.record(nip, "appointment", appointed, actor="test", confirmed=("region.outside_seat",))
    world.catch_up()


@pytest.mark.parametrize("role", ["inspector", "reporter"])
def test_a_region_reader_reads_the_scorecard_of_an_agency_staffed_in_the_region_of_its_staff_there(
    world: World, role: str
) -> None:
    staffed_in_the_city(world)
    who = scoped_to_the_city(world, role)
    answer = world.get(SCORECARD + SEATED_ELSEWHERE, who)
    assert answer.status_code == 200, answer.get_json()
    card = answer.get_json()
    assert (card["agency"], card["region"]) == (SEATED_ELSEWHERE, "12.71")  # (its staff there, not all of them)
    # (the agency's whole staff, the one in 12.07 too, is never among the comparison's agencies)
    compared = {r["agency"] for i in card["indicators"].values() for r in i["comparison"]}
    assert SEATED_ELSEWHERE not in compared
    national = world.get(SCORECARD + SEATED_ELSEWHERE, "admin").get_json()
    assert national["region"] is None  # (a national reader: the whole agency, as before)
    csv = world.get(SCORECARD + SEATED_ELSEWHERE + "&format=csv", who)
    assert csv.status_code == 200, csv.get_data(as_text=True)
    assert "12.71" in csv.get_data(as_text=True)


def test_the_scorecard_page_and_its_pdf_read_it_too(world: World) -> None:
    staffed_in_the_city(world)
    who = scoped_to_the_city(world, "inspector")
    log_in(world, who)
    page = world.client.get(f"/pages/scorecard?year=2024&lang=en&agency={SEATED_ELSEWHERE}")
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    assert f'<option value="{SEATED_ELSEWHERE}"' in world.client.get("/pages/scorecard?lang=en").get_data(as_text=True)
    pdf = world.client.get(f"/pages/scorecard.pdf?year=2024&lang=en&agency={SEATED_ELSEWHERE}")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"


def test_a_reader_of_several_regions_chooses_the_region_of_the_scorecard(world: World) -> None:
    staffed_in_the_city(world)
    world.services.accounts.create(
        "policy-two", display_name="Two", role="policy", scope=Scope(regions=("12.71", "13.71"))
    )
    world.tokens["policy_two"] = world.services.accounts.issue_token("policy-two", days=30).token
    answer = world.get(SCORECARD + SEATED_ELSEWHERE, "policy_two")
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "region": [
            f"Agency {SEATED_ELSEWHERE}'s scorecard is read of its staff in one of your regions (region 12.71, region "
            "13.71); choose the region (12.71, 13.71)."
        ]
    }
    chosen = world.get(SCORECARD + SEATED_ELSEWHERE + "&region=12.71", "policy_two")
    assert chosen.status_code == 200, chosen.get_json()
    assert chosen.get_json()["region"] == "12.71"


def test_the_grade_inflation_audit_reads_an_agency_staffed_in_the_region_of_its_units_wholly_placed_there(
    world: World,
) -> None:
    # (until 2026-12-06 refused, "... the grade-inflation audit judges each of its units on all of the unit's staff
    # ...": now it lists the units whose rated staff are all placed in the reader's regions, here none, Kantor's staff
    # being placed in 12.07 too; test_region_reader_reads_where_staff_are_placed lists one)
    staffed_in_the_city(world)
    who = scoped_to_the_city(world, "inspector")
    for query in ("", "&format=csv"):
        answer = world.get(GRADE_INFLATION + SEATED_ELSEWHERE + query, who)
        assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert world.get(GRADE_INFLATION + SEATED_ELSEWHERE, who).get_json()["items"] == []
    assert world.get(GRADE_INFLATION + "KOTA-MEDAN", who).status_code == 200  # (seated there, as before)


@pytest.mark.parametrize("route", [SCORECARD, GRADE_INFLATION])
def test_an_agency_neither_seated_nor_staffed_in_the_region_is_refused_as_before(world: World, route: str) -> None:
    who = scoped_to_the_city(world, "inspector")
    answer = world.get(route + SEATED_ELSEWHERE, who)  # (no KAB-DELISERDANG employee placed in 12.71)
    assert answer.status_code == 403
    assert answer.get_json()["errors"] == {"agency": [REFUSED]}


@pytest.mark.parametrize("region", ["12", "12.07"])
def test_a_region_reader_asking_the_staffed_agency_of_a_region_beyond_its_own_is_refused(
    world: World, region: str
) -> None:
    # (region 12, the province holding 12.71, was read whole: every region of it, the agency's seat 12.07 too)
    staffed_in_the_city(world)
    who = scoped_to_the_city(world, "reporter")
    for route in ("", "&format=csv"):
        answer = world.get(f"{SCORECARD}{SEATED_ELSEWHERE}&region={region}{route}", who)
        assert answer.status_code == 403, answer.get_data(as_text=True)[:500]
        assert answer.get_json()["errors"] == {"region": [f"Region {region} is outside your scope (region 12.71)."]}
    assert world.get(SCORECARD + SEATED_ELSEWHERE + "&region=12.71", who).status_code == 200


def test_the_region_card_of_a_staffed_agency_does_not_measure_its_units_over_the_caps(world: World) -> None:
    # (judged on whole units: the card showed the agency's units over the caps by name, and their staff)
    staffed_in_the_city(world)
    card = world.get(SCORECARD + SEATED_ELSEWHERE, scoped_to_the_city(world, "inspector")).get_json()
    trend = card["indicators"]["performance.units_over_cap"]["trend"]
    assert [(r["year"], r["numerator"], r["value"]) for r in trend] == [(y, None, None) for y in (2022, 2023, 2024)]
    assert {str(r["details"]) for r in trend} == {"{'not_measured': 'judged_on_whole_units'}"}
    assert "performance.units_over_cap" not in {x["indicator"] for x in card["findings"]}
