"""The fairness page counted by person says what its rates mean: the share of each group's people promoted at least
once in the period, which over a long period comes near 100% for every group and says nothing of who waited longer.

An inspector choosing "each person once in the period" read 100% for both sexes with no word of why (docs/fairness.md,
"Counted by person": on the 2,000 demo by sex F 582 of 583 against M 437 of 437, where by round the women's rate is
0.869 and the men's 0.993). The figure is right for its question; the page now says what it answers, beside the rates,
in the visitor's language, and points to the count by round and the time to promotion. Counted by round (the
default), no such note. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_audits_and_reports import promote_rina
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_rates_counted_by_person_say_what_they_mean(world: World) -> None:
    promote_rina(world)
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?by=sex&count=person&lang=en").get_data(as_text=True)
    assert 'id="count-person"' in page
    assert "the share of its people promoted at least once in the period" in page
    assert "come near 100% for every group" in page
    indonesian = world.client.get("/pages/fairness?by=sex&count=person&lang=id").get_data(as_text=True)
    assert "setidaknya sekali dalam rentang tanggal itu" in indonesian


def test_the_rates_counted_by_round_carry_no_such_note(world: World) -> None:
    promote_rina(world)
    log_in(world, "inspector")
    for query in ("by=sex", "by=sex&count=round"):
        assert 'id="count-person"' not in world.client.get(f"/pages/fairness?{query}&lang=en").get_data(as_text=True)
