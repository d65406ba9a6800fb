"""An import takes up the record the batch before ended with as that batch left it, instead of reading it back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

import careerlog.application as application
from careerlog.application import CareerLog, Command
from careerlog.config import Settings
from careerlog.importing import import_file
from careerlog.persistence import insert_stored_events
from tests import factories as f
from tests.integration.test_import_export import MENTEE, MENTOR, write_jsonl
from tests.integration.test_import_writing_ahead import career_rows, stored

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.fixture(autouse=True)
def not_writing_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAREERLOG_IMPORT_WRITE_AHEAD", raising=False)


def found_records(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The subjects whose records the import reads back from the store (in order)."""
    found: list[str] = []
    get_aggregates = CareerLog.get_aggregates

    def note(self: CareerLog, subjects: Sequence[str]) -> Any:
        records = get_aggregates(self, subjects)
        found.extend(records)
        return records

    monkeypatch.setattr(CareerLog, "get_aggregates", note)
    return found


def after_each_write(monkeypatch: pytest.MonkeyPatch, after: Callable[[int], None]) -> list[int]:
    """Call `after` with the number of each batch's write (from 1) once it is written; the rows of each."""
    writes: list[int] = []

    def write(recorder: Any, rows: list[Any], claims: Any = None) -> None:
        insert_stored_events(recorder, rows, claims)
        writes.append(len(rows))
        after(len(writes))

    monkeypatch.setattr(application, "insert_stored_events", write)
    return writes


def test_the_record_a_batch_ends_with_is_not_read_back_by_the_next(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", career_rows())
    with CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/one.db"), clock=lambda: f.NOW) as app:
        whole = import_file(app, path, actor="hr")  # one batch
        expected = stored(app)
    found = found_records(monkeypatch)
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        report = import_file(app, path, actor="hr", batch_size=2)
        assert stored(app) == expected
    assert report.to_dict() == whole.to_dict()
    assert (report.recorded, [p.line for p in report.rejected]) == (10, [4])
    # batches (their last row's record): lines 1-2 (MENTEE), 3-4 (MENTOR), 5-6 (MENTEE), 7-8 (MENTEE, with MENTOR as
    # mentor), 9-10 (MENTOR's training, MENTEE's retraction mirrored to MENTOR), 11 (MENTEE): read back unless the
    # batch before ended with it (every batch read its records: MENTOR, MENTEE, MENTOR, MENTEE, MENTOR, MENTEE, MENTEE)
    assert found == [MENTOR, MENTEE, MENTOR, MENTOR]


def test_a_record_written_by_someone_else_between_batches_is_redone_from_the_store(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", career_rows())

    def someone_trains_mentee_after_the_fourth(number: int) -> None:
        if number == 4:  # lines 7 and 8 (MENTEE's, carried) written; lines 9 and 10 (MENTEE's retraction) come next
            with CareerLog.from_settings(settings, clock=lambda: f.NOW) as other:
                other.record(MENTEE, "training", f.training("2020-06-01", reference="OTHER"), actor="other")

    writes = after_each_write(monkeypatch, someone_trains_mentee_after_the_fourth)
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        redone: list[list[int]] = []
        redo = app.redo_alone

        def redo_and_note(commands: Sequence[Command], actor: str, guard: Any = None) -> Any:
            redone.append([c.line for c in commands])
            return redo(commands, actor, guard)

        monkeypatch.setattr(app, "redo_alone", redo_and_note)
        report = import_file(app, path, actor="hr", batch_size=2)
        mentor = " ".join(f"{row['version']}:{row['kind']}" for row in app.get_history(MENTOR))
        mentee = " ".join(row["kind"] for row in app.get_history(MENTEE))
    assert writes == [2, 1, 2, 3, 1]  # the fifth batch met the rating: redone alone, written one by one; then line 11
    assert redone == [[9, 10]]
    assert (report.recorded, [p.line for p in report.rejected]) == (10, [4])
    assert mentor == "1:appointment 2:rank_promotion 3:mentee_assigned 4:training 5:retraction"
    assert mentee == "appointment training correction mentoring_start rank_promotion training retraction rank_promotion"
