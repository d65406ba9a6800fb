"""Judging the next promotion's requirements for the date past a bar (merit view 62) leaves standing what stands
today, and judges no later date where none is known to come (review of 2026-12-07 of commit f354377c):

- a penalty still serving today bars the promotion until that date: the offer is not `eligible` and the career page
  does not say "(reached)" above the penalty (it read so once nothing was missing on the date past it);
- `met_on`, the run of promotion dates met as the record now stands, is that of the first date judged, as before
  (walked back from the date past the bar it was lost: the day before it is inside the bar);
- an offer blocked for good (the education ceiling) or barred by a legal status of no known end (unpaid leave) is not
  judged for a later date, and the page does not call its date "the next promotion date".

The facts are recorded on fixed days (as a migration reproduces them), so the record's last day is the view's, not
the clock's. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded
from tests.functional.test_next_date_after_penalty import regular_offer

TODAY = date(2026, 3, 10)
JUDGED_LATER = "the next promotion date: no promotion can come before it"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def s1(world: World, sequence: int, rank: str, since: str, last_year: str = "BAIK") -> str:
    """An S-1 at `rank` since `since`, confirmed, rated Baik 2010-2024 and `last_year` for 2025 (recorded on 15 January
    2026): the NIP."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "M", sequence=sequence)
    recorded(world, nip, "appointment", appointment_of(nip, rank="III/a"), date(2010, 3, 5))
    recorded(world, nip, "confirmation", f.confirmation("2011-03-01"), date(2011, 3, 5))
    recorded(world, nip, "rank_promotion", f.promotion(rank, since), date.fromisoformat(since))
    for year in range(2010, 2025):
        recorded(world, nip, "performance_rating", f.rating(year), date(year + 1, 1, 10))
    recorded(world, nip, "performance_rating", f.rating(2025, last_year), date(2026, 1, 15))
    return nip


def test_a_penalty_serving_today_keeps_a_reached_offer_from_eligible(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = s1(world, 871, "III/b", "2022-02-01")  # 4 years in rank reached on 1 February 2026
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_12", "effective_date": "2025-06-01"}
    recorded(world, nip, "penalty", penalty | {"end_date": "2026-05-31", "reference": "HD-1"}, date(2026, 1, 20))
    world.catch_up()
    item = regular_offer(world, nip)
    # judged for the first date past the penalty, on which nothing is missing: it comes then, not today
    assert (item["judged_on"], item["next_date"], item["next_date_basis"]) == ("2026-06-01", "2026-06-01", "bar")
    assert (item["missing"], item["reached"]) == ([], False)  # (reached: true until 2026-12-07, the penalty standing)
    assert item["decision"] == "to_come"
    english, indonesian = page_text(world, nip), page_text(world, nip, "id")
    assert "(reached)" not in english
    assert "bars a promotion until then: the first promotion date after it is Jun 1, 2026." in english
    assert "(sudah tercapai)" not in indonesian


def test_met_on_is_of_the_first_date_judged_when_a_year_rated_below_moves_it(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = s1(world, 872, "III/b", "2019-04-01", "BUTUH_PERBAIKAN")  # 4 years reached on 1 April 2023
    world.catch_up()
    item = regular_offer(world, nip)
    assert (item["judged_on"], item["next_date"], item["next_date_basis"]) == ("2028-02-01", "2028-02-01", "bar")
    # every date from 1 April 2023 to the last before 1 February 2026 read years rated Baik
    assert item["met_on"] == "2023-04-01"
    assert item["decision"] == "to_come"  # the 2025 rating bars today: not eligible from met_on


def test_an_offer_blocked_for_good_is_not_judged_for_a_later_date(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = s1(world, 873, "III/d", "2022-04-01", "BUTUH_PERBAIKAN")  # an S-1's ceiling is III/d: no date brings IV/a
    world.catch_up()
    item = regular_offer(world, nip)
    assert item["blocked"]["rule"] == "promotion.education_ceiling"
    assert (item["judged_on"], item["earliest_date"], item["next_date"]) == ("2026-04-01", "2026-04-01", None)
    assert JUDGED_LATER not in page_text(world, nip)


def test_an_offer_barred_by_unpaid_leave_is_not_judged_for_a_later_date(world: World) -> None:
    world.services.eligibility_view._today = date(2026, 12, 7)
    nip = s1(world, 874, "III/b", "2019-04-01", "BUTUH_PERBAIKAN")
    recorded(world, nip, "status_change", f.status("UNPAID_LEAVE", "2026-06-01"), date(2026, 6, 1))
    world.catch_up()
    item = regular_offer(world, nip)
    first = first_permitted(rules(), date(2026, 6, 1))
    assert first is not None
    assert item["judged_on"] == first.isoformat()  # not past the 2025 rating: no return to duty is known to come
    assert "promotion.legal_status" in item["missing"]
    assert item["next_date"] is None
    assert JUDGED_LATER not in page_text(world, nip)
