"""Time to promotion with leaving as a competing risk: the cumulative incidence of promotion (Aalen-Johansen),
checked against a hand-worked example, statsmodels' CumIncidenceRight and a direct count."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.survfunc import CumIncidenceRight

from projections.merit.survival import cumulative_incidence, km_curves, rank_spells, time_to_promotion

# (years, outcome): 1 promoted, 2 left, 0 still waiting
HAND_WORKED = [(1, 1), (2, 2), (3, 1), (3, 2), (4, 0), (5, 1)]


def frame(rows: list[tuple[float, int]], group: str = "A") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": group,
            "years": np.array([t for t, _ in rows], dtype=float),
            "promoted": [int(e == 1) for _, e in rows],
            "separated": np.array([int(e == 2) for _, e in rows], dtype=np.int8),
        }
    )


def test_the_cumulative_incidence_of_a_hand_worked_example() -> None:
    # t=1: 6 at risk, one promoted: F = 1/6, S = 5/6; t=2: one of 5 leaves: S = 4/6; t=3: one of 4 promoted
    # (F += 4/6 * 1/4) and one leaves: F = 1/3, S = 2/6; t=4: censored; t=5: the last promoted: F += 2/6 = 2/3
    (group,) = km_curves(frame(HAND_WORKED), min_cell=1)
    assert (group["n"], group["promoted"], group["censored"], group["separated"]) == (6, 3, 3, 2)
    assert [(p["years"], p["incidence"]) for p in group["incidence"]] == [(1.0, 0.1667), (3.0, 0.3333), (5.0, 0.6667)]
    assert group["incidence_4y"] == 0.3333
    assert group["incidence_8y"] is None  # the follow-up ends at 5 years
    # Kaplan-Meier, leaving censored, says more were promoted by 3 years (1 - 0.625): those who left counted
    # as if they would have been promoted as often as those who stayed
    assert 1 - next(p["survival"] for p in group["curve"] if p["years"] == 3.0) == 0.375
    # the interval: log(-log F) +- 1.96 se / (F |log F|), se from the variance at t=1 (statsmodels' 0.152145)
    low, high = group["incidence"][0]["low"], group["incidence"][0]["high"]
    f, se = 1 / 6, 0.15214515
    spread = 1.959964 * se / (f * abs(math.log(f)))
    assert (low, high) == (
        round(math.exp(-math.exp(math.log(-math.log(f)) + spread)), 4),
        round(math.exp(-math.exp(math.log(-math.log(f)) - spread)), 4),
    )
    assert group["incidence_4y_ci"] == [group["incidence"][1]["low"], group["incidence"][1]["high"]]
    assert low < 1 / 6 < high


def test_the_cumulative_incidence_is_statsmodels_cumincidenceright_with_ties() -> None:
    rng = np.random.default_rng(3)
    n = 400
    years = rng.integers(1, 16, n) / 2.0  # many ties, promotions and separations on the same times
    outcome = rng.choice([0, 1, 2], n, p=[0.3, 0.5, 0.2])
    found = cumulative_incidence(years, (outcome == 1).astype(int), (outcome == 2).astype(np.int8))
    reference = CumIncidenceRight(years, outcome)
    pairs = zip(reference.cinc[0], reference.cinc_se[0], strict=True)
    expected = dict(zip(reference.times.tolist(), pairs, strict=True))
    assert len(found["incidence"]) == len(set(years[outcome == 1].tolist()))
    for point in found["incidence"]:
        f, se = expected[point["years"]]
        assert point["incidence"] == round(f, 4)
        if not np.isfinite(se) or f >= 1:
            continue
        spread = 1.959964 * se / (f * abs(math.log(f)))
        assert point["low"] == pytest.approx(math.exp(-math.exp(math.log(-math.log(f)) + spread)), abs=1e-4)
        assert point["high"] == pytest.approx(math.exp(-math.exp(math.log(-math.log(f)) - spread)), abs=1e-4)


def test_without_censoring_the_cumulative_incidence_is_the_share_promoted() -> None:
    rng = np.random.default_rng(5)
    years = rng.integers(1, 20, 300) / 2.0
    outcome = rng.choice([1, 2], 300, p=[0.7, 0.3])
    found = cumulative_incidence(years, (outcome == 1).astype(int), (outcome == 2).astype(np.int8))
    for point in found["incidence"]:
        assert point["incidence"] == round(float(((outcome == 1) & (years <= point["years"])).mean()), 4)
    assert found["incidence_4y"] == round(float(((outcome == 1) & (years <= 4)).mean()), 4)
    assert found["incidence_8y"] == round(float(((outcome == 1) & (years <= 8)).mean()), 4)


def test_the_cumulative_incidence_is_the_same_at_every_call_and_leaves_numpys_random_state_alone() -> None:
    # lifelines' own fitter jitters tied times of different kinds at random (numpy's global state reseeded)
    rows = HAND_WORKED * 3
    np.random.seed(11)
    state = np.random.get_state()[1].copy()
    first = km_curves(frame(rows), min_cell=1)
    assert (np.random.get_state()[1] == state).all()
    assert km_curves(frame(rows), min_cell=1) == first
    assert [p["years"] for p in first[0]["incidence"]] == [1.0, 3.0, 5.0]


def test_rank_spells_mark_the_last_spell_of_someone_who_left_within_the_period() -> None:
    attributes = {"agency": "A1", "unit": "U1", "region": "R1", "education": "S1", "employment_kind": "PNS"}
    rows = [
        ("p", 1, "2010-04-01", "2014-04-01", "III/a"),  # promoted
        ("p", 2, "2014-04-01", "2015-01-01", "III/b"),  # then left
        ("q", 1, "2010-04-01", None, "III/a"),  # still waiting
        ("r", 1, "2010-04-01", "2012-01-01", "III/a"),  # left after a post change in the rank
        ("r", 2, "2012-01-01", "2013-04-01", "III/a"),
        ("s", 1, "2010-04-01", "2017-01-01", "III/a"),  # left after the end of the period: waiting within it
        ("t", 1, "2010-04-01", "2011-04-01", "III/b"),  # demoted: censored, not left
        ("t", 2, "2011-04-01", None, "III/a"),
    ]
    spells = pd.DataFrame(
        [
            {"subject": s, "seq": q, "start_date": b, "end_date": e, "rank": k, **attributes}
            | {"sex": "F", "birth_date": "1980-01-01", "recruitment_path": "CPNS"}
            for s, q, b, e, k in rows
        ]
    )
    runs = rank_spells(spells, end="2016-04-01")
    assert runs[["subject", "rank", "promoted", "separated"]].values.tolist() == [
        ["p", "III/a", 1, 0],
        ["p", "III/b", 0, 1],
        ["q", "III/a", 0, 0],
        ["r", "III/a", 0, 1],
        ["s", "III/a", 0, 0],
        ["t", "III/b", 0, 0],
        ["t", "III/a", 0, 0],
    ]


def test_time_to_promotion_gives_the_cumulative_incidence_of_each_group_shown() -> None:
    rows = frame(HAND_WORKED * 2, "A")
    rows = pd.concat([rows, frame([(2, 1), (4, 2), (6, 1)], "B")], ignore_index=True)
    runs = rows.rename(columns={"group": "sex"}).assign(education="S1", start="2010-01-01")
    found = time_to_promotion(runs, ["sex"], [], min_cell=5)
    shown, small = found["groups"]
    assert shown["incidence"] == km_curves(frame(HAND_WORKED * 2), min_cell=1)[0]["incidence"]
    assert (small["suppressed"], small["separated"], small["incidence"], small["incidence_4y"]) == (True, 1, None, None)
