"""Time to promotion: rank spells, Kaplan-Meier, log-rank and Cox, with exact expected values."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from projections.merit.survival import (
    in_subject_order,
    km_curves,
    logrank,
    rank_spells,
    time_to_promotion,
    training_per_year,
)

REFERENCE_EXAMPLE = [
    ("A", 2, 1),
    ("A", 3, 1),
    ("A", 4, 1),
    ("A", 5, 0),
    ("B", 3, 1),
    ("B", 5, 1),
    ("B", 6, 0),
    ("B", 7, 0),
]


def example(rows: list[tuple[str, float, int]] = REFERENCE_EXAMPLE) -> pd.DataFrame:
    return pd.DataFrame(
        [{"subject": f"s{i}", "group": g, "years": t, "promoted": e} for i, (g, t, e) in enumerate(rows)]
    )


def test_kaplan_meier_reproduces_the_reference_example() -> None:
    a, b = km_curves(example(), min_cell=1)
    assert [(p["years"], p["survival"]) for p in a["curve"]] == [(0.0, 1.0), (2.0, 0.75), (3.0, 0.5), (4.0, 0.25)]
    assert a["median_years"] == 3.0
    assert [(p["years"], p["survival"]) for p in b["curve"]] == [(0.0, 1.0), (3.0, 0.75), (5.0, 0.5)]
    assert b["median_years"] == 5.0
    assert (b["n"], b["promoted"], b["censored"]) == (4, 2, 2)


def test_log_rank_reproduces_the_reference_example() -> None:
    assert logrank(example()) == {"chi2": 0.908, "df": 1, "p": 0.3406}


def test_groups_below_the_minimum_get_counts_but_no_curve() -> None:
    a, _ = km_curves(example(), min_cell=5)
    assert (a["suppressed"], a["curve"], a["n"]) == (True, None, 4)


def test_a_median_never_reached_is_none() -> None:
    (only,) = km_curves(example([("A", 2, 1), ("A", 3, 0), ("A", 4, 0)]), min_cell=1)
    assert only["median_years"] is None


def spells(*rows: tuple[str, int, str, str | None, str]) -> pd.DataFrame:
    attributes = {"agency": "A1", "unit": "U1", "region": "R1", "education": "S1", "employment_kind": "PNS"}
    return pd.DataFrame(
        [
            {"subject": s, "seq": q, "start_date": b, "end_date": e, "rank": r, **attributes}
            | {"sex": "F", "birth_date": "1980-01-01", "recruitment_path": "CPNS"}
            for s, q, b, e, r in rows
        ]
    )


def test_rank_spells_end_in_promotion_separation_or_the_end_of_the_period() -> None:
    runs = rank_spells(
        spells(
            # promoted III/a -> III/b after two post changes in III/a
            ("p", 1, "2010-04-01", "2012-01-01", "III/a"),
            ("p", 2, "2012-01-01", "2014-04-01", "III/a"),
            ("p", 3, "2014-04-01", None, "III/b"),
            # left in III/a
            ("q", 1, "2010-04-01", "2013-04-01", "III/a"),
            # demoted: censored at the demotion
            ("r", 1, "2010-04-01", "2011-04-01", "III/b"),
            ("r", 2, "2011-04-01", None, "III/a"),
        ),
        end="2016-04-01",
    )
    table = runs[["subject", "rank", "start", "stop", "promoted"]].to_dict("records")
    assert table == [
        {"subject": "p", "rank": "III/a", "start": "2010-04-01", "stop": "2014-04-01", "promoted": 1},
        {"subject": "p", "rank": "III/b", "start": "2014-04-01", "stop": "2016-04-01", "promoted": 0},
        {"subject": "q", "rank": "III/a", "start": "2010-04-01", "stop": "2013-04-01", "promoted": 0},
        {"subject": "r", "rank": "III/b", "start": "2010-04-01", "stop": "2011-04-01", "promoted": 0},
        {"subject": "r", "rank": "III/a", "start": "2011-04-01", "stop": "2016-04-01", "promoted": 0},
    ]
    assert runs["years"].round(4).tolist() == [4.0, 2.0014, 3.0007, 0.9993, 5.0021]


def test_someone_still_in_the_rank_after_a_post_change_is_censored_at_the_end_of_the_period() -> None:
    runs = rank_spells(
        spells(
            # moved post within III/a in 2012 and still there: the earlier post's end is not the rank's
            ("s", 1, "2010-04-01", "2012-01-01", "III/a"),
            ("s", 2, "2012-01-01", None, "III/a"),
            # moved, then left in III/a: censored at the separation
            ("t", 1, "2010-04-01", "2012-01-01", "III/a"),
            ("t", 2, "2012-01-01", "2013-04-01", "III/a"),
        ),
        end="2016-04-01",
    )
    assert runs[["subject", "stop", "promoted"]].to_dict("records") == [
        {"subject": "s", "stop": "2016-04-01", "promoted": 0},
        {"subject": "t", "stop": "2013-04-01", "promoted": 0},
    ]


def test_a_promotion_after_the_period_is_censored_at_its_end() -> None:
    runs = rank_spells(
        spells(("p", 1, "2010-04-01", "2014-04-01", "III/a"), ("p", 2, "2014-04-01", None, "III/b")),
        end="2012-04-01",
    )
    assert runs[["stop", "promoted"]].to_dict("records") == [{"stop": "2012-04-01", "promoted": 0}]


def test_training_counts_jp_started_inside_the_spell_per_year_in_rank() -> None:
    runs = pd.DataFrame(
        {"subject": ["p", "p"], "start": ["2010-01-01", "2014-01-01"], "stop": ["2014-01-01", "2014-07-01"]}
    )
    runs["years"] = [4.0, 0.5]
    training = pd.DataFrame(
        {"subject": ["p", "p", "p"], "start_date": ["2011-01-01", "2013-12-31", "2014-02-01"], "hours": [20, 20, 10]}
    )
    assert training_per_year(runs, training).tolist() == [10.0, 10.0]


def test_cox_model_gives_the_hazard_ratio_of_each_group_against_the_largest() -> None:
    rows = [*REFERENCE_EXAMPLE, ("A", 2.5, 1), ("A", 6, 0)]
    frame = example(rows).assign(education=["S1", "S2"] * 5, training_jp=[10, 20, 30, 5, 0, 15, 25, 10, 20, 5])
    frame["sex"] = frame["group"]
    frame = frame.drop(columns="group").assign(start="2020-01-01")
    result = time_to_promotion(frame, ["sex"], ["education", "training_jp"], min_cell=1)
    cox = result["cox"]
    assert cox["reference_group"] == "A"
    terms = {t["term"]: t for t in cox["terms"]}
    assert list(terms) == ["group: B", "education: S2", "training_jp"]
    # the same fit by statsmodels PHReg (Efron ties) gives 0.29877, 0.12187 and 0.96255
    assert [t["hazard_ratio"] for t in terms.values()] == [0.2988, 0.1219, 0.9626]
    assert result["logrank"]["df"] == 1


def test_concordance_counts_the_pairs_as_lifelines_does_with_ties_and_censoring() -> None:
    import numpy as np
    from lifelines.utils import concordance_index as lifelines_concordance
    from lifelines.utils.concordance import _concordance_summary_statistics

    from projections.merit.survival import concordance_counts, concordance_index

    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(2, 200))
        # few distinct times and scores: many tied times, tied scores, and deaths tied with censored cases
        times = rng.integers(0, int(rng.integers(1, 30)), n) / 4
        scores = rng.integers(0, int(rng.integers(1, 20)), n) / 3
        observed = rng.random(n) < rng.random()
        expected = tuple(int(v) for v in _concordance_summary_statistics(times, scores, observed))
        assert concordance_counts(times, scores, observed) == expected
        if expected[2]:
            assert concordance_index(times, scores, observed) == lifelines_concordance(times, scores, observed)


def test_concordance_without_a_death_has_no_pairs() -> None:
    from projections.merit.survival import concordance_counts

    assert concordance_counts([1.0, 2.0], [0.5, 0.1], [0, 0]) == (0, 0, 0)


def random_spells(*, seed: int, n: int, quarters: int, promoted: float, groups: list[str]) -> pd.DataFrame:
    """Rank spells of whole quarters (many ties) with a group, education and JP, for fits against lifelines."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "years": rng.integers(1, quarters, n) / 4,
            "promoted": (rng.random(n) < promoted).astype(int),
            "group": rng.choice(groups, n),
            "education": rng.choice(["S1", "S2", "D3"], n),
            "training_jp": rng.integers(0, 5, n) * 10.0,
        }
    )


