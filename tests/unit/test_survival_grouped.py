"""Time to promotion's groups, log-rank, design and training taken from categoricals by their codes: the same
labels, statistics, designs and JP per year as from the texts row by row (add_group, pandas' factorize)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from lifelines.statistics import multivariate_logrank_test

from projections.merit.groups import add_group
from projections.merit.survival import (
    as_text,
    cox_design,
    grouped,
    km_curves,
    logrank,
    order_within,
    sorted_order,
    tallied,
    time_to_promotion,
    training_per_year,
)
from tests.unit.test_survival import (
    test_concordance_counts_the_pairs_as_lifelines_does_with_ties_and_censoring as counts_as_lifelines,
)


def runs(n: int = 3000, seed: int = 5) -> pd.DataFrame:
    """Rank spells with awkward attributes: missing values, empty texts, categories not in sorted order."""
    rng = np.random.default_rng(seed)
    births = ["1960-02-29", "1975-06-15", "1990-12-31", "2001-01-01", None, "1985-03-01"]
    starts = ["2010-04-01", "2012-10-01", "2016-02-29", "2020-04-01", "1999-01-01"]
    return pd.DataFrame(
        {
            "start": rng.choice(starts, n),
            "years": rng.integers(1, 40, n) / 4,
            "promoted": rng.integers(0, 2, n),
            "sex": rng.choice(np.array(["M", "F", "", None], dtype=object), n, p=[0.45, 0.45, 0.05, 0.05]),
            "agency": rng.choice(np.array(["Z-9", "A-1", "m-2", "unknown", None], dtype=object), n),
            "birth_date": rng.choice(np.array(births, dtype=object), n),
            "education": rng.choice(np.array(["S1", "D3", "SMA", None], dtype=object), n, p=[0.3, 0.3, 0.3, 0.1]),
            "training_jp": rng.integers(0, 60, n) / 3,
        }
    )


def categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its text columns as categoricals whose categories are in order of appearance (as the rows
    read a chunk at a time make them), not sorted."""
    out = frame.copy()
    for name in ("sex", "agency", "birth_date", "education"):
        present = [v for v in pd.unique(frame[name]) if v is not None]
        out[name] = pd.Categorical(frame[name], categories=present)
    return out


@pytest.mark.parametrize(
    "by", [["sex"], ["agency"], ["age_band"], ["education"], ["sex", "agency"], ["age_band", "sex"]]
)
def test_the_groups_are_add_groups_labels_in_sorted_order(by: list[str]) -> None:
    text = runs()
    expected = add_group(text, by, on="start")["group"]
    for frame in (text, categorical(text)):
        group = grouped(frame, by, ["education", "training_jp"], on="start")["group"]
        assert list(group.astype(object)) == list(expected)
        assert list(group.cat.categories) == sorted(set(expected))


@pytest.mark.parametrize("by", [["sex"], ["agency"], ["age_band"], ["sex", "agency"]])
def test_curves_log_rank_and_design_of_the_groups_by_their_codes_are_those_of_the_texts(by: list[str]) -> None:
    text = runs()
    old = add_group(as_text(text, list(text.columns)), by, on="start")
    new = grouped(categorical(text), by, ["education", "training_jp"], on="start")
    assert km_curves(new, min_cell=5) == km_curves(old, min_cell=5)
    # lifelines' statistic itself, to the last bit, not only as rounded for the answer
    theirs = multivariate_logrank_test(old["years"], old["group"], old["promoted"])
    ours = multivariate_logrank_test(new["years"], new["group"].cat.codes, new["promoted"])
    assert (ours.test_statistic, ours.p_value) == (theirs.test_statistic, theirs.p_value)
    assert logrank(new) == logrank(old)
    reference = old["group"].value_counts().idxmax()
    pd.testing.assert_frame_equal(
        cox_design(new, ["education", "training_jp"], reference_group=reference),
        cox_design(old, ["education", "training_jp"], reference_group=reference),
        check_exact=True,
    )


def test_the_most_common_level_left_out_of_a_categorical_is_the_first_sorted_among_equals() -> None:
    frame = pd.DataFrame(
        {
            "years": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "promoted": [1, 0, 1, 0, 1, 0],
            "group": ["a", "b", "a", "b", "a", "b"],
            "education": ["S2", "S1", "S2", "S1", "D3", "D3"],  # each twice: D3 left out, as mode() of the texts
        }
    )
    text = cox_design(frame, ["education"], reference_group="a")
    frame["education"] = pd.Categorical(frame["education"], categories=["S2", "D3", "S1", "S3"])
    pd.testing.assert_frame_equal(cox_design(frame, ["education"], reference_group="a"), text, check_exact=True)
    assert list(text.columns) == ["years", "promoted", "group: b", "education: S1", "education: S2"]


