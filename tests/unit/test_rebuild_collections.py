"""A rebuild collects the youngest generation rarely (its rows are freed by reference counting) and
puts the collector's thresholds back when it ends, even when it fails."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from careerlog.config import Settings
from projections.framework import REBUILD_YOUNG_THRESHOLD, Projector
from projections.registry import select
from projections.timeline import TimelineProjection
from tests import factories as f


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


def test_a_records_rows_leave_no_cycles_for_the_collector() -> None:
    """Every view's rows of a record are made without reference cycles (a judge's kept check whose wording closed
    over the judge was one): the record and what was made from it are freed by reference counting as soon as its
    rows are made, not left, with everything they hold, to the collector the rebuild runs rarely."""
    builder = f.CareerBuilder().add(
        "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    )
    builder.add("performance_rating", f.rating(2012), "2013-01-15T00:00:00+00:00")
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), "2014-04-10T00:00:00+00:00")
    builder.add("performance_rating", f.rating(2013), "2014-06-01T00:00:00+00:00")
    builder.add("rank_promotion", f.promotion("III/c", "2018-10-01"), "2018-10-10T00:00:00+00:00")
    record = builder.record()
    views = select(None)
    for projection in views:  # the reference data and rules read once, outside what is counted
        projection.tuples(record) if projection.gives_tuples else projection.rows(record)
    gc.collect()
    gc.disable()
    try:
        for projection in views:
            made = projection.tuples(record) if projection.gives_tuples else projection.rows(record)
            assert any(made.values()) or projection.name not in {"merit", "timeline", "roster"}
            del made
            assert gc.collect() == 0, projection.name
    finally:
        gc.enable()
