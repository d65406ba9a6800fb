"""A year an employee ended away from duty (unpaid leave, study leave, suspended) is not judged against the yearly 20
JP on their career page, as the training compliance report leaves them out of that year's staff (docs/views.md).

Found by helper inspecthunt (2026-12-03): an employee on unpaid leave (CLTN) through 2017 and 2018 read "no" for the
20 JP in both years on their own career page, while the compliance report of those years did not count them.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def away_two_years(world: World) -> str:
    """Confirmed in 2013, 20 JP a year from 2013 to 2019 but for 2017 and 2018, on unpaid leave from 1 January 2017
    until back on 1 January 2019."""
    nip = f.nip(date(1985, 5, 5), date(2012, 3, 1), "M", sequence=797)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "2013-03-01", "reference": "SK-PNS-797", "latsar_certificate": "LATSAR-797"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    for year in (2013, 2014, 2015, 2016, 2019):
        ledger.record(nip, "training", f.training(f"{year}-06-30", hours=20, start=f"{year}-06-26"), actor="test")
    ledger.record(nip, "status_change", f.status("UNPAID_LEAVE", "2017-01-01"), actor="test")
    ledger.record(nip, "status_change", f.status("ACTIVE", "2019-01-01"), actor="test")
    world.catch_up()
    return nip


NONE = "\u2013"  # the page's en dash: no target, no verdict


def year_row(text: str, year: int) -> str:
    found = re.search(rf"<tr><td>{year}</td>(.*?)</tr>", text, re.S)
    assert found is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def test_a_year_ended_away_from_duty_is_not_judged_against_the_yearly_jp(world: World) -> None:
    nip = away_two_years(world)
    english = page_text(world, nip)
    assert "so a year you ended away from duty is not judged: 2017, 2018." in english
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    assert year_row(page, 2017) == f"0 {NONE} {NONE}"
    assert year_row(page, 2018) == f"0 {NONE} {NONE}"
    assert year_row(page, 2019) == "20 20 yes"
    assert year_row(page, 2020) == "0 20 no"
    assert "tidak dinilai: 2017, 2018." in page_text(world, nip, "id")
