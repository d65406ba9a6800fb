"""The requirements the career page lists under "Next promotion date" (and the API's `requirements`, `missing`,
`judged_on`) are judged for that date. A clerk rated Butuh Perbaikan last year cannot be promoted before the first
promotion date past the years that read it (two years after, for a 101), nor one under a penalty before the first date
after it: the requirements are those of that later date, not of the first promotion date after the record's last
day, which asked last year's rating again though no later date reads it. Found by an exploratory tester (2026-12-07):
demo employee 198010142010011001 read "Next promotion date: Feb 1, 2028" above "SKP ... needed for 2025, 2026" (2025
already rated below Baik, read by no date in 2028) and "Service exam I ... must be passed by Feb 1, 2027". What moved
the date is said apart, beside the requirements. Both stores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date

from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests.functional.conftest import World
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_next_date_after_a_year_rated_below import clerk
from tests.functional.test_next_date_after_penalty import after, penalised, regular_offer
from tests.functional.test_time_to_promotion_from_after_today import this_year


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def test_the_requirements_are_judged_for_the_next_promotion_date_past_a_year_rated_below(world: World) -> None:
    nip, _ = clerk(world, 823, "BUTUH_PERBAIKAN")
    year = this_year()
    clear = first_permitted(rules(), date(year + 2, 1, 1))
    assert clear is not None
    item = regular_offer(world, nip)
    assert (item["next_date"], item["next_date_basis"], item["judged_on"]) == (clear.isoformat(), "bar", str(clear))
    (performance,) = [r for r in item["requirements"] if r["rule"] == "promotion.performance"]
    assert f"{year}, {year + 1}" in performance["message"], performance  # the two years before that date
    assert str(year - 1) not in performance["message"], performance
    assert item["decision"] == "to_come"  # what is open is this year's and next year's SKP, not due yet
    english = page_text(world, nip)
    day = format_date(clear, "medium", "en")
    assert f"Next promotion date: {day}" in english
    assert f"Requirements judged on: {day} (the next promotion date: no promotion can come before it" in english
    why, listed = english.split("Why the next promotion date is not earlier:")[1].split("Still missing:")
    assert f"SKP {year - 1}: Butuh Perbaikan, below Baik. Promotion dates up to Dec 31, {year + 1}" in why
    assert f"SKP {year - 1}" not in listed.split("All requirements")[0]
    assert f"SKP {year}: not due yet" in listed
    indonesian = page_text(world, nip, "id")
    assert "Mengapa tanggal kenaikan pangkat berikutnya tidak lebih awal" in indonesian
    assert "sehingga persyaratan dinilai untuk tanggal itu" in indonesian


def test_the_requirements_are_judged_for_the_next_promotion_date_past_a_penalty(world: World) -> None:
    nip, end = penalised(world, 824, "2014-04-01", None)
    item = regular_offer(world, nip)
    assert (item["next_date"], item["next_date_basis"], item["judged_on"]) == (str(after(end)), "bar", str(after(end)))
    assert "promotion.penalty" not in item["missing"]  # the date is after it
    (penalty,) = [r for r in item["requirements"] if r["rule"] == "promotion.penalty"]
    assert penalty["outcome"] == "met"
    english = page_text(world, nip)  # the penalty said apart, as what moved the date
    day = format_date(after(end), "medium", "en")
    assert f"bars a promotion until then: the first promotion date after it is {day}." in english
    # with nothing recorded since, once that date has gone by the page says it was the first a promotion could come on
    world.services.eligibility_view._today = after(end) + timedelta(days=70)
    english = page_text(world, nip)
    assert f"Requirements judged on: {day} . That day is past: it is the first promotion date after" in english
    assert "on which a promotion could come, and the requirements below are as they stood then" in english
    assert "yang memungkinkan kenaikan pangkat, dan syarat di bawah ini" in page_text(world, nip, "id")
