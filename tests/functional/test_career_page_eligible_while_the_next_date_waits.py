"""An employee who met every requirement for the promotion dates gone by reads so on the career page when the date
judged asks only what is not due yet (found by an exploratory tester, 2026-12-06, on 197509082001011001 of the demo
of seed 3). The requirements are judged for the first promotion date after the record's last day (its latest
effective or recording day): a training recorded today moved that date from one gone by to the next one to come,
which reads this year's SKP, not due before 1 January. The page then said "Earliest date: ... (passed, but not every
requirement is met: see below)" above "the employee met every requirement for ..." (`met_on`): an eligible employee
read as not eligible because a fact had been recorded. With every item still open not due yet and `met_on` given, it
says the employee has been eligible from that date, as the API's `met_on` and `standing` do. Both stores."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from careerlog.application import Migration
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_next_date_after_penalty import regular_offer

TODAY = date(2025, 12, 6)  # after the year's last promotion date (1 December): the next one, 1 February, reads 2025


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def recorded(world: World, nip: str, kind: str, payload: dict[str, Any], on: date) -> None:
    """A fact recorded on `on` (as a migration reproduces it: the record's last day is the view's, not the clock's)."""
    at = datetime(on.year, on.month, on.day, 3, tzinfo=UTC)
    migration = Migration(recorded_at=at, recorded_by="legacy")
    world.services.ledger.record(nip, kind, payload, actor="legacy", migration=migration)


def eligible_clerk(world: World, sequence: int) -> str:
    """An S-1 at III/b since 1 April 2019 (4 years reached on 1 April 2023), confirmed, rated Baik to 2024, the
    facts recorded by 2025-01-10."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "M", sequence=sequence)
    recorded(world, nip, "appointment", appointment_of(nip, rank="III/a"), date(2010, 3, 5))
    recorded(world, nip, "confirmation", f.confirmation("2011-03-01"), date(2011, 3, 5))
    recorded(world, nip, "rank_promotion", f.promotion("III/b", "2019-04-01"), date(2019, 4, 5))
    for year in range(2010, 2025):
        recorded(world, nip, "performance_rating", f.rating(year), date(year + 1, 1, 10))
    return nip


@pytest.mark.parametrize(
    ("lang", "eligible", "passed"),
    [
        (
            "en",
            "Earliest date, gone by: Apr 1, 2023 (reached: every requirement has been met from Apr 1, 2023; what is"
            " still open is not due yet: see below)",
            "(not every requirement is met: see below)",
        ),
        (
            "id",
            "Tanggal paling awal, sudah lewat: 1 Apr 2023 (sudah tercapai: semua persyaratan terpenuhi sejak 1 Apr"
            " 2023; yang masih terbuka belum jatuh tempo: lihat di bawah)",
            "(belum semua persyaratan terpenuhi: lihat di bawah)",
        ),
    ],
)
def test_a_fact_recorded_today_leaves_an_eligible_employee_eligible(
    world: World, lang: str, eligible: str, passed: str
) -> None:
    world.services.eligibility_view._today = TODAY
    nip = eligible_clerk(world, 861)
    world.catch_up()
    before = regular_offer(world, nip)
    assert (before["judged_on"], before["missing"], before["reached"]) == ("2025-02-01", [], True)
    assert "(reached)" in page_text(world, nip)  # judged on a day gone by, every requirement met
    # an unrelated training recorded today: judged for 1 February 2026, which asks the 2025 SKP, not due yet
    recorded(world, nip, "training", f.training("2025-12-05", hours=8, start="2025-12-04"), TODAY)
    world.catch_up()
    item = regular_offer(world, nip)
    assert (item["judged_on"], item["missing"], item["met_on"]) == (
        "2026-02-01",
        ["promotion.performance"],
        "2023-04-01",
    )
    assert {r["standing"] for r in item["requirements"] if r["outcome"] == "missing"} == {"not_due"}
    text = page_text(world, nip, lang)
    assert eligible in text
    assert passed not in text


def test_an_item_not_met_still_reads_passed_but_not_met(world: World) -> None:
    """A rating missing that is due (overdue, not merely to come) keeps the wording of commit 75754312."""
    world.services.eligibility_view._today = date(2026, 3, 2)
    nip = eligible_clerk(world, 862)
    recorded(world, nip, "training", f.training("2025-12-05", hours=8, start="2025-12-04"), TODAY)
    world.catch_up()
    item = regular_offer(world, nip)
    assert "not_met" in {r["standing"] for r in item["requirements"] if r["outcome"] == "missing"}
    text = page_text(world, nip)
    assert "(not every requirement is met: see below)" in text
    assert "(reached: every requirement has been met" not in text
