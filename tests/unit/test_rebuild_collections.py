"""A rebuild collects the youngest generation rarely (its rows are freed by reference counting) and
puts the collector's thresholds back when it ends, even when it fails."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from careerlog.config import Settings
from projections.framework import REBUILD_YOUNG_THRESHOLD, Projector
from projections.timeline import TimelineProjection


def test_a_rebuild_collects_the_youngest_generation_rarely_and_puts_the_thresholds_back(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    projector = Projector(Settings(database_url=f"sqlite:///{tmp_path}/views.db"), [TimelineProjection()])
    seen: list[tuple[int, int, int]] = []

    def rebuild_range(*args: Any, **kwargs: Any) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(projector, "rebuild_range", rebuild_range)
    before = gc.get_threshold()
    try:
        projector.rebuild()
        assert seen[0][0] >= REBUILD_YOUNG_THRESHOLD >= 1_000_000
        assert seen[0][1:] == before[1:]
        assert gc.get_threshold() == before

        def failing(*args: Any, **kwargs: Any) -> int:
            raise RuntimeError("a range failed")

        monkeypatch.setattr(projector, "rebuild_range", failing)
        with pytest.raises(RuntimeError):
            projector.rebuild()
        assert gc.get_threshold() == before
    finally:
        projector.close()
