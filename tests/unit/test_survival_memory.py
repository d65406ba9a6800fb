"""Time to promotion's Cox model at scale: the same figures as lifelines' own steps, with fewer copies of the data.

Memory is counted by tracemalloc (numpy reports its buffers to it), not timed: a step that copies the data
several times more than it needs fails, whatever the machine's speed.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from projections.merit.survival import cox_design, cox_fit, cox_fitter, glibc, memory_kept


def spells(n: int, groups: int, seed: int = 1) -> pd.DataFrame:
    """Rank spells of many groups (a wide design), whole quarters (many ties), education and JP."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "years": rng.integers(1, 60, n) / 4,
            "promoted": (rng.random(n) < 0.4).astype(int),
            "group": rng.choice([f"G{i:02d}" for i in range(groups)], n),
            "education": rng.choice(["S1", "S2", "D3", "SMA"], n, p=[0.4, 0.3, 0.2, 0.1]),  # S1 most common
            "training_jp": rng.integers(0, 5, n) * 10.0,
        }
    )


def peak_bytes(step: Callable[[], Any]) -> int:
    """The most memory `step` held at once beyond what was held before it."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        step()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_the_partial_hazards_of_the_fit_are_lifelines_own_bit_for_bit_from_one_copy_of_the_design() -> None:
    from lifelines.fitters.coxph_fitter import SemiParametricPHFitter

    design = cox_design(spells(3000, 12), ["education", "training_jp"], reference_group="G00")
    fitted = cox_fitter().fit(design, "years", "promoted")
    ours = fitted.predict_partial_hazard(design)
    theirs = SemiParametricPHFitter.predict_partial_hazard(fitted, design)
    assert np.array_equal(ours.to_numpy(), theirs.to_numpy())
    assert ours.index.tolist() == theirs.index.tolist()
    covariates = design.drop(columns=["years", "promoted"]).to_numpy().nbytes
    # lifelines' own prediction holds about five copies of the covariates at once
    assert peak_bytes(lambda: fitted.predict_partial_hazard(design)) < 1.5 * covariates


def test_the_fit_does_not_copy_the_design_before_sorting_it(monkeypatch: Any) -> None:
    design = cox_design(spells(500, 3), ["education", "training_jp"], reference_group="G00")
    copied = []
    original_copy = pd.DataFrame.copy

    def copy(self: pd.DataFrame, *args: Any, **kwargs: Any) -> pd.DataFrame:
        if self is design:
            copied.append(self)
        return original_copy(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "copy", copy)
    before = design.copy(deep=True)
    copied.clear()
    fitted = cox_fitter().fit(design, "years", "promoted")
    assert copied == []
    pd.testing.assert_frame_equal(design, before)  # the caller's design is left as it was
    assert fitted.durations.is_monotonic_increasing


def test_the_design_is_made_without_a_frame_of_every_indicator() -> None:
    frame = spells(20_000, 40)
    design = cox_design(frame, ["education", "training_jp"], reference_group="G00")
    assert list(design.columns)[:4] == ["years", "promoted", "group: G01", "group: G02"]
    assert [c for c in design.columns if c.startswith("education")] == [
        "education: D3",
        "education: S2",
        "education: SMA",
    ]
    expected = pd.get_dummies(frame["group"], prefix="group", prefix_sep=": ", dtype=float).drop(columns="group: G00")
    # the design's rows are in the fit's order (by years, then promoted), labelled as the frame's
    assert np.array_equal(design[expected.columns].to_numpy(), expected.loc[design.index].to_numpy())
    # get_dummies made a float column of every level, then a copy less the reference: about three designs at once
    assert peak_bytes(lambda: cox_design(frame, ["education", "training_jp"], reference_group="G00")) < (
        1.6 * design.to_numpy().nbytes
    )


def page_faults(step: Callable[[], Any]) -> int:
    """The minor page faults of `step`, numpy's large arrays in small pages (not huge ones, a fault each 2 MB)."""
    import resource

    hugepages = np._core.multiarray._set_madvise_hugepage(False)
    try:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        step()
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    finally:
        np._core.multiarray._set_madvise_hugepage(hugepages)