def test_training_per_year_of_categorical_courses_is_that_of_their_texts() -> None:
    rng = np.random.default_rng(11)
    people = [f"s{i:03d}" for i in range(300)]
    days = pd.date_range("2009-01-01", "2026-01-01", freq="37D").strftime("%Y-%m-%d").tolist()
    starts = rng.choice(days, 2000)
    stops = [max(s, rng.choice(days)) for s in starts]
    frame = pd.DataFrame({"subject": rng.choice([*people, "nobody"], 2000), "start": starts, "stop": stops})
    frame["years"] = rng.integers(1, 30, len(frame)) / 3
    courses = pd.DataFrame(
        {
            "subject": rng.choice([*people, "elsewhere"], 5000),
            "start_date": rng.choice(days + starts.tolist(), 5000),  # some on a spell's first or last day
            "hours": np.where(rng.random(5000) < 0.05, np.nan, rng.integers(1, 40, 5000)),
        }
    )
    expected = training_per_year(frame, courses)
    assert expected.gt(0).sum() > 100
    coded = courses.copy()
    for name in ("subject", "start_date"):
        coded[name] = pd.Categorical(courses[name], categories=list(pd.unique(courses[name])))
    pd.testing.assert_series_equal(training_per_year(frame, coded), expected, check_exact=True)


@pytest.mark.parametrize("work", [0, 10**9])  # every count in the Fenwick tree; every count by prefix sums
def test_concordance_counts_by_either_way_are_lifelines(work: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import projections.merit.survival as survival

    monkeypatch.setattr(survival, "PREFIX_SUMS_WORK", work)
    counts_as_lifelines()


def test_curves_and_log_rank_of_rows_tallied_are_lifelines_of_every_row_to_the_last_bit() -> None:
    from lifelines import KaplanMeierFitter

    frame = grouped(categorical(runs(6000, seed=8)), ["agency"], [], on="start")
    for group, part in frame.groupby("group", observed=True):
        (years, promoted), counts = tallied(part["years"].to_numpy(), part["promoted"].to_numpy())
        assert counts.sum() == len(part)
        assert len(years) < len(part) / 4
        ours = KaplanMeierFitter().fit(years, promoted, weights=counts)
        theirs = KaplanMeierFitter().fit(part["years"], part["promoted"])
        pd.testing.assert_frame_equal(ours.survival_function_, theirs.survival_function_, check_exact=True)
        pd.testing.assert_frame_equal(
            ours.confidence_interval_survival_function_,
            theirs.confidence_interval_survival_function_,
            check_exact=True,
        )
        assert ours.median_survival_time_ == theirs.median_survival_time_
        assert list(ours.event_table["observed"]) == list(theirs.event_table["observed"]), group
    text = frame["group"].astype(object)
    theirs_test = multivariate_logrank_test(frame["years"], text, frame["promoted"])
    (numbers, years, promoted), counts = tallied(frame["group"].cat.codes.to_numpy(), frame["years"], frame["promoted"])
    ours_test = multivariate_logrank_test(years, numbers, promoted, weights=counts)
    assert (ours_test.test_statistic, ours_test.p_value) == (theirs_test.test_statistic, theirs_test.p_value)
    assert km_curves(frame, min_cell=5)[0]["curve"] is not None


def test_the_design_in_an_order_sorted_once_is_the_design_sorted_for_itself() -> None:
    text = runs(4000, seed=9)
    text.loc[text.index % 17 == 0, "training_jp"] = np.nan  # rows the design drops
    order = sorted_order(text)
    frame = grouped(categorical(text), ["agency"], ["education", "training_jp"], on="start")
    for kept in (np.ones(len(frame), dtype=bool), frame["group"].ne("unknown").to_numpy()):
        part = frame[kept]
        reference = part["group"].value_counts().idxmax()
        pd.testing.assert_frame_equal(
            cox_design(part, ["education", "training_jp"], reference_group=reference, order=order_within(order, kept)),
            cox_design(part, ["education", "training_jp"], reference_group=reference),
            check_exact=True,
        )
    for by in (["sex"], ["agency"], ["education"]):
        assert time_to_promotion(text, by, ["education", "training_jp"], min_cell=5, order=order) == time_to_promotion(
            text, by, ["education", "training_jp"], min_cell=5
        )
