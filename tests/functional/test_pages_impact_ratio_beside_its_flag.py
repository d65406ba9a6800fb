"""The fairness page shows an impact ratio with every place the answer gives it: 0.7996 read "0.8" (three places)
beside its badge "under 0.8"; and a Fisher p beside its star of significance so too where three places read 0.05."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from projections.merit.fairness import ALPHA, CORRECTION, FOUR_FIFTHS, selection_rates
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def rates() -> dict[str, Any]:
    cells = [("2024-04-01", "M", 10_000, 5_000), ("2024-04-01", "F", 10_000, 3_998)]  # F: 0.3998 / 0.5 = 0.7996
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in cells]
    )
    header = {"by": ["sex"], "period": {"from": None, "to": None}, "scope": {}, "min_cell": 5}
    return {**header, "correction": CORRECTION, "four_fifths": FOUR_FIFTHS, "alpha": ALPHA, **selection_rates(frame)}


@pytest.mark.parametrize(("lang", "ratio"), [("en", "0.7996"), ("id", "0,7996")])
def test_an_impact_ratio_under_four_fifths_reads_under_it_beside_its_badge(
    world: World, monkeypatch: pytest.MonkeyPatch, lang: str, ratio: str
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: None)
    log_in(world, "inspector")
    page = world.client.get(f"/pages/fairness?lang={lang}").get_data(as_text=True)
    row = page[page.index('<tr class="adverse">') :]
    row = row[: row.index("</tr>")]
    assert f"<td>{ratio}</td>" in row
    assert "<td>0.8</td>" not in row
    assert "<td>0,8</td>" not in row


def rates_of(cells: list[tuple[str, str, int, int]]) -> dict[str, Any]:
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in cells]
    )
    header = {"by": ["sex"], "period": {"from": None, "to": None}, "scope": {}, "min_cell": 5}
    return {**header, "correction": CORRECTION, "four_fifths": FOUR_FIFTHS, "alpha": ALPHA, **selection_rates(frame)}


@pytest.mark.parametrize(
    ("promoted", "pool", "shown"),
    [(2, 15, "<td>0.05017</td>"), (1, 9, "<td>0.04977 *</td>")],  # against 8 of 15 and 6 of 9
)
def test_a_fisher_p_next_to_five_percent_reads_on_its_side_of_it_beside_its_star(
    world: World, monkeypatch: pytest.MonkeyPatch, promoted: int, pool: int, shown: str
) -> None:
    """Three places read both 0.05: a p of 0.05017, not significant, "0.05" without the star; 0.04977 "0.05 *"."""
    reference = {15: 8, 9: 6}[pool]
    cells = [("2024-04-01", "M", pool, reference), ("2024-04-01", "F", pool, promoted)]
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates_of(cells))
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: None)
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?lang=en").get_data(as_text=True)
    row = page[page.index('<tr class="adverse">') :]
    row = row[: row.index("</tr>")]
    assert shown in row
    assert "<td>0.05</td>" not in row
    assert "<td>0.05 *</td>" not in row


@pytest.mark.parametrize(
    ("lang", "under", "level"),
    [("en", "under 0.9", "* significant at 1%."), ("id", "di bawah 0,9", "* signifikan pada 1%.")],
)
def test_the_page_names_the_threshold_and_level_of_the_rule_the_answer_used(
    world: World, monkeypatch: pytest.MonkeyPatch, lang: str, under: str, level: str
) -> None:
    """A rules file's fairness.adverse_impact (threshold 0.9, alpha 0.01): the badge, the line above the table and
    the note below it say the answer's, not 0.8 and 5%; a p of 0.0104 reads so, not "0.01" beside no star."""
    frame = pd.DataFrame(
        [
            {"round_date": "2024-04-01", "group": g, "pool": n, "promoted": s, "out_of_rule": 0}
            for g, n, s in (("M", 100, 60), ("F", 100, 51))  # F: 0.85 of M's rate
        ]
    )
    header = {"by": ["sex"], "period": {"from": None, "to": None}, "scope": {}, "min_cell": 5}
    answer = {**header, "correction": CORRECTION, "four_fifths": 0.9, "alpha": 0.01}
    answer.update(selection_rates(frame, threshold=0.9, alpha=0.01))
    women = next(g for g in answer["groups"] if g["group"] == "F")
    women["p_fisher_adjusted"] = 0.0104  # (as if: three places read the level)
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: answer)
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: None)
    log_in(world, "inspector")
    page = world.client.get(f"/pages/fairness?lang={lang}").get_data(as_text=True)
    row = page[page.index('<tr class="adverse">') :]
    row = row[: row.index("</tr>")]
    assert f'<span class="badge warn">{under}</span>' in row
    assert "0.0104" in row or "0,0104" in row
    assert level in page
    assert not [old for old in ("(0.8)", "(0,8)", "under 0.8", "bawah 0,8", "at 5%", "pada 5%") if old in page]
    # the chart's line is drawn at the threshold and named by it, not "four fifths"
    assert ("0.9 of the highest rate" if lang == "en" else "0,9 dari tingkat tertinggi") in page
    assert "four fifths" not in page
    assert "empat perlima" not in page


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("en", 0.0505, "0.0505"),  # round() reads 0.051, the formatter "0.05": it read "0.05", unstarred
        ("en", 0.0495, "0.0495"),
        ("en", 0.05017, "0.05017"),
        ("en", 0.05, "0.05"),  # alpha itself: significant, and shown so
        ("en", 0.0515, "0.052"),
        ("id", 0.0505, "0,0505"),
    ],
)
def test_a_p_that_three_places_would_show_as_the_level_shows_every_place(
    world: World, lang: str, value: float, shown: str
) -> None:
    """local_p compared round(p, 3) with round(alpha, 3), while the page formats p by the locale's rounding: the two
    round a float's half apart (0.0505 is 0.051 to round() and "0.05" on the page), so 0.0505, not significant, still
    read "0.05" beside no star."""
    from web.pages import local_p

    with world.app.test_request_context(f"/pages/fairness?lang={lang}"):
        world.app.preprocess_request()
        assert local_p(value) == shown