def test_cox_concordance_is_lifelines_concordance_index_of_the_fit() -> None:
    from lifelines import CoxPHFitter

    from projections.merit.survival import cox_design, cox_model

    frame = random_spells(seed=3, n=400, quarters=40, promoted=0.6, groups=["A", "B", "C"])
    covariates = ["education", "training_jp"]
    result = cox_model(frame, covariates, reference_group="A")
    fitted = CoxPHFitter().fit(cox_design(frame, covariates, reference_group="A"), "years", "promoted")
    assert result["concordance"] == round(fitted.concordance_index_, 4)
    assert [t["term"] for t in result["terms"]][:2] == ["group: B", "group: C"]


def test_cox_design_leaves_out_the_reference_group_the_most_common_level_and_what_does_not_vary() -> None:
    from projections.merit.survival import cox_design

    frame = pd.DataFrame(
        {
            "years": [1.0, 2.0, 3.0, 4.0, 5.0],
            "promoted": [1, 0, 1, 1, 0],
            "group": ["A", "B", "A", "C", "B"],
            "education": ["S1", "S1", "S2", "S1", None],
            "training_jp": [10.0, 10.0, 10.0, 10.0, 20.0],
            "performance": [80.0, 90.0, 85.0, 70.0, 60.0],
        }
    )
    design = cox_design(frame, ["education", "training_jp", "performance"], reference_group="A")
    # the last row lacks education: dropped; training_jp is then 10 everywhere: left out
    assert list(design.columns) == ["years", "promoted", "group: B", "group: C", "education: S2", "performance"]
    assert design.to_numpy().tolist() == [
        [1.0, 1.0, 0.0, 0.0, 0.0, 80.0],
        [2.0, 0.0, 1.0, 0.0, 0.0, 90.0],
        [3.0, 1.0, 0.0, 0.0, 1.0, 85.0],
        [4.0, 1.0, 0.0, 1.0, 0.0, 70.0],
    ]


