"""A level of the Cox model with no promotion (or fewer rank spells than the smallest cell, or separated from the
other rank spells by the risk sets) has no estimable hazard ratio: it is left out of the model with its rank spells,
named in `cox.left_out` and `cox.warnings`, never reported as a certain, significant hazard ratio. A level every rank
spell of which was promoted is estimable (others promoted while its rank spells waited) and fitted.

An exploratory tester found, on the 2,000-employee demo's region 12.75 by sex, `education: D-IV` (one rank spell,
not promoted) reported with hazard ratio 0.0, interval [0.0, 0.0] and p 8.4e-40, `cox.warnings` empty: with errors
clustered by employee the sandwich interval of a coefficient run off to minus infinity collapses (lifelines' model-
based one is [0, inf], p 0.99)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from projections.merit.survival import CLUSTERED, SEPARATED_ABOVE, SEPARATED_BELOW, time_to_promotion


def spells(seed: int = 3) -> pd.DataFrame:
    """300 rank spells of 100 employees (three each, errors clustered), two sexes, two common education levels, and
    one rank spell of a third level, D-IV, not promoted."""
    rng = np.random.default_rng(seed)
    n = 300
    person = np.repeat(np.arange(100), 3)
    promoted = (rng.random(n) < 0.7).astype(int)
    education = rng.choice(["S-1", "D-III"], n).astype(object)
    education[0], promoted[0] = "D-IV", 0
    return pd.DataFrame(
        {
            "group": np.where(person % 2 == 0, "F", "M"),
            "years": np.round(rng.uniform(1, 8, n), 2),
            "promoted": promoted,
            "education": pd.Categorical(education),
            "training_jp": rng.integers(0, 40, n).astype(float),
            "person": person,
        }
    )


def terms(answer: dict) -> dict[str, dict]:
    return {t["term"]: t for t in answer["cox"]["terms"]}


def test_a_level_of_one_rank_spell_never_promoted_is_left_out_and_named() -> None:
    frame = spells()
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)["cox"]
    assert cox["standard_errors"] == CLUSTERED
    assert "education: D-IV" not in terms({"cox": cox})
    assert cox["left_out"] == [
        {"term": "education: D-IV", "n": 1, "promoted": 0, "reason": cox["left_out"][0]["reason"]}
    ]
    assert "not estimable" in cox["left_out"][0]["reason"]
    assert any(w.startswith("education: D-IV left out of the model") for w in cox["warnings"])
    assert cox["n"] == len(frame) - 1
    # no term is a certain 0 (the separated level's collapsed interval)
    assert all(t["hazard_ratio"] and t["ci"][1] > t["ci"][0] for t in cox["terms"])


def test_the_other_terms_are_those_of_the_fit_without_the_left_out_rank_spells() -> None:
    """The limit of the full fit as the level's coefficient runs to minus infinity: its rank spells weigh nothing."""
    from lifelines import CoxPHFitter

    frame = spells()
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)["cox"]
    rest = frame[frame["education"] != "D-IV"]
    data = pd.DataFrame(
        {
            "years": rest["years"],
            "promoted": rest["promoted"],
            "M": (rest["group"] == "M").astype(float),
            "D-III": (rest["education"] == "D-III").astype(float),
            "training_jp": rest["training_jp"],
            "person": rest["person"],
        }
    )
    reference = "S-1" if (rest["education"] == "S-1").sum() >= (rest["education"] == "D-III").sum() else "D-III"
    if reference == "D-III":
        data = data.rename(columns={"D-III": "S-1"}).assign(**{"S-1": (rest["education"] == "S-1").astype(float)})
    theirs = CoxPHFitter().fit(data, "years", "promoted", cluster_col="person").summary
    other = "D-III" if reference == "S-1" else "S-1"
    assert terms({"cox": cox})["group: M"]["hazard_ratio"] == round(theirs.loc["M", "exp(coef)"], 4)
    assert terms({"cox": cox})[f"education: {other}"]["hazard_ratio"] == round(theirs.loc[other, "exp(coef)"], 4)


def test_a_level_below_the_smallest_cell_is_left_out_and_one_always_promoted_is_fitted() -> None:
    frame = spells()
    frame["education"] = frame["education"].cat.add_categories(["S-2", "S-3"])
    frame.loc[1:3, "education"] = "S-3"
    frame.loc[1:3, "promoted"] = 1  # three rank spells, each promoted
    frame.loc[4:6, "education"] = "S-2"
    frame.loc[4:6, "promoted"] = [1, 0, 1]  # three, some promoted: fewer than the smallest cell (5)
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)["cox"]
    left = {o["term"]: o for o in cox["left_out"]}
    assert set(left) == {"education: D-IV", "education: S-3", "education: S-2"}
    assert (left["education: S-3"]["n"], left["education: S-3"]["promoted"]) == (3, 3)
    assert "fewer rank spells than the smallest cell (5)" in left["education: S-3"]["reason"]
    assert "fewer rank spells than the smallest cell (5)" in left["education: S-2"]["reason"]
    assert not set(left) & set(terms({"cox": cox}))
    # with a smallest cell of 1, S-2 and S-3 (every one promoted, while others were promoted) are estimable; D-IV
    # (no promotion) is still not
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=1)["cox"]
    assert {o["term"] for o in cox["left_out"]} == {"education: D-IV"}
    assert {"education: S-2", "education: S-3"} <= set(terms({"cox": cox}))
    assert 0 < terms({"cox": cox})["education: S-3"]["hazard_ratio"] < float("inf")


