"""The next promotion date is not a day a known penalty still bars (found by helper emphunt, 2026-12-03).

A medium penalty with its end recorded bars a promotion until that end (rule promotion.penalty). The career page said
"The penalty runs until <end>; the first promotion date after it is <day>", but the eligibility answer's `next_date`
(and the page's own "Next promotion date", read from it) gave the first permitted date from today, months earlier,
on which the penalty still bars the promotion: an employee planning on it, or a client reading the API, was told a day
they cannot be promoted on.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date
from dateutil.relativedelta import relativedelta

from careerlog.domain.ledger import latest_today
from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def penalised(world: World, sequence: int, since: str, end: date | None) -> tuple[str, date]:
    """An S-1 at III/b since `since`, confirmed and rated Baik every year to last year, given a medium penalty (a 25%
    cut for 12 months) from the 1st of two months ago, its last day recorded as `end` (the kind's months when None).
    The NIP and the penalty's last day."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "F", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "2011-03-01", "reference": "SK-PNS-1", "latsar_certificate": "LATSAR-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/b", since), actor="test")
    for year in range(2010, latest_today().year):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    start = latest_today().replace(day=1) - relativedelta(months=2)
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_12", "effective_date": start.isoformat()}
    if end is not None:
        penalty["end_date"] = end.isoformat()
    ledger.record(nip, "penalty", penalty | {"reference": "HD-1"}, actor="test")
    world.catch_up()
    return nip, end or start + relativedelta(months=12, days=-1)


def regular_offer(world: World, nip: str) -> dict[str, str]:
    (item,) = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    return item


def after(day: date) -> date:
    """The first permitted promotion date after `day`."""
    found = first_permitted(rules(), day + timedelta(days=1))
    assert found is not None
    return found


def test_the_next_date_is_the_first_promotion_date_after_a_recorded_penalty_end(world: World) -> None:
    end = latest_today().replace(day=1) + relativedelta(months=8, days=-1)  # shorter than the kind's 12 months
    nip, end = penalised(world, 791, "2014-04-01", end)
    item = regular_offer(world, nip)
    assert item["judged_on"] == after(end).isoformat()  # the requirements are judged for the date after it (merit 62)
    assert item["reached"] is False  # the penalty holds it to that date (until 2026-12-07 true)
    assert item["next_date"] == after(end).isoformat()  # it was the first promotion date from today, under the penalty
    csv = world.get(f"/api/v1/employees/{nip}/eligibility?format=csv", "admin").get_data(as_text=True)
    assert after(end).isoformat() in csv.splitlines()[1].split(",")
    # the page's next promotion date is that day, the one it says comes first after the penalty
    day = format_date(after(end), "medium", "en")
    english = page_text(world, nip)
    assert f"Next promotion date: {day}" in english
    assert f"the first promotion date after it is {day}." in english
    indonesian = page_text(world, nip, "id")
    assert f"Tanggal kenaikan pangkat berikutnya: {format_date(after(end), 'medium', 'id')}" in indonesian
    # with nothing recorded since, the penalty ended by a later day: the next date is the first from that day
    world.services.eligibility_view._today = later = end + timedelta(days=70)
    item = regular_offer(world, nip)
    assert item["judged_on"] == after(end).isoformat()  # (judged for the first date after the penalty, now gone by)
    assert item["next_date"] == first_permitted(rules(), later).isoformat()


def test_a_penalty_ending_after_an_earliest_date_to_come_moves_the_next_date_past_it(world: World) -> None:
    """The time in rank is reached on a promotion date still to come, within the penalty (its end from the kind's 12
    months): the page gives the earliest date and, as the next promotion date, the first after the penalty."""
    since = first_permitted(rules(), latest_today() - relativedelta(years=4) + timedelta(days=1))
    assert since is not None
    nip, end = penalised(world, 792, since.isoformat(), None)
    item = regular_offer(world, nip)
    earliest = date.fromisoformat(item["earliest_date"])
    assert item["reached"] is False
    assert earliest < end
    assert item["next_date"] == after(end).isoformat()  # it was the earliest date, which the penalty bars
    english = page_text(world, nip)
    assert f"Earliest date: {format_date(earliest, 'medium', 'en')}" in english
    assert f"Next promotion date: {format_date(after(end), 'medium', 'en')}" in english


def test_the_earliest_date_passed_under_a_penalty_is_not_said_reached(world: World) -> None:
    """Found by an exploratory tester (2026-12-05): an employee barred by a penalty until Feb 1, 2028 read "Earliest
    date: Apr 1, 2026 (reached)" above the penalty: good news the lines below took back."""
    nip, end = penalised(world, 792, "2014-04-01", None)
    assert regular_offer(world, nip)["reached"] is False  # (until 2026-12-07 true, the penalty standing)
    english, indonesian = page_text(world, nip), page_text(world, nip, "id")
    assert "(reached)" not in english
    # the requirements are judged for the first date after the penalty (merit 62), which asks this year's SKP, not due
    # yet: the promotion can come then once it is met (it read "not every requirement is met", the penalty missing on
    # a date before it, on which no promotion could come)
    day = format_date(after(end), "medium", "en")
    assert f"(what is still open is not due yet: see below; once it is met, the promotion can come on {day})" in english
    assert "(sudah tercapai)" not in indonesian
    assert "yang masih terbuka belum jatuh tempo: lihat di bawah; setelah terpenuhi" in indonesian
