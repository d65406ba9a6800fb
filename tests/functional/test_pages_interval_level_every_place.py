"""The fairness page and its workbook write the impact ratio's interval level, 1 - alpha, and the alpha itself with
every place they hold: at an alpha of 0.0005 the column reads "99.95% interval" (Indonesian "Interval 99,95%") and
the footnote "significant at 0.05%". Written as a share (one place) they read "100% interval" and "significant at
0%". Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_impact_ratio_interval_level import served_at
from tests.functional.test_pages_xlsx_downloads import headed


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def at_a_tiny_alpha(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    return served_at(world, monkeypatch, 0.0005)


def test_the_fairness_page_writes_the_level_and_alpha_with_every_place(at_a_tiny_alpha: World) -> None:
    page = at_a_tiny_alpha.client.get("/pages/fairness?by=sex&lang=en").get_data(as_text=True)
    assert '<th scope="col">Impact ratio</th><th scope="col">99.95% interval</th>' in page
    assert "* significant at 0.05%." in page
    assert "100% interval" not in page
    indonesian = at_a_tiny_alpha.client.get("/pages/fairness?by=sex&lang=id").get_data(as_text=True)
    assert '<th scope="col">Rasio dampak</th><th scope="col">Interval 99,95%</th>' in indonesian


def test_the_fairness_workbook_names_the_level_with_every_place(at_a_tiny_alpha: World) -> None:
    named = headed(at_a_tiny_alpha, "/pages/fairness.xlsx?by=sex&min_cell=1&lang=en")
    assert named["impact_ratio_low"] == "Impact ratio: low end of the 99.95% interval"
