"""The fairness page's statistics and charts are kept per web worker (web.kept): the same page
asked again is not computed again (1.3-4 s of CPU a request at 2,000 employees, every request), and the kept
figures are never shown for what they were not computed from: an event recorded since, another day, another
scope or another language is computed (or drawn) anew. Both stores."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

TIMES = "/pages/time-to-promotion.csv?by=sex&min_cell=1"
PAGE = "/pages/fairness?by=sex&min_cell=1"
DEWI = f.nip(date(1991, 3, 3), date(2016, 3, 1), "F", sequence=731)  # KOTA-MEDAN, recorded during a test


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def computed(world: World, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each statistic was computed by the fairness queries."""
    counts: Counter[str] = Counter()
    view = world.services.fairness_view
    for name in ("fairness", "time_to_promotion"):
        original = getattr(view, name)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            counts[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(view, name, counted)
    log_in(world, "inspector")
    return counts


def main(page: str) -> str:
    """A page's own content (the header's log-out form carries a token signed with the time)."""
    return page[page.index("<main") : page.index("</main>")]


def waiting(world: World) -> dict[str, int]:
    """The rank spells counted per sex in the time-to-promotion table."""
    response = world.client.get(TIMES)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {row["group"]: int(row["n"]) for row in csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig")))}


def test_the_same_fairness_page_asked_again_is_answered_without_computing_it_again(
    world: World, computed: Counter[str]
) -> None:
    first = world.client.get(PAGE)
    again = world.client.get(PAGE)
    assert first.status_code == again.status_code == 200
    assert main(again.get_data(as_text=True)) == main(first.get_data(as_text=True))
    assert computed == {"fairness": 1, "time_to_promotion": 1}
    world.client.get(TIMES)  # the page's table as CSV: the same statistic
    assert computed["time_to_promotion"] == 1


def test_an_event_recorded_since_is_counted_not_answered_from_the_kept_figures(
    world: World, computed: Counter[str]
) -> None:
    before = waiting(world)
    page_before = main(world.client.get(PAGE).get_data(as_text=True))
    world.services.ledger.record(DEWI, "appointment", appointment_of(DEWI, name="Dewi Lubis"), actor="test")
    world.catch_up()
    after = waiting(world)
    assert after == {**before, "F": before["F"] + 1}
    assert main(world.client.get(PAGE).get_data(as_text=True)) != page_before
    assert computed["time_to_promotion"] == 2


def test_another_day_is_judged_anew(world: World, computed: Counter[str]) -> None:
    view = world.services.fairness_view
    view._today = date(2026, 12, 1)
    waiting(world)
    waiting(world)
    view._today = date(2026, 12, 1) + timedelta(days=1)
    waiting(world)
    assert computed["time_to_promotion"] == 2


def test_each_scope_has_its_own_figures(world: World, computed: Counter[str]) -> None:
    region = waiting(world)  # the inspector of region 12: Budi, Sari (Kota Medan) and Rina (Kab. Karo)
    medan = World(world.app, world.app.test_client(), world.services, world.tokens)
    log_in(medan, "inspector_medan")
    assert waiting(medan) == {"F": region["F"] - 1, "M": region["M"]}  # not Rina


def test_a_chart_is_drawn_in_the_language_asked_for_from_the_same_figures(world: World, computed: Counter[str]) -> None:
    english = world.client.get(f"{PAGE}&lang=en").get_data(as_text=True)
    indonesian = world.client.get(f"{PAGE}&lang=id").get_data(as_text=True)
    assert "Selection rate per group" in english
    assert "Tingkat seleksi per kelompok" in indonesian
    assert "Selection rate per group" not in indonesian
    assert computed == {"fairness": 1, "time_to_promotion": 1}
