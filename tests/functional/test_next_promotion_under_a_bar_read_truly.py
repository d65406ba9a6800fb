"""An offer whose earliest date has come while a bar whose end the record gives (a disciplinary penalty) or the credit
points hold the promotion to a next promotion date still to come is read as what it is (reviews of 2026-12-07):

- the career page no longer says "Every requirement is met." below the penalty, as if the employee could be promoted
  today: the requirements are met for the next promotion date, once the bar is over (English and Indonesian);
- the API's `reached` says whether the offer's date has come: false while the bar holds it to a date still to come
  (it stayed true from the earliest date on), true again once that date has come; the page still says the earliest
  date is gone by;
- a functional employee barred by a penalty and short of credit points until a later date (`next_date_basis`
  credit_points, the later of the two) is held to that date as under a bar alone: not `reached`, `decision` to_come,
  and the page says the penalty too.

The facts are recorded on fixed days (as a migration reproduces them), so the record's last day is the view's, not
the clock's. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.eligibility import decision
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded
from tests.functional.test_next_date_after_penalty import regular_offer
from tests.functional.test_next_promotion_judged_later_keeps_what_stands_today import s1

TODAY = date(2026, 3, 10)
PENALTY = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_12", "effective_date": "2025-06-01"}
MET_LATER = (
    "Every requirement is met for Jun 1, 2026, the next promotion date, once what bars a promotion until then (see "
    "above) is over."  # (until 2026-12-07 it said again "no promotion can come before that date", as the line above)
)
NEXT_AFTER = "2026-08-01"  # the first promotion date after 1 June 2026
MET_LATER_ID = "Semua syarat terpenuhi untuk 1 Jun 2026, tanggal kenaikan pangkat berikutnya, setelah hal yang"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def penalised_clerk(world: World, sequence: int) -> str:
    """An S-1 at III/b since 1 February 2022 (4 years reached on 1 February 2026), rated Baik, serving a medium
    penalty from 1 June 2025 to 31 May 2026 (recorded on 20 January 2026): the NIP."""
    nip = s1(world, sequence, "III/b", "2022-02-01")
    recorded(world, nip, "penalty", PENALTY | {"end_date": "2026-05-31", "reference": "HD-1"}, date(2026, 1, 20))
    world.catch_up()
    return nip


def test_every_requirement_met_under_a_penalty_is_said_of_the_next_promotion_date(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = penalised_clerk(world, 881)
    item = regular_offer(world, nip)
    assert (item["judged_on"], item["missing"], item["decision"]) == ("2026-06-01", [], "to_come")
    english, indonesian = page_text(world, nip), page_text(world, nip, "id")
    assert "Every requirement is met." not in english
    assert MET_LATER in english
    assert "Semua syarat terpenuhi." not in indonesian
    assert MET_LATER_ID in indonesian
    # the date come, the penalty over: every requirement is met, no more said
    world.services.eligibility_view._today = date(2026, 6, 2)
    assert "Every requirement is met." in page_text(world, nip)
    assert MET_LATER not in page_text(world, nip)


def test_reached_is_false_while_a_penalty_holds_the_promotion_to_a_date_to_come(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = penalised_clerk(world, 882)
    item = regular_offer(world, nip)
    assert (item["earliest_date"], item["next_date"], item["next_date_basis"]) == ("2026-02-01", "2026-06-01", "bar")
    assert item["reached"] is False
    assert "Earliest date, gone by: Feb 1, 2026" in page_text(world, nip)  # (the earliest date itself is gone by)
    assert "Tanggal paling awal, sudah lewat: 1 Feb 2026" in page_text(world, nip, "id")
    world.services.eligibility_view._today = date(2026, 6, 1)  # the next promotion date come: the offer's date too
    item = regular_offer(world, nip)
    assert (item["reached"], item["next_date_basis"], item["decision"]) == (True, "today", "eligible")


def ahli_madya_penalised(world: World, sequence: int) -> str:
    """An Ahli Madya (150 credit points a step, 37.5 a year rated Baik) at IV/a since 1 February 2023 by a 202 (2
    years reached on 1 February 2025), rated Baik to 2025 (112.5 since 2023: 2026 rated Sangat Baik reaches the 150
    on 1 February 2027), serving a medium penalty from 1 June 2025 to 31 May 2026: the NIP."""
    nip = f.nip(date(1976, 9, 20), date(2008, 1, 1), "F", sequence=sequence)
    recorded(world, nip, "appointment", appointment_of(nip, rank="III/a"), date(2008, 1, 5))
    recorded(world, nip, "confirmation", f.confirmation("2009-01-01"), date(2009, 1, 5))
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MADYA", "title": "Analis Ahli Madya", "unit": "Bappeda"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2022-06-01", "reference": f"SK-JF-{sequence}"}
    recorded(world, nip, "post_appointment", post, date(2022, 6, 5))
    for rank, day in (("III/b", "2012-04-01"), ("III/c", "2016-04-01"), ("III/d", "2020-04-01")):
        recorded(world, nip, "rank_promotion", f.promotion(rank, day), date.fromisoformat(day))
    recorded(world, nip, "rank_promotion", f.promotion("IV/a", "2023-02-01", kind="202"), date(2023, 2, 5))
    for year in range(2008, 2026):
        recorded(world, nip, "performance_rating", f.rating(year), date(year + 1, 1, 10))
    recorded(world, nip, "penalty", PENALTY | {"end_date": "2026-05-31", "reference": "HD-2"}, date(2026, 1, 20))
    world.catch_up()
    return nip


def test_credit_points_short_past_a_penalty_hold_the_promotion_as_the_bar_does(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = ahli_madya_penalised(world, 883)
    item = regular_offer(world, nip)
    assert (item["kind"], item["earliest_date"]) == ("202", "2025-02-01")
    assert (item["credit_from"], item["next_date"], item["next_date_basis"]) == (
        "2027-02-01",
        "2027-02-01",
        "credit_points",
    )
    assert item["judged_on"] == "2027-02-01"
    assert item["reached"] is False
    assert item["decision"] == "to_come"
    english = page_text(world, nip)
    assert "The disciplinary penalty ends on May 31, 2026, its last day, and bars a promotion until then" in english
    assert "(reached" not in english


def test_reached_is_true_again_once_the_credit_points_next_date_has_come(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = ahli_madya_penalised(world, 884)
    assert (regular_offer(world, nip)["reached"], regular_offer(world, nip)["next_date"]) == (False, "2027-02-01")
    world.services.eligibility_view._today = date(2027, 2, 1)  # the date the credit points held it to
    item = regular_offer(world, nip)
    assert (item["next_date"], item["next_date_basis"], item["reached"]) == ("2027-02-01", "today", True)


def test_a_penalty_ending_on_a_promotion_day_holds_the_promotion_past_that_day(world: World) -> None:
    """The penalty's last day is 1 June 2026, a promotion day: that day lies inside it, so the next promotion date is
    the one after it, and the offer's date has not come on 1 June."""
    world.services.eligibility_view._today = TODAY
    nip = s1(world, 885, "III/b", "2022-02-01")
    recorded(world, nip, "penalty", PENALTY | {"end_date": "2026-06-01", "reference": "HD-3"}, date(2026, 1, 20))
    world.catch_up()
    item = regular_offer(world, nip)
    assert (item["next_date"], item["next_date_basis"]) == (NEXT_AFTER, "bar")
    assert (item["reached"], item["decision"]) == (False, "to_come")
    world.services.eligibility_view._today = date(2026, 6, 1)  # the penalty's last day: still barred
    item = regular_offer(world, nip)
    assert (item["next_date"], item["reached"], item["decision"]) == (NEXT_AFTER, False, "to_come")
    world.services.eligibility_view._today = date.fromisoformat(NEXT_AFTER)
    item = regular_offer(world, nip)
    assert (item["next_date"], item["next_date_basis"], item["reached"]) == (NEXT_AFTER, "today", True)