def runs_and_courses(
    seed: int, *, every: str, employees: int, spells: int, courses: int, longest: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random rank spells (up to `longest` steps of `every` long) and courses of `employees` (and of nobody)."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2010-01-01", "2016-01-01", freq=every).strftime("%Y-%m-%d").tolist()
    subjects = [f"s{i}" for i in range(employees)]
    starts = rng.choice(days[:-10], spells)
    runs = pd.DataFrame(
        {
            "subject": rng.choice(subjects, spells),
            "start": starts,
            "stop": [days[min(days.index(s) + int(rng.integers(1, longest)), len(days) - 1)] for s in starts],
        }
    )
    runs["years"] = rng.uniform(0.2, 6.0, spells)
    training = pd.DataFrame(
        {
            "subject": rng.choice([*subjects, "nobody"], courses),
            "start_date": rng.choice(days, courses),
            "hours": rng.integers(1, 40, courses),
        }
    )
    return runs, training


def test_training_per_year_matches_joining_every_spell_with_every_course() -> None:
    runs, training = runs_and_courses(5, every="37D", employees=30, spells=120, courses=400, longest=12)
    joined = runs.reset_index().merge(training, on="subject")
    inside = joined[(joined["start_date"] >= joined["start"]) & (joined["start_date"] < joined["stop"])]
    expected = inside.groupby("index")["hours"].sum().reindex(runs.index, fill_value=0) / runs["years"].clip(lower=1.0)
    assert training_per_year(runs, training).tolist() == expected.tolist()


def test_training_per_year_of_each_course_is_that_of_their_sums_per_employee_and_day() -> None:
    """FairnessQueries reads every course (not their JP summed per employee and day in SQL), in any order."""
    runs, courses = runs_and_courses(11, every="91D", employees=12, spells=50, courses=600, longest=8)
    summed = courses.groupby(["subject", "start_date"], as_index=False)["hours"].sum()
    assert len(summed) < len(courses) * 0.6  # several courses per employee and day
    expected = training_per_year(runs, summed).tolist()
    assert training_per_year(runs, courses).tolist() == expected
    assert training_per_year(runs, courses.sample(frac=1.0, random_state=3)).tolist() == expected
    # a course without JP (hours missing: the column read as floats) counts none, as SUM leaves it out
    missing = pd.concat([courses, summed.head(3).assign(hours=None)], ignore_index=True)
    missing["hours"] = missing["hours"].astype(float)
    assert training_per_year(runs, missing).tolist() == expected