def reviewed(m_years: np.ndarray) -> pd.DataFrame:
    """The reviewer's rank spells: group M, ten, every one promoted (at `m_years`); group F, forty over 1 to 20
    years, every other one promoted."""
    return pd.DataFrame(
        {
            "group": ["M"] * 10 + ["F"] * 40,
            "years": np.concatenate([m_years, np.round(np.linspace(1, 20, 40), 2)]),
            "promoted": np.concatenate([np.ones(10, dtype=int), np.arange(40) % 2]),
        }
    )


def test_a_group_every_rank_spell_of_which_was_promoted_is_fitted_with_a_finite_hazard_ratio() -> None:
    """Until 2026-12-05 (the afternoon) `group: M` was left out as 'every rank spell of it ended in promotion', one
    group left and no model: the fairness view dropped the group most clearly favoured. F's promotions while M's rank
    spells wait bound its coefficient; lifelines' fit is finite and sure."""
    from lifelines import CoxPHFitter

    frame = reviewed(np.arange(2.0, 12.0))
    cox = time_to_promotion(frame, ["group"], [], min_cell=5)["cox"]
    assert cox["left_out"] == []
    assert "error" not in cox
    assert cox["reference_group"] == "F"
    assert cox["n"] == 50
    m = terms({"cox": cox})["group: M"]
    theirs = CoxPHFitter().fit(
        frame.assign(M=(frame["group"] == "M").astype(float)).drop(columns="group"), "years", "promoted"
    )
    assert m["hazard_ratio"] == round(theirs.summary.loc["M", "exp(coef)"], 4)
    assert 5 < m["hazard_ratio"] < 8
    assert 2 < m["ci"][0] < m["hazard_ratio"] < m["ci"][1] < 20
    assert m["p"] < 0.001
    assert not any("left out" in w for w in cox["warnings"])


def test_a_group_promoted_before_anyone_else_could_be_is_separated_and_left_out() -> None:
    """Every promotion of M's before any of F's, so that no promotion of F came while one of M's waited: its
    coefficient runs to infinity (lifelines stops at a hazard ratio of some 1e8, interval [0, inf])."""
    frame = reviewed(np.round(np.linspace(0.1, 0.5, 10), 2))
    cox = time_to_promotion(frame, ["group"], [], min_cell=5)["cox"]
    assert cox["left_out"] == [{"term": "group: M", "n": 10, "promoted": 10, "reason": SEPARATED_ABOVE}]
    assert cox["terms"] == []
    assert cox["error"].startswith("Too little data: fewer than two groups have an estimable hazard ratio")


def test_a_covariate_level_separated_either_way_by_the_risk_sets_is_left_out() -> None:
    frame = spells()  # every rank spell of 1 to 8 years
    frame["education"] = frame["education"].cat.add_categories(["S-2", "S-3"])
    frame.loc[1:6, ["education", "years", "promoted"]] = ["S-3", 0.5, 1]  # all promoted before anyone else
    frame.loc[7:12, ["education", "years", "promoted"]] = ["S-2", 9.0, 1]  # after everyone else had left the rank
    frame.loc[12, "promoted"] = 0
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)["cox"]
    left = {o["term"]: o["reason"] for o in cox["left_out"]}
    assert left == {
        "education: D-IV": left["education: D-IV"],
        "education: S-3": SEPARATED_ABOVE,
        "education: S-2": SEPARATED_BELOW,
    }
    assert not set(left) & set(terms({"cox": cox}))
    assert all(t["ci"][1] < 1e3 for t in cox["terms"])


def test_a_group_never_promoted_is_left_out_and_with_one_group_left_no_model_is_fitted() -> None:
    frame = spells()
    frame["group"] = np.where(frame["person"] % 3 == 0, "X", np.where(frame["person"] % 3 == 1, "F", "M"))
    frame.loc[frame["group"] == "X", "promoted"] = 0
    answer = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)
    cox = answer["cox"]
    assert "group: X" in {o["term"] for o in cox["left_out"]}
    assert "group: X" not in terms(answer)
    assert any(t.startswith("group: ") for t in terms(answer))  # F against M still compared
    frame.loc[frame["group"] == "F", "promoted"] = 0
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)["cox"]
    assert {"group: X", "group: F"} <= {o["term"] for o in cox["left_out"]}
    assert cox["terms"] == []
    assert cox["error"].startswith("Too little data: fewer than two groups have an estimable hazard ratio")


def test_nothing_left_out_where_every_level_is_estimable() -> None:
    frame = spells()
    frame.loc[0, "education"] = "S-1"
    cox = time_to_promotion(frame, ["group"], ["education", "training_jp"], min_cell=5)["cox"]
    assert cox["left_out"] == []
    assert cox["n"] == len(frame)


def test_the_risk_sets_that_separate_a_level_count_a_rank_spell_from_its_entry() -> None:
    """M's rank spells, promoted at 1.6 to 2.4 years, between two of F's promotions (1.49 and 2.46): waiting from 0
    they were at risk at 1.49 (estimable), entered late at 1.5 never (separated)."""
    frame = reviewed(np.round(np.linspace(1.6, 2.4, 10), 2))
    frame["entry"] = np.where(frame["group"] == "M", 0.01, 0.0)
    cox = time_to_promotion(frame, ["group"], [], min_cell=5)["cox"]
    assert cox["left_out"] == []
    assert "group: M" in terms({"cox": cox})
    frame["entry"] = np.where(frame["group"] == "M", 1.5, 0.0)
    cox = time_to_promotion(frame, ["group"], [], min_cell=5)["cox"]
    assert cox["left_out"] == [{"term": "group: M", "n": 10, "promoted": 10, "reason": SEPARATED_ABOVE}]
