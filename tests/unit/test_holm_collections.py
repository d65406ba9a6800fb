"""The Holm step (statsmodels' multipletests, which runs a full gc.collect() on every call) leaves the
objects alive before it out of that collection, puts them back after it, and answers as statsmodels does
whatever another thread does to the collector meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from statsmodels.stats import multitest

from projections.merit.fairness import ALPHA, holm

P_VALUES = [0.01, 0.04, 0.2, 0.03]


def statsmodels_holm(p_values: list[float]) -> tuple[list[bool], list[float]]:
    reject, adjusted, _, _ = multitest.multipletests(p_values, alpha=ALPHA, method="holm")
    return [bool(r) for r in reject], [float(a) for a in adjusted]


@pytest.fixture
def full_collections() -> Iterator[list[int]]:
    """The number of objects left out (frozen) at the start of each full collection."""
    frozen: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            frozen.append(gc.get_freeze_count())

    gc.callbacks.append(seen)
    try:
        yield frozen
    finally:
        gc.callbacks.remove(seen)


def test_the_holm_steps_collection_leaves_out_the_objects_alive_before_it(full_collections: list[int]) -> None:
    alive = len(gc.get_objects())
    assert holm(P_VALUES) == statsmodels_holm(P_VALUES)
    assert full_collections[0] >= 0.9 * alive  # statsmodels' own collection walked only the call's objects
    assert gc.get_freeze_count() == 0  # and they are put back


def test_the_objects_are_put_back_when_the_holm_step_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise FloatingPointError("multipletests failed")

    monkeypatch.setattr(multitest, "multipletests", failing)
    with pytest.raises(FloatingPointError):
        holm(P_VALUES)
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("other", [gc.unfreeze, gc.freeze])
def test_another_threads_freeze_or_unfreeze_during_the_holm_step_changes_no_answer(other: Any) -> None:
    # another request's freeze or unfreeze landing just before statsmodels' collection (gunicorn's threads
    # share the collector): the collection walks more or fewer objects, the answer is the same
    def meanwhile(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            other()

    expected = statsmodels_holm(P_VALUES)
    gc.callbacks.append(meanwhile)
    try:
        answer = holm(P_VALUES)
    finally:
        gc.callbacks.remove(meanwhile)
        gc.unfreeze()
    assert answer == expected
