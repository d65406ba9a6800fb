"""No next promotion date while a legal status bars the promotion with no end recorded (promotion.legal_status: unpaid
leave, CLTN, or suspension; rules.toml, an inference).

Found by helper emphunt (2026-12-03): an employee on unpaid leave since 2025, rated Baik to 2024, read on her career
page "Next promotion date: Feb 1, 2027" and, under "Still missing", "Your legal status on Feb 1, 2027, Unpaid leave
(CLTN), bars a promotion while it lasts"; the eligibility answer's next_date gave the same day. No return to duty is
recorded (a fact in the future is refused), so no promotion date is known: the first comes after a return recorded.
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def on_leave(world: World, sequence: int, status: str) -> str:
    """An S-1 at III/b since 2019, confirmed, rated Baik to 2024, away from 1 February 2025 (`status`)."""
    nip = f.nip(date(1987, 1, 1), date(2011, 3, 1), "F", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "2012-03-01", "reference": "SK-PNS-1", "latsar_certificate": "LATSAR-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/b", "2019-04-01"), actor="test")
    for year in range(2011, 2025):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    ledger.record(nip, "status_change", f.status(status, "2025-02-01"), actor="test")
    world.catch_up()
    return nip


def regular_offer(world: World, nip: str) -> dict[str, str]:
    (item,) = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    return item


@pytest.mark.parametrize(("status", "sequence"), [("UNPAID_LEAVE", 796), ("SUSPENDED", 797)])
def test_no_next_promotion_date_is_given_while_a_status_bars_it(world: World, status: str, sequence: int) -> None:
    nip = on_leave(world, sequence, status)
    item = regular_offer(world, nip)
    assert "promotion.legal_status" in item["missing"]
    assert item["reached"] is False  # the status bars it: the offer's date has not come (until 2026-12-07 true)
    assert item["blocked"] is None  # not for good: a return to duty opens it
    assert item["next_date"] is None  # it was the first promotion date from today, which the status bars
    english = page_text(world, nip)
    assert "Next promotion date" not in english
    assert "Earliest date, gone by: Apr 1, 2023" in english
    assert "bars a promotion while it lasts" in english
    assert "Tanggal kenaikan pangkat berikutnya" not in page_text(world, nip, "id")
    # back at work: the next promotion date from today again
    world.services.ledger.record(nip, "status_change", f.status("ACTIVE", latest_today().isoformat()), actor="test")
    world.catch_up()
    item = regular_offer(world, nip)
    assert "promotion.legal_status" not in item["missing"]
    assert item["next_date"] is not None
    assert item["reached"] is True  # its earliest date gone by, nothing barring it now
    assert "Next promotion date" in page_text(world, nip)