def many_tied_promotions(n: int, covariates: int, seed: int = 3) -> pd.DataFrame:
    """A Cox design where 95% of the rank spells end in promotion on the same day (as the roster's: 4 years)."""
    rng = np.random.default_rng(seed)
    tied = rng.random(n) < 0.95
    design = pd.DataFrame(
        {
            "years": np.where(tied, 4.0, rng.integers(1, 40, n) / 4),
            "promoted": np.where(tied, 1.0, (rng.random(n) < 0.5).astype(float)),
        }
    )
    for i in range(covariates):
        design[f"x{i}"] = rng.normal(size=n)
    design["group: B"] = (rng.random(n) < 0.3).astype(float)
    return design


def test_the_newton_raphson_steps_reuse_their_memory_instead_of_mapping_it_again() -> None:
    # lifelines' Efron step makes temporaries of the tied rows times the covariates (here 38 MB, above glibc's
    # 32 MB mapping threshold) on every step: mapped, zeroed by the kernel and unmapped each time (system time)
    design = many_tied_promotions(320_000, 16)
    pages = design.to_numpy().nbytes // 4096
    faults = page_faults(lambda: cox_fit(design, [f"x{i}" for i in range(16)], "A"))
    if glibc() is not None:
        assert faults < 15 * pages  # about 39 designs' pages without memory_kept, 8 with it


def test_memory_kept_reuses_freed_memory_and_gives_it_back_on_leaving() -> None:
    size = 64 * 2**20 // 8  # above the largest threshold glibc maps allocations at

    def allocate() -> None:
        np.ones(size)

    if glibc() is None:
        with memory_kept():
            allocate()
        return
    with memory_kept():
        with memory_kept():  # nested: the setting is kept until the outer one leaves
            allocate()
        kept = resident_bytes()
        assert page_faults(allocate) < 100  # the freed memory, again
    assert resident_bytes() < kept - 48 * 2**20  # the setting undone, the memory given back


def resident_bytes() -> int:
    import os

    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_the_design_is_in_the_order_lifelines_sorts_it_into_and_fits_as_the_frame_in_its_own_order() -> None:
    from lifelines import CoxPHFitter

    frame = spells(6000, 6)
    design = cox_design(frame, ["education", "training_jp"], reference_group="G00")
    # lifelines' own sort (stable: rows of equal years and promoted keep the frame's order) changes nothing
    resorted = design.sort_index().sort_values(["years", "promoted"])
    assert design.index.equals(resorted.index)
    assert design.to_numpy().tolist() == resorted.to_numpy().tolist()
    ours = cox_fitter().fit(design, "years", "promoted")
    theirs = CoxPHFitter().fit(design.sort_index(), "years", "promoted")  # the rows in the frame's order
    pd.testing.assert_frame_equal(ours.summary, theirs.summary, check_exact=True)
    assert ours.log_likelihood_ == theirs.log_likelihood_
    assert ours.concordance_index_ == theirs.concordance_index_
    pd.testing.assert_frame_equal(
        ours._predicted_partial_hazards_, theirs._predicted_partial_hazards_, check_exact=True
    )


def test_the_fit_takes_the_covariates_of_a_sorted_design_as_they_are() -> None:
    design = cox_design(spells(20_000, 12), ["education", "training_jp"], reference_group="G00")
    covariates = design.drop(columns=["years", "promoted"]).to_numpy().nbytes
    # lifelines sorted a copy of the design and copied its covariates again, one copy held through the fit; now
    # only the normalised covariates lifelines makes and its steps' temporaries (2.4 covariates' bytes at once)
    cox_fitter().fit(design.head(500), "years", "promoted")  # what lifelines imports on its first fit, first
    assert peak_bytes(lambda: cox_fitter().fit(design, "years", "promoted")) < 3.5 * covariates  # 5.3 before
