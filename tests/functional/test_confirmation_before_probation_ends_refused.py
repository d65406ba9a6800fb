"""A confirmation as PNS dated before the end of the probation year (rule confirmation.probation; reference section 4:
a CPNS becomes PNS at the end of the probation year) is refused: the API answers 422 problem+json beside
`effective_date`, naming the appointment's TMT and the first day the confirmation may carry, and the record form
shows it beside the date; nothing is recorded. Until 2026-12-05 it was accepted, and the CPNS read as a PNS from that
day (the 20 JP, promotion.no_probation, the years as PNS for study leave)."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"
EARLY = (
    "2010-09-01 is before the end of the probation year: appointed as CPNS on 2010-03-01, the employee is confirmed "
    "as PNS on 2011-03-01 at the earliest (rule confirmation.probation). Check the confirmation's date, or the "
    "appointment's TMT."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_a_confirmation_before_the_probation_year_ends_is_refused_by_the_api(world: World) -> None:
    before = world.log()
    body = problem(world.post(EVENTS, "hr", json={"kind": "confirmation", **f.confirmation("2010-09-01")}), 422)
    assert body["errors"] == {"effective_date": [EARLY]}
    assert world.log() == before
    answer = world.post(EVENTS, "hr", json={"kind": "confirmation", **f.confirmation("2011-03-01")})
    assert answer.status_code == 201, answer.get_data(as_text=True)


def test_a_confirmation_before_the_probation_year_ends_is_refused_beside_the_date_on_the_record_form(
    world: World,
) -> None:
    log_in(world, "hr")
    before = world.log()
    data = {**form_of(world, "confirmation"), "nip": BUDI, **f.confirmation("2010-09-01")}
    answer = world.client.post("/pages/record?kind=confirmation&lang=id", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="effective_date-error">(.*?)</span>', page, re.S)
    assert beside is not None, page
    assert "sebelum masa percobaan berakhir" in beside[1]
    assert "paling cepat pada 1 Mar 2011" in beside[1], beside[1]
    assert world.log() == before
