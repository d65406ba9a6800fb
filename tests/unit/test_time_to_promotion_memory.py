"""Time to promotion at a million employees: what is held through the Cox fits is smaller, the answers the same.

Memory is counted by tracemalloc (numpy reports its buffers to it) or by the bytes of the frames, not timed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from projections.merit.fairness import FairnessQueries, Request
from projections.merit.survival import as_text, cox_design, cox_fit, cox_fitter, rank_spells, time_to_promotion
from tests.unit.test_survival_memory import spells

COVARIATES = ["education", "training_jp"]


def float_design(design: pd.DataFrame) -> pd.DataFrame:
    """The design as one block of floats (as it was made before its indicators took a byte a row)."""
    return pd.DataFrame(design.to_numpy(dtype=float), columns=design.columns, index=design.index)


def test_the_design_holds_each_indicator_in_a_byte_a_row() -> None:
    design = cox_design(spells(20_000, 40), COVARIATES, reference_group="G00")
    indicators = [c for c in design.columns if c.startswith(("group: ", "education: "))]
    assert len(indicators) == 39 + 3
    assert (design[indicators].dtypes == np.uint8).all()
    assert (design[["years", "promoted", "training_jp"]].dtypes == np.float64).all()
    # 45 columns of 8 bytes a row before; now 3 of 8 and 42 of 1
    assert design.memory_usage(index=False).sum() < 0.2 * float_design(design).memory_usage(index=False).sum()


def test_a_fit_of_the_byte_design_is_lifelines_fit_of_the_float_design_bit_for_bit() -> None:
    from lifelines import CoxPHFitter

    design = cox_design(spells(6000, 6), COVARIATES, reference_group="G00")
    ours = cox_fitter().fit(design, "years", "promoted")
    theirs = CoxPHFitter().fit(float_design(design), "years", "promoted")
    pd.testing.assert_frame_equal(ours.summary, theirs.summary, check_exact=True)
    assert ours.log_likelihood_ == theirs.log_likelihood_
    assert ours.concordance_index_ == theirs.concordance_index_
    pd.testing.assert_frame_equal(
        ours._predicted_partial_hazards_, theirs._predicted_partial_hazards_, check_exact=True
    )
    assert cox_fit(design, COVARIATES, "G00") == cox_fit(float_design(design), COVARIATES, "G00")


def test_the_fit_takes_the_byte_design_without_a_copy_of_it() -> None:
    import tracemalloc

    design = cox_design(spells(20_000, 12), COVARIATES, reference_group="G00")
    covariates = design.drop(columns=["years", "promoted"]).to_numpy(dtype=float).nbytes
    cox_fitter().fit(design.head(500), "years", "promoted")  # what lifelines imports on its first fit, first
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        cox_fitter().fit(design, "years", "promoted")
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    # lifelines' normalised covariates, its float copy of them (made and dropped) and its steps' temporaries;
    # lifelines' own preprocessing (a sorted copy, then a float copy held through the fit) more than 4.5
    assert peak < 3.6 * covariates


class Spells(FairnessQueries):
    """Fairness queries over frames given here instead of a store's views."""

    def __init__(self, spells: pd.DataFrame, training: pd.DataFrame):
        super().__init__(None, today=pd.Timestamp("2026-06-30").date())  # type: ignore[arg-type]
        self.spells, self.training = spells, training

    def _spells(self) -> pd.DataFrame:
        return self.spells

    def _training(self) -> pd.DataFrame:
        return self.training

    def _performance(self) -> pd.DataFrame | None:
        return None


