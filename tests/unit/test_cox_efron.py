"""The Cox fit (projections.merit.survival.efron_cox) against lifelines' CoxPHFitter, the reference."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest

from projections.merit.survival import (
    cox_design,
    cox_fit,
    efron_cox,
    lifelines_cox_fit,
    rank_spells,
)
from tests.unit.test_survival import random_spells

COVARIATES = ["education", "training_jp"]


def lifelines_summary(design: pd.DataFrame) -> pd.DataFrame:
    from lifelines import CoxPHFitter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CoxPHFitter().fit(design, "years", "promoted").summary


@pytest.mark.parametrize(
    ("seed", "n", "quarters", "promoted", "groups", "chunk"),
    [
        (11, 500, 30, 0.5, ["A", "B"], 1 << 16),
        (3, 400, 40, 0.6, ["A", "B", "C"], 7),  # chunks of whole tie groups, smaller than a group
        (5, 5000, 12, 0.3, ["A", "B", "C", "D", "E"], 300),  # hundreds of deaths tied at a time
        (7, 3000, 6, 0.9, ["A", "B"], 1 << 16),  # nearly everyone promoted, 5 distinct times
        (13, 2000, 80, 0.05, ["A", "B", "C"], 64),  # few promotions
    ],
)
def test_efron_fit_is_lifelines_coxphfitter_on_tie_heavy_data(
    seed: int, n: int, quarters: int, promoted: float, groups: list[str], chunk: int
) -> None:
    frame = random_spells(seed=seed, n=n, quarters=quarters, promoted=promoted, groups=groups)
    frame["performance"] = np.random.default_rng(seed).normal(80, 5, n).round(1)
    design = cox_design(frame, [*COVARIATES, "performance"], reference_group="A")
    ours = efron_cox(design, chunk)
    theirs = lifelines_summary(design)
    assert ours["names"] == list(theirs.index)
    np.testing.assert_allclose(ours["params"], theirs["coef"], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours["se"], theirs["se(coef)"], rtol=1e-8)
    result = cox_fit(design, [*COVARIATES, "performance"], "A")
    for term, (_, row) in zip(result["terms"], theirs.iterrows(), strict=True):
        low, high = term["ci"]
        assert term["hazard_ratio"] == pytest.approx(row["exp(coef)"], abs=1e-4)
        assert low == pytest.approx(row["exp(coef) lower 95%"], abs=1e-4)
        assert high == pytest.approx(row["exp(coef) upper 95%"], abs=1e-4)
        assert term["p"] == pytest.approx(row["p"], rel=1e-3)


def fitted_without_lifelines(monkeypatch: pytest.MonkeyPatch, design: pd.DataFrame) -> dict[str, Any]:
    """cox_fit's answer, failing if it fell back on lifelines (near separation)."""
    import projections.merit.survival as survival

    def refused(*args: Any) -> dict[str, Any]:
        raise AssertionError("fitted by lifelines")

    with monkeypatch.context() as patched:
        patched.setattr(survival, "lifelines_cox_fit", refused)
        return cox_fit(design, COVARIATES, "A")


def lifelines_answer(design: pd.DataFrame) -> dict[str, Any]:
    return lifelines_cox_fit(design, {"reference_group": "A", "covariates": COVARIATES, "n": len(design)})


