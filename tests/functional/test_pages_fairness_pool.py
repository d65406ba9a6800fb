"""The fairness page's counts add up and name what they count: its 'Eligible' column was the pool, which also
holds those promoted though not eligible (the demo: 'Eligible 2,880' women, of whom 97 were promoted out of rule
and 2,783 eligible), and the out-of-rule promotions were not shown at all; the reference group read as its code
('Reference group: M.') beside groups named 'Laki-laki (M)'; the log-rank test read 'p = < 0.001'."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from projections.merit.fairness import ALPHA, CORRECTION, FOUR_FIFTHS, selection_rates
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def rates() -> dict[str, Any]:
    cells = [("2024-04-01", "F", 120, 60, 7), ("2024-04-01", "M", 100, 90, 3)]
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": o} for d, g, n, s, o in cells]
    )
    header = {"by": ["sex"], "period": {"from": None, "to": None}, "scope": {}, "min_cell": 5}
    return {**header, "correction": CORRECTION, "four_fifths": FOUR_FIFTHS, "alpha": ALPHA, **selection_rates(frame)}


def times() -> dict[str, Any]:
    group = {"group": "F", "n": 10, "promoted": 5, "censored": 5, "separated": 1, "suppressed": False}
    group |= {"median_years": 4.0, "curve": [], "incidence_4y": None, "incidence_8y": None}
    return {"by": ["sex"], "groups": [group], "logrank": {"chi2": 20.5, "p": 0.0000061, "df": 1}}


@pytest.fixture
def fairness_page(world: World, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: times())
    log_in(world, "inspector")
    return world.client.get("/pages/fairness?lang=en").get_data(as_text=True)


def test_the_pool_is_named_as_such_and_the_promotions_out_of_rule_are_shown(fairness_page: str) -> None:
    assert '<th scope="col">In the pool</th>' in fairness_page
    assert '<th scope="col">of whom promoted though not eligible</th>' in fairness_page
    assert "<td>120</td><td>60</td><td>7</td>" in fairness_page  # pool, promoted, of whom out of rule
    assert "those promoted though not eligible" in fairness_page


def test_the_reference_group_is_named_as_the_groups_are(fairness_page: str) -> None:
    assert "Reference group: Male (M)." in fairness_page  # in English on an English page (labels.GROUP_LABELS)


def test_a_small_log_rank_p_reads_less_than_not_equals_less_than(fairness_page: str) -> None:
    assert "p &lt; 0.001" in fairness_page
    assert "p = &lt;" not in fairness_page
