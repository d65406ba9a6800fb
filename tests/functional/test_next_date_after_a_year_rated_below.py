"""The next promotion date is not a day a year already rated below Baik still bars (exploratory pass of 2026-12-05,
checking the employee's own view of a hand-built career against the reference: "Baik in each of the last 2 years").

A clerk rated Butuh Perbaikan last year was told "Next promotion date: <the first promotion date from today>" (and a
client reading the API its `next_date`), though every promotion date until the end of next year reads last year's
rating, which no later fact changes: the page listed "SKP <last year>: Butuh Perbaikan, below Baik" under a date the
promotion cannot come on. A year rated below the minimum now bars, as a penalty with a known end does, until the last
day of the last year whose promotion dates read it (`barred_until`); a year with no rating recorded bars nothing so,
its rating may yet be recorded; a correction of the rating to Baik lifts the bar. The career page says so beside the
year: "Promotion dates up to Dec 31, <next year> still read this rating; the first after it is <that date>."
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.ledger import latest_today
from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_next_date_after_penalty import regular_offer
from tests.functional.test_time_to_promotion_from_after_today import this_year


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def clerk(world: World, sequence: int, last_year: str) -> tuple[str, int]:
    """An S-1 at III/b since 1 April 2019, confirmed, rated Baik every year to the year before last and `last_year`
    last year: the NIP and the version of last year's rating."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "M", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    ledger.record(nip, "confirmation", f.confirmation("2011-03-01"), actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/b", "2019-04-01"), actor="test")
    last = this_year() - 1
    for year in range(2010, last):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    rated = ledger.record(nip, "performance_rating", f.rating(last, last_year), actor="test").version
    world.catch_up()
    return nip, rated


def test_a_year_rated_below_baik_moves_the_next_promotion_date_past_the_years_that_read_it(world: World) -> None:
    nip, rated = clerk(world, 821, "BUTUH_PERBAIKAN")
    year = this_year()
    item = regular_offer(world, nip)
    assert "promotion.performance" in item["missing"]
    # last year is read by every promotion date until the end of next year (the 2 years before a TMT)
    clear = first_permitted(rules(), date(year + 2, 1, 1))
    assert clear is not None
    assert item["next_date"] == clear.isoformat()
    english = page_text(world, nip)
    assert f"Next promotion date: {clear:%b} {clear.day}, {clear.year}" in english
    assert (  # the page says why, beside the year
        f"SKP {year - 1}: Butuh Perbaikan, below Baik. Promotion dates up to Dec 31, {year + 1} still read"
        f" this rating; the first after it is {clear:%b} {clear.day}, {clear.year}."
    ) in english
    assert f"sampai dengan 31 Des {year + 1} masih memperhitungkan penilaian ini" in page_text(world, nip, "id")
    # the rating corrected to Baik: the bar is lifted
    world.services.ledger.record(
        nip, "correction", f.correction(rated, latest_today().isoformat(), predicate="BAIK"), actor="t"
    )
    world.catch_up()
    assert regular_offer(world, nip)["next_date"] < clear.isoformat()


def test_a_year_not_rated_yet_moves_no_next_promotion_date(world: World) -> None:
    nip, rated = clerk(world, 822, "BAIK")
    world.services.ledger.record(nip, "retraction", f.retraction(rated, latest_today().isoformat()), actor="t")
    world.catch_up()
    item = regular_offer(world, nip)
    assert "promotion.performance" in item["missing"]  # last year's rating is not recorded (yet)
    assert item["next_date"] < f"{this_year() + 2}-01-01"
