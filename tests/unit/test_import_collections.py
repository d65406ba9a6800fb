"""A file import collects cyclic garbage less often, and puts the collector's thresholds back."""

from __future__ import annotations

import gc

import pytest

from careerlog.importing import GC_YOUNG_THRESHOLD, fewer_collections


def test_the_collectors_thresholds_are_raised_while_importing_and_put_back_after_the_last_import() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        raised = gc.get_threshold()
        with fewer_collections():
            assert gc.get_threshold() == raised
        assert gc.get_threshold() == raised
    assert raised == (max(before[0], GC_YOUNG_THRESHOLD), before[1], before[2])
    assert gc.get_threshold() == before


def test_the_thresholds_are_put_back_when_an_import_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError, match="a failed import"), fewer_collections():
        raise ValueError("a failed import")
    assert gc.get_threshold() == before
