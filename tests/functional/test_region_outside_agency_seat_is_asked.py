"""An appointment or placement whose region lies outside its agency's own region (a regency's or city's seat region,
a province's province: rule agency.region_seat) is asked about: refused beside `region` naming the region, the agency
and its seat until the writer confirms it (region.outside_seat). Found by a tester (2026-12-06): a KAB-DELISERDANG
appointment (seat 12.07) in 12.71 was recorded silently, moving the record into another inspector's scope. A central
agency's staff work anywhere: never asked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_acceptance_refusals import problem

NEW = f.nip(date(1995, 5, 17), date(2024, 2, 1), "F", sequence=781)
EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def asked(region: str, agency: str, seat: str) -> str:
    return (
        f"Region {region} is outside {agency}'s own region ({seat}), where its staff work: recorded, the record would "
        f"count in region {region}, in another inspector's scope. If the decree does place the employee in region "
        f"{region}, confirm it (confirm: region.outside_seat) and send it again; if not, write the region it names."
    )


def appoint(world: World, **overrides: Any) -> Any:
    body = {"nip": NEW, **appointment_of(NEW, name="Nur Aisyah", **overrides)}
    return world.post("/api/v1/employees", "admin", json=body)


def test_an_appointment_outside_its_regencys_seat_is_asked_and_recorded_confirmed(world: World) -> None:
    body = problem(appoint(world, agency="KAB-DELISERDANG", region="12.71"), 422)
    assert body["errors"] == {"region": [asked("12.71", "KAB-DELISERDANG", "12.07")]}
    assert world.get(f"/api/v1/employees/{NEW}/events").status_code == 404  # (nothing recorded)
    confirmed = appoint(world, agency="KAB-DELISERDANG", region="12.71", confirm=["region.outside_seat"])
    assert confirmed.status_code == 201, confirmed.get_json()


@pytest.mark.parametrize(
    ("agency", "region"),
    [("KAB-DELISERDANG", "12.07"), ("PROV-SUMUT", "12.71"), ("PROV-SUMUT", "12"), ("BKN", "12.71")],
)
def test_an_appointment_within_its_agencys_region_or_of_a_central_agency_is_not_asked(
    world: World, agency: str, region: str
) -> None:
    answer = appoint(world, agency=agency, region=region)
    assert answer.status_code == 201, answer.get_json()


def test_a_provinces_appointment_outside_its_province_is_asked(world: World) -> None:
    body = problem(appoint(world, agency="PROV-SUMUT", region="13"), 422)
    assert body["errors"] == {"region": [asked("13", "PROV-SUMUT", "12")]}


def test_a_placement_outside_its_agencys_seat_is_asked_and_recorded_confirmed(world: World) -> None:
    placement = {"kind": "placement", "agency": "KOTA-MEDAN", "unit": "Bappeda", "region": "12.07"}
    placement |= {"effective_date": "2020-01-02", "reference": "SK-MUTASI/1"}
    body = problem(world.post(EVENTS, "hr", json=placement), 422)
    assert body["errors"] == {"region": [asked("12.07", "KOTA-MEDAN", "12.71")]}
    confirmed = world.post(EVENTS, "hr", json={**placement, "confirm": ["region.outside_seat"]})
    assert confirmed.status_code == 201, confirmed.get_json()
    within = {**placement, "region": "12.71", "effective_date": "2021-01-04", "reference": "SK-MUTASI/2"}
    answer = world.post(EVENTS, "hr", json=within)
    assert answer.status_code == 201, answer.get_json()


def test_a_cpns_tmt_not_on_the_first_of_a_month_is_asked_with_the_region_at_once(world: World) -> None:
    """A CPNS's TMT is the 1st of a month (rule appointment.tmt_first_day, an inference): 2024-02-17 (found by a
    tester, 2026-12-06, recorded silently) is asked beside effective_date, with a region outside the seat at once."""
    body = problem(appoint(world, agency="KAB-DELISERDANG", region="12.71", effective_date="2024-02-17"), 422)
    assert body["errors"] == {
        "effective_date": [
            "A CPNS's TMT is the 1st of a month (rule appointment.tmt_first_day), not 2024-02-17: if it is mistyped, "
            "write the day the decree gives (2024-02-01?); if the decree does date it 2024-02-17, confirm it (confirm: "
            "appointment.tmt_first_day) and send it again."
        ],
        "region": [asked("12.71", "KAB-DELISERDANG", "12.07")],
    }
    checks = ["appointment.tmt_first_day", "region.outside_seat"]
    confirmed = appoint(world, agency="KAB-DELISERDANG", region="12.71", effective_date="2024-02-17", confirm=checks)
    assert confirmed.status_code == 201, confirmed.get_json()
