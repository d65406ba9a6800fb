"""A rank held since before the configured promotion dates begin (promotion.dates in force from 2000) is offered from
the first date the rules permit, not left without any offer.

Found by helper inspecthunt (2026-12-03): an S-1 at III/a since 1 March 1993, rated Baik, got an empty eligibility
answer with no reason (`no_promotion` null) and no "Next promotion" on the career page: the first permitted date on or
after the day the time in rank was reached (1 March 1997) was looked for in 1997 and 1998 only, where no version of
promotion.dates is in force, so the offer was dropped.
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def test_the_first_permitted_date_before_the_rules_begin_is_their_first() -> None:
    assert first_permitted(rules(), date(1997, 3, 1)) == date(2000, 4, 1)
    assert first_permitted(rules(), date(1999, 12, 1)) == date(2000, 4, 1)
    assert first_permitted(rules(), date(2023, 10, 2)) == date(2024, 2, 1)


def test_a_rank_held_since_before_the_rules_begin_is_offered_from_their_first_date(world: World) -> None:
    nip = f.nip(date(1970, 5, 5), date(1993, 3, 1), "F", sequence=791)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "1994-03-01", "reference": "SK-PNS-791", "latsar_certificate": "PRAJAB-791"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    for year in (2024, 2025):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    world.catch_up()
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    assert [(i["kind"], i["new_rank"], i["earliest_date"]) for i in body["items"]] == [("101", "III/b", "2000-04-01")]
    # (judged on the first promotion date after today, which asks this year's SKP: "not every requirement
    # is met" while it is due, "reached: every requirement has been met from ..." while it is not due yet, since
    # 2026-12-06, test_career_page_eligible_while_the_next_date_waits.py)
    assert body["items"][0]["missing"]
    assert "Earliest date, gone by: Apr 1, 2000 (" in page_text(world, nip)