def ahli_madya_met_before_the_credit_rule(world: World, sequence: int) -> str:
    """An Ahli Madya at IV/a since 1 February 2020 by a 202 (2 years reached on 1 February 2022), rated Baik to 2022
    (recorded on 10 January 2023): every requirement met on the promotion dates of 2022, before promotion.credit_points
    is in force (2023-01-01); from 2023 its 150 credit points are short (112.5 since 2020), reached at the best rate
    with 2023's rating: the NIP."""
    nip = f.nip(date(1976, 9, 20), date(2005, 1, 1), "F", sequence=sequence)
    recorded(world, nip, "appointment", appointment_of(nip, rank="III/a"), date(2005, 1, 5))
    recorded(world, nip, "confirmation", f.confirmation("2006-01-01"), date(2006, 1, 5))
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MADYA", "title": "Analis Ahli Madya", "unit": "Bappeda"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2019-06-01", "reference": f"SK-JF-{sequence}"}
    recorded(world, nip, "post_appointment", post, date(2019, 6, 5))
    for rank, day in (("III/b", "2009-04-01"), ("III/c", "2013-04-01"), ("III/d", "2017-04-01")):
        recorded(world, nip, "rank_promotion", f.promotion(rank, day), date.fromisoformat(day))
    recorded(world, nip, "rank_promotion", f.promotion("IV/a", "2020-02-01", kind="202"), date(2020, 2, 5))
    for year in range(2005, 2023):
        recorded(world, nip, "performance_rating", f.rating(year), date(year + 1, 1, 10))
    world.catch_up()
    return nip


def test_credit_points_holding_the_promotion_turn_eligible_from_met_on_into_to_come(world: World) -> None:
    world.services.eligibility_view._today = date(2023, 1, 15)
    nip = ahli_madya_met_before_the_credit_rule(world, 886)
    item = regular_offer(world, nip)
    assert (item["kind"], item["earliest_date"], item["met_on"], item["judged_on"]) == (
        "202",
        "2022-04-01",
        "2022-04-01",  # every requirement met from then, before the credit rule was in force
        "2024-02-01",
    )
    assert (item["next_date"], item["next_date_basis"], item["credit_from"]) == (
        "2024-02-01",
        "credit_points",
        "2024-02-01",
    )
    open_ = {r["rule"]: r["standing"] for r in item["requirements"] if r["outcome"] == "missing" and r["enforced"]}
    assert open_ == {"promotion.performance": "not_due", "promotion.credit_points": "not_due"}
    # every requirement still open not due yet and met_on given: eligible_from_met_on, but for the credit points
    # holding it to 2024-02-01
    held = [r for r in item["requirements"] if r["outcome"] == "missing"]
    assert decision(None, True, item["missing"], item["met_on"], held) == "eligible_from_met_on"
    assert (item["decision"], item["reached"]) == ("to_come", False)
    assert "(reached: every requirement has been met" not in page_text(world, nip)
