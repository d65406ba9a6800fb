"""A log whose mentoring start was corrected before such corrections were carried to the mentor's side (a123e6b)
is restored whole from its export, as it was recorded.

Found reviewing a123e6b: a migration import derived the mentor's correction from the mentee's row, as a live
correction now does, so the restored mentor's record gained a version the store never held, and the mentor's next
row in the export (a training recorded as version 3) was rejected: "Would be version 4 of ..., not 3". A migration
derives no correction now; the mentor's side's correction that a live correction makes is exported as a row and
imported by the migration as it stands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.domain.events import EventCorrected
from tests import factories as f
from tests.integration.test_mentoring_correction_mirrored import MENTEE, MENTOR, corrected_mentoring


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (two records' facts alone: one store shows it)
    return sqlite_url


def events(app: CareerLog) -> dict[str, list[tuple[str, int, object]]]:
    kept = ("effective_date", "target_version", "corrected_fields")
    return {
        nip: [
            (type(e).__name__, e.originator_version, {k: getattr(e, k) for k in kept if hasattr(e, k)})
            for e in app.get_events(nip)
        ]
        for nip in (MENTEE, MENTOR)
    }


def restored(app: CareerLog, tmp_path: Path) -> dict[str, list[tuple[str, int, object]]]:
    with f.restored_copy(app, tmp_path) as copy:
        return events(copy)


def test_a_log_recorded_before_corrections_were_carried_to_the_mentor_is_restored_as_it_was(
    app: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    carried = CareerLog._mirror

    def as_before(self: CareerLog, uow: object, employee: object, event_cls: type, *rest: object) -> object:
        return [] if event_cls is EventCorrected else carried(self, uow, employee, event_cls, *rest)  # type: ignore[arg-type]

    with monkeypatch.context() as before:
        before.setattr(CareerLog, "_mirror", as_before)
        corrected_mentoring(app)  # (the mentor's MenteeAssigned kept at 2020-03-01, version 2)
    app.record(MENTOR, "training", f.training("2022-01-05", start="2022-01-01", reference="T-1"), actor="hr")
    assert restored(app, tmp_path) == events(app)


def test_a_log_whose_mentor_side_was_corrected_with_it_is_restored_as_it_was(app: CareerLog, tmp_path: Path) -> None:
    corrected_mentoring(app)  # (the mentor's version 3: the correction carried to it)
    app.record(MENTOR, "training", f.training("2022-01-05", start="2022-01-01", reference="T-1"), actor="hr")
    assert [type(e).__name__ for e in app.get_events(MENTOR)][-2:] == ["EventCorrected", "TrainingCompleted"]
    assert restored(app, tmp_path) == events(app)
