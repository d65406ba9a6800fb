"""A Cox fit that does not converge at lifelines' default Newton-Raphson step (0.95) is refitted with a smaller step
and the first that converges kept, said in `cox.warnings`; a fit converged at no step gives no hazard ratio.

A reviewer's case: promotions come on fixed dates, so one group's rank spells may all end in promotion on one day
that is also the day of another group's promotion. 10 rank spells of M all promoted at 1.49 years, one of F's
promotions on that day too: M's hazard ratio is finite (F's promotion while M's rank spells waited bounds it), about
107.4 by a bounded maximisation of the partial likelihood. At step 0.95 lifelines' Newton steps overshoot: its
batch step halts on a NaN (ConvergenceError), its single step stops "converged" at a hazard ratio of 5.9e-183, which
the answer showed as 0.0 with no interval and no p."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from lifelines import CoxPHFitter

from projections.merit import survival
from projections.merit.survival import time_to_promotion


def tied_promotions() -> pd.DataFrame:
    """M's 10 rank spells all promoted at 1.49 years; F's 40 evenly over 1 to 20 years, every other one promoted,
    one of them at 1.49."""
    f = pd.DataFrame({"group": "F", "years": np.round(np.linspace(1, 20, 40), 2), "promoted": np.arange(40) % 2})
    m = pd.DataFrame({"group": "M", "years": np.full(10, 1.49), "promoted": 1})
    frame = pd.concat([m, f], ignore_index=True)
    assert frame[(frame["group"] == "F") & (frame["years"] == 1.49)]["promoted"].tolist() == [1]
    return frame


def lifelines_at(step: float) -> Any:
    frame = tied_promotions()
    design = frame.assign(M=(frame["group"] == "M").astype(float)).drop(columns="group")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CoxPHFitter().fit(design, "years", "promoted", fit_options={"step_size": step}).summary.loc["M"]


def cox(monkeypatch: pytest.MonkeyPatch, *, batch: bool) -> dict[str, Any]:
    # lifelines' batch Efron step halts (NaN), its single step ends at 5.9e-183: each fails its own way
    monkeypatch.setattr(survival, "efron_batch", lambda times: batch)
    answer = time_to_promotion(tied_promotions(), ["group"], [], min_cell=5)["cox"]
    assert answer is not None
    return answer


@pytest.mark.parametrize("batch", [True, False], ids=["batch step", "single step"])
def test_a_group_all_promoted_on_a_day_tied_with_another_groups_promotion_gets_its_finite_hazard_ratio(
    monkeypatch: pytest.MonkeyPatch, batch: bool
) -> None:
    answer = cox(monkeypatch, batch=batch)
    assert answer["left_out"] == []
    assert "error" not in answer
    [term] = answer["terms"]
    assert term["term"] == "group: M"
    assert term["hazard_ratio"] == pytest.approx(107.447, rel=1e-3)  # a bounded maximisation gives 107.4470
    assert term["p"] < 1e-4
    assert term["ci"][0] > 10
    assert term["ci"][1] < 1000
    # lifelines' own fit at the smaller step, to the figures printed
    theirs = lifelines_at(0.5)
    assert term["hazard_ratio"] == survival.rounded(theirs["exp(coef)"])
    assert term["p"] == survival.p_value(theirs["p"])
    # the refit is said, with lifelines' reason at the default step; the failed fit's own warnings (low variance)
    # are not passed on
    [said] = answer["warnings"]
    # (which of lifelines' two reasons its default step fails with depends on the machine's floating point: the batch
    # step gave "delta contains nan" on earlier machines and "norm(delta) is still high" on 2026-12-06's seventh)
    reasons = ("delta contains nan value(s)).", "norm(delta) is still high, ")
    assert said.startswith(
        "The Cox model was refitted with a smaller Newton-Raphson step (0.5): at step 0.95 it did not converge"
        " (lifelines: "
    )
    assert any(reason in said for reason in reasons)


def test_the_hazard_ratio_is_the_maximum_of_the_partial_likelihood() -> None:
    # statsmodels' Efron partial likelihood (its own Newton diverges here too), maximised over a bounded interval
    from scipy.optimize import minimize_scalar
    from statsmodels.duration.hazard_regression import PHReg

    frame = tied_promotions()
    model = PHReg(
        frame["years"], (frame["group"] == "M").to_numpy(float)[:, None], status=frame["promoted"], ties="efron"
    )
    best = minimize_scalar(lambda b: -model.loglike(np.array([b])), bounds=(0, 10), method="bounded")
    assert np.exp(best.x) == pytest.approx(107.447, rel=1e-4)
    # the default step's answer was 5.9e-183: not a maximum
    assert lifelines_at(0.95)["exp(coef)"] < 1e-100


def test_a_fit_that_converges_at_no_step_gives_no_hazard_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(survival, "STEP_SIZES", (0.95,))  # as if the smaller steps failed too
    answer = cox(monkeypatch, batch=False)
    assert answer["terms"] == []
    assert answer["error"].startswith(
        "The Cox model did not converge: Newton-Raphson convergence completed successfully but norm(delta) is still"
        " high"
    )


def test_a_fit_that_converges_at_the_default_step_is_fitted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = tied_promotions()
    frame.loc[frame["group"] == "M", "years"] = np.linspace(2, 11, 10)  # M's promotions spread: no overshoot
    attempts: list[float] = []
    attempt = survival.cox_attempt

    def counted(*args: Any) -> Any:
        attempts.append(args[-1])
        return attempt(*args)

    monkeypatch.setattr(survival, "cox_attempt", counted)
    answer = time_to_promotion(frame, ["group"], [], min_cell=5)["cox"]
    assert attempts == [0.95]
    assert not any("refitted" in w for w in answer["warnings"])
    assert answer["terms"][0]["hazard_ratio"] == survival.rounded(
        CoxPHFitter()
        .fit(frame.assign(M=(frame["group"] == "M").astype(float)).drop(columns="group"), "years", "promoted")
        .summary.loc["M", "exp(coef)"]
    )
