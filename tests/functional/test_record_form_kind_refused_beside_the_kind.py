"""A refusal the ledger names `kind` (the kind of fact does not fit the record: a PPPK confirmed as PNS, a second
confirmation, a PPPK given a rank promotion) stands beside the record form's "Kind of event" chooser, which describes
it (aria-describedby), and the form's summary links to it. Found in the exploratory pass of 2026-12-05: it was printed
below the last field ("Kind of event: Only a CPNS is confirmed as PNS; ..."), beside no input and linked from no
summary, which said to see the reasons beside the fields."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

PPPK = f"19920404{2023}2{1}2{733:03d}"  # an NI PPPK: appointed in 2023, first contract, F


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_a_pppk_confirmed_as_pns_is_refused_beside_the_kind_chooser(world: World) -> None:
    payload = f.appointment(date(1992, 4, 4), date(2023, 10, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(PPPK, "appointment", {**payload, "recruitment_path": "PPPK"}, actor="test")
    world.catch_up()
    log_in(world, "hr")
    before = world.log()
    data = {**form_of(world, "confirmation"), "nip": PPPK, **f.confirmation("2024-10-01")}
    answer = world.client.post("/pages/record?kind=confirmation&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="kind-error">(.*?)</span>', page, re.S)
    assert beside is not None, page
    assert "Only a CPNS is confirmed as PNS" in beside[1]
    assert re.search(r'<select id="f-kind" name="kind"[^>]*aria-describedby="kind-error"', page)
    assert 'href="#f-kind"' in page
    assert world.log() == before
