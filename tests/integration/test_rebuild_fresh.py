"""A rebuild inserts its rows into the tables it made empty without deleting the subjects' rows first
(`RowBatch.changes(fresh=True)`); rows a worker catching up meanwhile wrote are replaced as before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from careerlog.application import CareerLog
from projections.career import CareerRecord
from projections.framework import Projector, RowBatch
from tests import factories as f
from tests.integration.test_projections import clock, dump, ledger, populate, projector

__all__ = ["clock", "ledger", "projector"]  # the fixtures of test_projections, used here too


def test_rows_a_worker_wrote_while_the_rebuild_ran_are_replaced_by_the_rebuilds(
    ledger: CareerLog, clock: f.Clock, projector: Projector, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(ledger, clock)
    projector.rebuild()
    serial = dump(projector.views.sql)
    head = ledger.max_notification_id()
    subjects = sorted({r["subject"] for r in serial["timeline"]})
    earlier = projector.load_records(subjects, head // 2)  # as a worker behind the rebuild knows them
    reading = projector.iter_records

    def worker_first(
        upto: int, chunk: int = 2000, *, after: str = "", last: str | None = None
    ) -> Iterator[CareerRecord]:
        # the tables are made empty: a worker catching up writes its rows of every subject before the rebuild's
        batch = RowBatch(projector.projections)
        for subject in subjects:
            batch.add(subject, earlier.get(subject))
        for projection in projector.projections:
            projector.views.write(projection.name, None, batch.changes(projection))
        assert dump(projector.views.sql) != serial  # the worker's rows are older than the rebuild's
        yield from reading(upto, chunk, after=after, last=last)

    monkeypatch.setattr(projector, "iter_records", worker_first)
    projector.rebuild()
    assert dump(projector.views.sql) == serial


def test_a_catch_up_after_a_correction_replaces_the_subjects_rows(
    ledger: CareerLog, clock: f.Clock, projector: Projector
) -> None:
    populate(ledger, clock)
    projector.rebuild()
    subject = dump(projector.views.sql)["training"][0]["subject"]
    version = dump(projector.views.sql)["training"][0]["version"]
    clock.set("2024-01-02T02:00:00+00:00")
    ledger.record(subject, "correction", f.correction(version, "2024-01-02", hours=20), actor="hr")
    projector.catch_up()
    incremental = dump(projector.views.sql)
    projector.rebuild()
    assert dump(projector.views.sql) == incremental
    assert [r["hours"] for r in incremental["training"] if (r["subject"], r["version"]) == (subject, version)] == [20]
