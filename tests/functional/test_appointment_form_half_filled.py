"""An appointment form sent half filled is refused beside each missing field, not as outside the scope.

The HR administrator's scope is judged on the agency and region the appointment names; before, a form
sent without them (the agency list left at its empty choice) answered only "You may appoint only within
your scope", as if the agency chosen were another's, and none of the missing fields was named. Nothing
is recorded either way, and an agency outside the scope is still refused as before."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import MISSING, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def beside(page: str) -> dict[str, str]:
    return dict(re.findall(r'<span class="error" id="([^"]+)-error">(.*?)</span>', page, re.S))


@pytest.mark.parametrize("left_out", [("agency",), ("region",), ("agency", "region", "unit", "rank")])
def test_a_half_filled_appointment_names_each_missing_field(world: World, left_out: tuple[str, ...]) -> None:
    log_in(world, "hr")
    before = world.log()
    payload = {k: str(v) for k, v in appointment_of(MISSING).items() if k not in left_out}
    answer = world.client.post(
        "/pages/record?kind=appointment&lang=en", data={**form_of(world, "appointment"), "nip": MISSING, **payload}
    )
    assert answer.status_code == 422
    errors = beside(answer.get_data(as_text=True))
    assert sorted(errors) == sorted(left_out), errors
    assert all("Missing data for required field." in reason for reason in errors.values()), errors
    assert world.log() == before


def test_an_agency_outside_the_scope_is_still_refused(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    payload = {k: str(v) for k, v in appointment_of(MISSING, agency="KAB-KARO", region="12.06").items()}
    answer = world.client.post(
        "/pages/record?kind=appointment&lang=en", data={**form_of(world, "appointment"), "nip": MISSING, **payload}
    )
    assert answer.status_code == 422
    assert (
        "You may appoint only within your scope (agency KOTA-MEDAN)." in beside(answer.get_data(as_text=True))["agency"]
    )
    assert world.log() == before


def test_the_api_names_the_missing_place_too(world: World) -> None:
    payload = {k: v for k, v in appointment_of(MISSING).items() if k != "agency"}
    answer = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **payload})
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["agency"]
