"""The career page tells an SKP rating not due yet (its year not over) from one missing (its year over, none recorded).

Looking at the demo employee's page: "SKP ratings of at least Baik are needed for 2026, 2027", under "Still missing",
then "SKP 2026: not recorded yet" and "SKP 2027: not recorded yet", read on 4 December 2026: as if HR had failed to
record two ratings, one of them for a year not yet begun. A year's SKP is rated once the year is over; the page now says
so of such a year ("not due yet"), and keeps "not recorded yet" for a year over with no rating recorded, which the
employee may ask HR about.
"""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_time_to_promotion_from_after_today import this_year

WORDS = {
    "en": ("SKP {year}: not due yet, it is rated once the year is over", "SKP {year}: not recorded yet"),
    "id": ("SKP {year}: belum waktunya, dinilai setelah tahun itu berakhir", "SKP {year}: belum dicatat"),
}


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_rating_of_a_year_not_over_is_not_due_and_one_of_a_year_over_is_not_recorded(world: World, lang: str) -> None:
    ledger, this = world.services.ledger, this_year()
    confirmation = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    ledger.record(BUDI, "confirmation", confirmation, actor="test")
    for year in range(2010, this - 1):  # none for last year nor this one
        ledger.record(BUDI, "performance_rating", f.rating(year), actor="test")
    world.catch_up()
    regular = next(i for i in world.services.eligibility_view.eligibility(BUDI) if i["kind"] == "101")
    (short,) = (r["message"] for r in regular["requirements"] if r["rule"] == "promotion.performance")
    asked = [int(y) for y in short.rsplit(" for ", 1)[1].split(", ")]
    assert this - 1 in asked  # (judged on a promotion date after today: last year's and one later or earlier)
    page = page_text(world, BUDI, lang)
    not_due, missing = WORDS[lang]
    for year in asked:
        assert (not_due if year >= this else missing).format(year=year) in page
        assert (missing if year >= this else not_due).format(year=year) not in page