def roster_spells(people: int, seed: int = 2) -> pd.DataFrame:
    """Roster spells of `people` employees, each in one to three ranks (III/a, III/b, III/c), some attributes
    missing."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    for p in range(people):
        start = pd.Timestamp("2008-01-01") + pd.Timedelta(days=int(rng.integers(0, 3000)))
        attributes = {
            "agency": rng.choice(["A1", "A2", "A3"]),
            "unit": f"U{rng.integers(0, 9)}",
            "region": rng.choice(["11", "12", None]),
            "education": rng.choice(["S1", "S2", "D3", None], p=[0.5, 0.3, 0.15, 0.05]),
            "employment_kind": "PNS",
            "sex": rng.choice(["F", "M"]),
            "birth_date": f"19{rng.integers(60, 99)}-0{rng.integers(1, 9)}-1{rng.integers(0, 9)}",
            "recruitment_path": rng.choice(["CPNS", "P3K", None]),
        }
        for seq, rank in enumerate(["III/a", "III/b", "III/c"][: int(rng.integers(1, 4))]):
            end = start + pd.Timedelta(days=int(rng.integers(300, 2500)))
            rows.append(
                {
                    "subject": f"s{p:04d}",
                    "seq": seq,
                    "start_date": start.date().isoformat(),
                    "end_date": end.date().isoformat() if rng.random() < 0.9 or seq < 2 else None,
                    "rank": rank,
                    **attributes,
                }
            )
            start = end
    return pd.DataFrame(rows)


def test_the_rank_spells_held_through_the_fits_keep_their_attributes_as_categoricals() -> None:
    spells = roster_spells(300)
    training = pd.DataFrame({"subject": ["s0001"], "start_date": ["2010-05-01"], "hours": [30]})
    queries = Spells(spells, training)
    runs, covariates = queries._rank_spells(Request.checked("sex", None, None, None, 1), "2026-06-30")
    for name in ("agency", "region", "education", "employment_kind", "sex", "birth_date", "recruitment_path"):
        assert isinstance(runs[name].dtype, pd.CategoricalDtype), name
    # the answers are those of the rank spells with text columns (None where missing), as `rank_spells` makes them
    text = rank_spells(spells, end="2026-06-30").drop(columns=["subject", "rank", "stop", "unit"])
    text["training_jp"] = runs["training_jp"]
    text["person"] = runs["person"]  # the employee by number, for the Cox model's clustered errors
    assert text["region"].isna().any()
    assert as_text(runs, list(runs.columns)).equals(text)
    for by in (["sex"], ["age_band"], ["region", "education"], ["recruitment_path"]):
        assert time_to_promotion(runs, by, covariates, min_cell=1) == time_to_promotion(
            text, by, covariates, min_cell=1
        ), by


def test_the_checks_after_a_separated_fit_are_lifelines_own_without_a_float_copy_of_the_covariates() -> None:
    import tracemalloc
    import warnings

    from lifelines import CoxPHFitter

    frame = spells(100_000, 6)
    frame.loc[frame["group"] == "G05", "promoted"] = 0  # never promoted: separated, lifelines checks after the fit
    design = cox_design(frame, COVARIATES, reference_group="G00")
    caught, fitted = {}, {}
    for name, fitter, data in (("ours", cox_fitter(), design), ("theirs", CoxPHFitter(), float_design(design))):
        with warnings.catch_warnings(record=True) as found:
            warnings.simplefilter("always")
            fitted[name] = fitter.fit(data, "years", "promoted")
        caught[name] = sorted(str(w.message) for w in found)
    assert caught["ours"] == caught["theirs"]
    assert any("low variance when conditioned on death event" in m for m in caught["ours"])
    covariates = float_design(design).drop(columns=["years", "promoted"])  # as lifelines' normalised ones:
    covariates = pd.DataFrame(np.asfortranarray(covariates), index=covariates.index, columns=covariates.columns)
    events = design["promoted"].astype(bool)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fitted["ours"]._check_values_post_fitting(covariates, design["years"], events, None)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    # the rows of each outcome copied in turn (about one copy in all); lifelines' variance of the covariates as one
    # block made a float copy, a mask and the squares of it on top (about 2.2 copies)
    assert peak < 1.2 * covariates.to_numpy().nbytes
