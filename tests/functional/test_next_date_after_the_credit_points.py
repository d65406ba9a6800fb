"""The next promotion date is not before the credit points could be reached (found by an exploratory tester,
2026-12-06, as `pegawai` of the demo: an Ahli Madya at IV/a since 1 February 2026). The career page and the API
(`next_date`) gave 1 February 2028, the time in rank alone, while the page said 150 credit points were still needed at
37.5 a year rated Baik, 56.25 Sangat Baik: by 1 February 2028 only 2026 and 2027 are counted, 112.5 at most, so that
date could not bring the promotion whatever is recorded. The view now keeps the first promotion date on which the
credit could be reached, every year not rated yet rated Sangat Baik (`credit_from`, merit view 54); `next_date` is not
before it, and `next_date_basis` says what sets it (`credit_points`), as the page does. Both stores."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_time_to_promotion_from_after_today import this_year


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def ahli_madya(world: World, sequence: int, rated: str, since: int | None = None) -> str:
    """An Ahli Madya (150 credit points a step, 37.5 a year rated Baik, 56.25 Sangat Baik) at IV/a since 1 February
    of `since` (last year's) by a 202, rated Baik every year before last, last year rated `rated`, this year not yet
    rated."""
    last = this_year() - 1  # (read when the test runs)
    since = last if since is None else since
    nip = f.nip(date(1976, 9, 20), date(2008, 1, 1), "F", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    ledger.record(nip, "confirmation", f.confirmation("2009-01-01"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MADYA", "title": "Analis Ahli Madya", "unit": "Bappeda"}
    post |= {"assignment": "DEFINITIVE", "effective_date": f"{since - 1}-06-01", "reference": f"SK-JF-{sequence}"}
    ledger.record(nip, "post_appointment", post, actor="test")
    for rank, day in (("III/b", "2012-04-01"), ("III/c", "2016-04-01"), ("III/d", "2020-04-01")):
        ledger.record(nip, "rank_promotion", f.promotion(rank, day), actor="test", confirmed=["promotion.one_step"])
    ledger.record(nip, "rank_promotion", f.promotion("IV/a", f"{since}-02-01", kind="202"), actor="test")
    for year in range(2008, last):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    ledger.record(nip, "performance_rating", f.rating(last, rated), actor="test")
    world.catch_up()
    return nip


def offer(world: World, nip: str) -> dict[str, str]:
    (item,) = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    return item


def test_the_next_date_waits_for_the_credit_points_at_the_best_rate(world: World) -> None:
    nip = ahli_madya(world, 871, "BAIK")
    since = this_year() - 1  # IV/a since 1 February last year: 2 years in rank reached on 1 February next year
    item = offer(world, nip)
    assert (item["kind"], item["new_rank"], item["earliest_date"]) == ("202", "IV/b", f"{since + 2}-02-01")
    # by then: last year's 37.5 and this year's 56.25 at most; a year more, 150: the first date reaching the credit
    assert item["credit_from"] == f"{since + 3}-02-01"
    assert (item["next_date"], item["next_date_basis"]) == (f"{since + 3}-02-01", "credit_points")
    day = date(since + 3, 2, 1)
    english = page_text(world, nip)
    assert (
        f"Next promotion date: {format_date(day, 'medium', 'en')} (the first on which the credit points can be"
        " reached, every year not rated yet rated Sangat Baik; at a lower rating it comes later: see below)"
    ) in english
    assert f"Tanggal kenaikan pangkat berikutnya: {format_date(day, 'medium', 'id')} (tanggal pertama angka kredit" in (
        page_text(world, nip, "id")
    )


def test_credit_points_met_leave_the_next_date_to_the_time_in_rank_and_today(world: World) -> None:
    """IV/a since four years before last year's 1 February, every year since rated Baik: 5 x 37.5 reach the 150 on
    the date judged; no credit date, and the next date is the first permitted from today (its earliest gone by)."""
    nip = ahli_madya(world, 872, "BAIK", since=this_year() - 5)
    item = offer(world, nip)
    assert item["reached"] is True
    assert "promotion.credit_points" not in item["missing"]
    assert item["credit_from"] is None
    assert item["next_date_basis"] == "today"
    assert "the first on which the credit points can be reached" not in page_text(world, nip)
