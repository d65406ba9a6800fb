"""An earliest date gone by that a year rated below the minimum held says so (exploratory pass of 2026-12-07, demo
NIPs 197412192009021001 and 198104092012041001): a clerk whose SKP 2024 was rated Butuh Perbaikan read "Earliest date,
gone by: Apr 1, 2025 (what is still open is not due yet ...; once it is met, the promotion can come on Feb 1, 2027)",
as if nothing had been missing on that date, though every promotion date from it to December 2026 failed on that
rating, which the page named nowhere. The line now says what held it, in English and Indonesian; a clerk rated Baik
throughout reads no such thing. A disciplinary penalty served on that date is said too (exploratory pass of 2026-12-08,
demo NIP 199003162021032001: a medium penalty from 9 February 2025 to 8 February 2026 went unsaid beside the ratings).
The facts are recorded on fixed days (as a migration reproduces them). Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded
from tests.functional.test_next_date_after_penalty import regular_offer

TODAY = date(2026, 12, 7)
HELD = "Earliest date, gone by: Apr 1, 2025 (not every requirement was met then: SKP 2024 was rated below Baik;"
HELD_ID = (
    "Tanggal paling awal, sudah lewat: 1 Apr 2025 (ada persyaratan yang tidak terpenuhi pada tanggal itu: SKP 2024 "
    "dinilai di bawah Baik;"
)


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def clerk(world: World, sequence: int, rated_2024: str, penalty: dict[str, str] | None = None) -> str:
    """An S-1 at III/b since 1 April 2021 (4 years reached on 1 April 2025), confirmed, rated Baik 2010-2023 and 2025
    and `rated_2024` for 2024, given `penalty` (recorded on its first day) when one is given: the NIP."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "M", sequence=sequence)
    recorded(world, nip, "appointment", appointment_of(nip, rank="III/a"), date(2010, 3, 5))
    recorded(world, nip, "confirmation", f.confirmation("2011-03-01"), date(2011, 3, 5))
    recorded(world, nip, "rank_promotion", f.promotion("III/b", "2021-04-01"), date(2021, 4, 1))
    for year in range(2010, 2026):
        rated = rated_2024 if year == 2024 else "BAIK"
        recorded(world, nip, "performance_rating", f.rating(year, rated), date(year + 1, 1, 10))
    if penalty is not None:
        recorded(world, nip, "penalty", penalty, date.fromisoformat(penalty["effective_date"]))
    world.catch_up()
    return nip


def test_an_earliest_date_gone_by_says_the_year_rated_below_that_held_it(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = clerk(world, 891, "BUTUH_PERBAIKAN")
    item = regular_offer(world, nip)
    assert (item["earliest_date"], item["judged_on"], item["decision"]) == ("2025-04-01", "2027-02-01", "to_come")
    english = page_text(world, nip)
    assert HELD in english
    assert "once it is met, the promotion can come on Feb 1, 2027)" in english  # (what was said stays, after it)
    assert HELD_ID in page_text(world, nip, "id")


def test_an_earliest_date_gone_by_with_every_year_rated_baik_says_nothing_held_it(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = clerk(world, 892, "BAIK")
    assert regular_offer(world, nip)["earliest_date"] == "2025-04-01"
    english = page_text(world, nip)
    assert "Earliest date, gone by: Apr 1, 2025" in english
    assert "not every requirement was met then" not in english


MEDIUM = {
    "level": "MEDIUM",
    "penalty_kind": "POTONG_TUKIN_12",
    "effective_date": "2025-02-09",
    "end_date": "2026-02-08",
    "reference": "HD-2025-1",
}


def test_an_earliest_date_gone_by_says_the_penalty_served_on_it(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = clerk(world, 893, "BAIK", MEDIUM)
    assert regular_offer(world, nip)["earliest_date"] == "2025-04-01"
    english = page_text(world, nip)
    assert (
        "Earliest date, gone by: Apr 1, 2025 (not every requirement was met then: a disciplinary penalty barred "
        "promotion until Feb 8, 2026" in english
    )
    assert "SKP 2024 was rated below" not in english
    assert (
        "Tanggal paling awal, sudah lewat: 1 Apr 2025 (ada persyaratan yang tidak terpenuhi pada tanggal itu: hukuman "
        "disiplin menghalangi kenaikan pangkat sampai 8 Feb 2026" in page_text(world, nip, "id")
    )


def test_an_earliest_date_gone_by_says_both_the_rating_and_the_penalty_that_held_it(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = clerk(world, 894, "BUTUH_PERBAIKAN", MEDIUM)
    english = page_text(world, nip)
    assert HELD + " a disciplinary penalty barred promotion until Feb 8, 2026;" in english
    assert HELD_ID + " hukuman disiplin menghalangi kenaikan pangkat sampai 8 Feb 2026;" in page_text(world, nip, "id")
