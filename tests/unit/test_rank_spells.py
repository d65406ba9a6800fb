"""rank_spells (array slicing at the runs' starts) against the groupby it replaced, the reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from projections.merit.survival import rank_spells


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
    # left within the period: the last rank spell of someone whose last spell ended by then
    separated = ~same_next & runs["last_end"].notna() & runs["last_end"].le(end)
    runs["separated"] = separated.loc[chosen].astype(np.int8)
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
