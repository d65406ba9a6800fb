"""The fairness page's CSV gives the impact ratio's 95% interval as two numbers a spreadsheet reads,
`impact_ratio_low` and `impact_ratio_high` in the interval's place, as the time-to-promotion CSV gives its intervals.
It was one text cell, "0.8378 0.8707" (the demo's women), which a spreadsheet can neither sort nor compare with 0.8."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import rates


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_fairness_csv_gives_the_impact_ratios_interval_as_two_number_cells(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = rates()
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: answer)
    log_in(world, "inspector")
    text = world.client.get("/pages/fairness.csv?by=sex&min_cell=1").get_data(as_text=True).lstrip("\ufeff")
    header = text.splitlines()[0].split(",")
    assert "impact_ratio_ci" not in header
    at = header.index("impact_ratio")
    assert header[at + 1 : at + 3] == ["impact_ratio_low", "impact_ratio_high"]
    assert (header[1], header[-1]) == ("eligible", "pool")
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(text))}
    [low, high] = next(g["impact_ratio_ci"] for g in answer["groups"] if g["group"] == "F")
    assert (float(rows["F"]["impact_ratio_low"]), float(rows["F"]["impact_ratio_high"])) == (low, high)
    assert (rows["M"]["impact_ratio_low"], rows["M"]["impact_ratio_high"]) == ("", "")  # the reference: none