@pytest.mark.parametrize("seed", range(6))
def test_printed_figures_are_those_of_lifelines_fit(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(seed)
    frame = random_spells(seed=seed, n=int(rng.integers(300, 3000)), quarters=30, promoted=0.5, groups=["A", "B", "C"])
    design = cox_design(frame, COVARIATES, reference_group="A")
    ours = fitted_without_lifelines(monkeypatch, design)
    assert ours == lifelines_answer(design)
    assert ours["terms"]
    assert ours["warnings"] == []


def test_a_group_never_promoted_is_fitted_by_lifelines_with_its_warnings() -> None:
    frame = random_spells(seed=2, n=1200, quarters=30, promoted=0.5, groups=["A", "B", "C"])
    frame.loc[frame["group"] == "C", "promoted"] = 0  # separation: C's coefficient runs off to minus infinity
    design = cox_design(frame, COVARIATES, reference_group="A")
    ours = cox_fit(design, COVARIATES, "A")
    assert ours == lifelines_answer(design)
    assert any("group: C" in w for w in ours["warnings"])
    assert ours["terms"][1]["hazard_ratio"] == 0.0


def test_a_covariate_of_low_variance_is_warned_of_as_lifelines_does(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = random_spells(seed=4, n=20000, quarters=30, promoted=0.5, groups=["A", "B"])
    frame["training_jp"] = np.random.default_rng(4).normal(0, 0.009, len(frame))  # variance below 1e-4
    design = cox_design(frame, COVARIATES, reference_group="A")
    ours = fitted_without_lifelines(monkeypatch, design)
    assert ours == lifelines_answer(design)
    assert ours["warnings"]
    assert "['training_jp'] have very low variance" in ours["warnings"][0]


def test_a_figure_printed_with_too_many_digits_is_lifelines(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = random_spells(seed=4, n=800, quarters=30, promoted=0.5, groups=["A", "B"])
    frame["training_jp"] = frame["training_jp"] / 10000  # a hazard ratio per JP of about 1e18
    design = cox_design(frame, COVARIATES, reference_group="A")
    with pytest.raises(AssertionError, match="fitted by lifelines"):
        fitted_without_lifelines(monkeypatch, design)
    assert cox_fit(design, COVARIATES, "A") == lifelines_answer(design)


def old_rank_spells(spells: pd.DataFrame, *, end: str) -> pd.DataFrame:
    """rank_spells as it was (a groupby over the runs), the reference for the array slicing."""
    from projections.merit.survival import ATTRIBUTES, DAYS_PER_YEAR, days, rank_levels

    frame = spells.sort_values(["subject", "seq"])
    subject, rank = frame["subject"], frame["rank"]
    run = (subject.ne(subject.shift()) | rank.ne(rank.shift())).cumsum().rename("run")
    runs = frame.groupby(run, sort=True).agg(
        subject=("subject", "first"),
        rank=("rank", "first"),
        start=("start_date", "first"),
        **{a: (a, "first") for a in ATTRIBUTES},
    )
    last_spell = run.ne(run.shift(-1)).to_numpy()
    runs["last_end"] = frame["end_date"].to_numpy()[last_spell]
    level = runs["rank"].map(rank_levels())
    same_next = runs["subject"].eq(runs["subject"].shift(-1))
    next_start = runs["start"].shift(-1).where(same_next)
    promoted = same_next & (level.shift(-1) > level)
    promoted &= next_start.le(end)
    stop = next_start.where(same_next, runs["last_end"]).fillna(end)
    stop = stop.where(stop.le(end), end)
    begun = runs["start"].notna() & runs["start"].le(end)
    start, stop = runs["start"][begun], stop[begun]
    years = (days(stop) - days(start)) / DAYS_PER_YEAR
    chosen = years.index[years > 0]
    runs = runs.loc[chosen]
    runs["stop"] = stop.loc[chosen]
    runs["promoted"] = promoted.loc[chosen].astype(int)
    runs["years"] = years.loc[chosen]
    return runs.reset_index(drop=True).drop(columns="last_end")


def random_roster_spells(seed: int, n: int = 3000) -> pd.DataFrame:
    """Spells of 400 people in a few ranks, with missing attributes, ranks and end dates here and there."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2005-01-01", "2027-01-01", freq="91D").strftime("%Y-%m-%d").to_numpy()
    subject = np.sort(rng.choice([f"{i:018d}" for i in range(400)], n))
    seq = pd.Series(subject).groupby(subject).cumcount().to_numpy() + 1

    def maybe(values: list[str], missing: float) -> np.ndarray:
        picked = rng.choice(np.array(values, dtype=object), n)
        picked[rng.random(n) < missing] = None
        return picked

    starts = np.sort(rng.choice(len(days) - 8, n))
    spells = pd.DataFrame(
        {
            "subject": subject,
            "seq": seq,
            "start_date": days[starts],
            "end_date": np.where(rng.random(n) < 0.3, None, days[starts + rng.integers(1, 8, n)]),
            "rank": maybe(["III/a", "III/b", "III/c", "IV/a"], 0.03),
        }
    )
    for name in ("agency", "unit", "region", "education", "employment_kind", "sex", "birth_date", "recruitment_path"):
        spells[name] = maybe([f"{name}-{k}" for k in range(5)], 0.2)
    # runs of the same rank: a post change within the rank
    same = rng.random(n) < 0.4
    spells.loc[same, "rank"] = spells["rank"].shift(1)[same]
    return spells


@pytest.mark.parametrize("seed", range(4))
def test_rank_spells_are_the_groupby_s_from_text_or_categorical_columns_in_any_order(seed: int) -> None:
    spells = random_roster_spells(seed)
    expected = old_rank_spells(spells, end="2026-11-23")
    assert len(expected) > 300
    pd.testing.assert_frame_equal(rank_spells(spells, end="2026-11-23"), expected)
    categorical = spells.copy()
    for name in categorical.columns:
        if categorical[name].dtype == object:
            categorical[name] = categorical[name].astype("category")
    pd.testing.assert_frame_equal(rank_spells(categorical, end="2026-11-23"), expected)
    shuffled = categorical.sample(frac=1.0, random_state=seed)
    pd.testing.assert_frame_equal(rank_spells(shuffled, end="2026-11-23"), expected)
