"""The fairness page shows an impact ratio and its interval's bounds to two places, as the scorecard shows impact
ratios, with more only where two would read it on the other side of the rule's threshold (0.7996 reads 0.7996 beside
its flag "under 0.8"); the API and the downloads keep the answer's figures.

Until 2026-12-07 the page showed the ratio with every place the answer gave (four, 0.8509) and its bounds with three
(0.838-0.871), the scorecard two: three formats of one figure."""

from __future__ import annotations

from typing import Any

import pytest

from projections.merit.fairness import FOUR_FIFTHS
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_impact_ratio_beside_its_flag import rates_of


def with_women(ratio: float, low: float, high: float) -> dict[str, Any]:
    """The selection rates of a round of 10,000 men and 10,000 women, the women's impact ratio and interval as given
    (as if: the page shows what the answer says)."""
    found = rates_of([("2024-04-01", "M", 10_000, 5_000), ("2024-04-01", "F", 10_000, 4_500)])
    for group in found["groups"]:
        if group["group"] == "F":
            group.update(impact_ratio=ratio, impact_ratio_ci=[low, high], adverse_impact=ratio < FOUR_FIFTHS)
    return found


@pytest.mark.parametrize(
    ("lang", "ratio", "bounds", "shown"),
    [
        ("en", 0.8509, (0.8378, 0.8707), ("0.85", "0.84\u20130.87")),
        ("id", 0.8509, (0.8378, 0.8707), ("0,85", "0,84\u20130,87")),
        ("en", 0.7996, (0.7512, 0.8499), ("0.7996", "0.75\u20130.85")),  # (0.80 would read it at the threshold)
        ("en", 0.9, (0.8, 1.0), ("0.90", "0.80\u20131.00")),
    ],
)
def test_the_fairness_page_shows_impact_ratios_to_two_places(
    world: World, monkeypatch: pytest.MonkeyPatch, lang: str, ratio: float, bounds: tuple[float, float], shown: Any
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: with_women(ratio, *bounds))
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: None)
    log_in(world, "inspector")
    page = world.client.get(f"/pages/fairness?lang={lang}").get_data(as_text=True)
    assert f"<td>{shown[0]}</td>" in page
    assert f"<td>{shown[1]}</td>" in page
