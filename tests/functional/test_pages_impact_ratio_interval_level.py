"""The fairness page and its downloads name the level of the impact ratio's interval, 1 - alpha of rule
fairness.adverse_impact: at an alpha of 0.01 the column reads "99% interval" and the workbook's bounds "Impact ratio:
low end of the 99% interval" (Indonesian "interval 99%"), the bounds the 99% ones. They said 95% whatever alpha, as
the interval was. Time to promotion's intervals are at the same level (its answer's `ci_level`) and say so: they
were 95% ones whatever alpha until 2026-12-05."""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd
import pytest

from projections.merit.fairness import CORRECTION, FOUR_FIFTHS, selection_rates
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import times
from tests.functional.test_pages_xlsx_downloads import headed


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rates_at(alpha: float) -> dict[str, Any]:
    cells = [("2024-04-01", "F", 40, 12), ("2024-04-01", "M", 80, 48)]  # fairness-methods.md's EEOC example
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in cells]
    )
    header = {"by": ["sex"], "period": {"from": None, "to": None}, "scope": {}, "min_cell": 5}
    answer = selection_rates(frame, alpha=alpha)
    return {**header, "correction": CORRECTION, "four_fifths": FOUR_FIFTHS, "alpha": alpha, **answer}


def served_at(world: World, monkeypatch: pytest.MonkeyPatch, alpha: float) -> World:
    """The world whose fairness answers are rates_at(alpha), an inspector signed in."""
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates_at(alpha))
    at_level = {**times(), "alpha": alpha, "ci_level": round(1 - alpha, 12)}
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: at_level)
    log_in(world, "inspector")
    return world


@pytest.fixture
def at_one_percent(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    return served_at(world, monkeypatch, 0.01)


def test_the_fairness_page_heads_the_interval_by_its_level(at_one_percent: World) -> None:
    page = at_one_percent.client.get("/pages/fairness?by=sex&lang=en").get_data(as_text=True)
    assert '<th scope="col">Impact ratio</th><th scope="col">99% interval</th>' in page
    assert "<td>0.26\u20130.97</td>" in page  # the 99% bounds, not the 95% ones (0.30 to 0.83), to two places
    assert page.count('<th scope="col">99% interval</th>') == 3  # the impact ratio's; time to promotion's by 4 and 8
    assert '<th scope="col">95% interval</th>' not in page
    indonesian = at_one_percent.client.get("/pages/fairness?by=sex&lang=id").get_data(as_text=True)
    assert '<th scope="col">Rasio dampak</th><th scope="col">Interval 99%</th>' in indonesian


@pytest.mark.parametrize(
    ("lang", "low", "high"),
    [
        ("en", "Impact ratio: low end of the 99% interval", "Impact ratio: high end of the 99% interval"),
        ("id", "Rasio dampak: batas bawah interval 99%", "Rasio dampak: batas atas interval 99%"),
    ],
)
def test_the_fairness_workbook_names_the_intervals_level(at_one_percent: World, lang: str, low: str, high: str) -> None:
    named = headed(at_one_percent, f"/pages/fairness.xlsx?by=sex&min_cell=1&lang={lang}")
    assert (named["impact_ratio_low"], named["impact_ratio_high"]) == (low, high)
    text = at_one_percent.client.get("/pages/fairness.csv?by=sex&min_cell=1").get_data(as_text=True).lstrip("\ufeff")
    women = next(row for row in csv.DictReader(io.StringIO(text)) if row["group"] == "F")
    assert (women["impact_ratio_low"], women["impact_ratio_high"]) == ("0.2571", "0.9723")


def test_the_api_answer_names_the_intervals_level(at_one_percent: World) -> None:
    body = at_one_percent.get("/api/v1/audits/fairness?by=sex&min_cell=1", "inspector").get_json()
    assert (body["alpha"], body["impact_ratio_ci_level"]) == (0.01, 0.99)
    women = next(g for g in body["groups"] if g["group"] == "F")
    assert women["impact_ratio_ci"] == [0.2571, 0.9723]


def test_the_time_to_promotion_workbook_names_the_intervals_level(
    at_one_percent: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = {**times(), "alpha": 0.01, "ci_level": 0.99}
    answer["groups"] = [{**g, "incidence_4y": 0.5, "incidence_4y_ci": [0.4, 0.6]} for g in answer["groups"]]
    monkeypatch.setattr(at_one_percent.services, "time_to_promotion", lambda *args, **kwargs: answer)
    named = headed(at_one_percent, "/pages/time-to-promotion.xlsx?by=sex&min_cell=1&lang=en")
    assert named["incidence_4y_low"] == "Promoted by 4 years: low end of the 99% interval"