def test_rank_spells_are_the_same_from_spells_in_any_order() -> None:
    rows = spells(
        ("q", 1, "2010-04-01", "2013-04-01", "III/a"),
        ("p", 2, "2012-01-01", "2014-04-01", "III/a"),
        ("p", 3, "2014-04-01", None, "III/b"),
        ("p", 1, "2010-04-01", "2012-01-01", "III/a"),
    )
    ordered = rows.sort_values(["subject", "seq"])
    assert not in_subject_order(rows)
    assert in_subject_order(ordered)
    assert rank_spells(rows, end="2016-04-01").equals(rank_spells(ordered, end="2016-04-01"))


def test_the_cox_fitter_fits_as_lifelines_coxphfitter() -> None:
    from lifelines import CoxPHFitter

    from projections.merit.survival import cox_design, cox_fitter

    frame = random_spells(seed=11, n=500, quarters=30, promoted=0.5, groups=["A", "B"])
    design = cox_design(frame, ["education", "training_jp"], reference_group="A")
    ours, theirs = cox_fitter().fit(design, "years", "promoted"), CoxPHFitter().fit(design, "years", "promoted")
    pd.testing.assert_frame_equal(ours.summary, theirs.summary, check_exact=True)
    assert ours.concordance_index_ == theirs.concordance_index_


def test_days_are_whole_days_since_1970_of_iso_dates() -> None:
    from projections.merit.survival import days

    dates = pd.Series(["1970-01-02", "2016-04-01", "1970-01-02", "1969-12-31"], index=[5, 6, 7, 8])
    assert days(dates).to_dict() == {5: 1, 6: 16892, 7: 1, 8: -1}


def efron_steps_taken(monkeypatch: Any, design: pd.DataFrame) -> tuple[list[str], dict[str, Any]]:
    """Which of lifelines' Efron steps `cox_fit` took on `design` (at each Newton-Raphson step), and its result."""
    from lifelines.fitters.coxph_fitter import SemiParametricPHFitter

    from projections.merit.survival import cox_fit

    taken: list[str] = []
    for mode in ("batch", "single"):
        step = getattr(SemiParametricPHFitter, f"_get_efron_values_{mode}")

        def recorded(self: Any, *args: Any, _step: Any = step, _mode: str = mode) -> Any:
            taken.append(_mode)
            return _step(self, *args)

        monkeypatch.setattr(SemiParametricPHFitter, f"_get_efron_values_{mode}", recorded)
    return taken, cox_fit(design, ["education", "training_jp"], "A")


def test_the_cox_fit_takes_lifelines_batch_efron_step_for_tied_times_and_its_single_step_for_distinct_ones(
    monkeypatch: Any,
) -> None:
    from lifelines.fitters.coxph_fitter import _BatchVsSingle

    from projections.merit.survival import cox_design, cox_fitter

    # rank spells of whole quarters: 400 rows on 39 distinct times, where lifelines' own rule takes the single step
    # (a Python loop over the rows: at our ties 1.6 to 44 times the batch step's CPU, docs/fairness.md)
    frame = random_spells(seed=5, n=400, quarters=40, promoted=0.5, groups=["A", "B", "C"])
    design = cox_design(frame, ["education", "training_jp"], reference_group="A")
    covariates = design.shape[1] - 2
    assert _BatchVsSingle().decide(None, design["years"].nunique(), len(design), covariates) == "single"
    taken, result = efron_steps_taken(monkeypatch, design)
    assert set(taken) == {"batch"}
    # the other step adds the same terms in another order: the printed figures are the same
    theirs = cox_fitter().fit(design, "years", "promoted", batch_mode=False)
    assert [t["hazard_ratio"] for t in result["terms"]] == [round(float(v), 4) for v in theirs.summary["exp(coef)"]]
    # every time distinct (fewer than 3 rows per time): the single step, the cheaper one there
    untied = design.assign(years=np.linspace(0.25, 10, len(design))).sort_values(["years", "promoted"])
    taken, _ = efron_steps_taken(monkeypatch, untied)
    assert set(taken) == {"single"}
