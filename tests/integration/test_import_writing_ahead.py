"""An import writes each batch while it decides the next (WritingAhead): the results of batches recorded in turn."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
from eventsourcing.persistence import OperationalError

import careerlog.application as application
from careerlog.application import CareerLog, Command
from careerlog.config import Settings
from careerlog.domain.ledger import Outcome
from careerlog.importing import import_file, writes_ahead
from careerlog.persistence import insert_stored_events
from tests import factories as f
from tests.integration.test_import_export import MENTEE, MENTOR, rows, write_jsonl

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.fixture(autouse=True)
def writing_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chosen, on both stores (an import writes ahead only when CAREERLOG_IMPORT_WRITE_AHEAD=on)."""
    monkeypatch.setenv("CAREERLOG_IMPORT_WRITE_AHEAD", "on")


def career_rows() -> list[dict[str, Any]]:
    """Two careers whose rows depend on the rows before them (appointed first, promoted in order, mentoring)."""
    return [
        *rows()[:7],
        {"kind": "rank_promotion", "nip": MENTEE, **f.promotion("III/b", "2019-04-01", reference="KP-C")},
        {"kind": "training", "nip": MENTOR, **f.training("2021-01-03", reference="C2")},
        {"kind": "retraction", "nip": MENTEE, **f.retraction(4, "2021-02-01")},  # the mentoring (and its mirror)
        {"kind": "rank_promotion", "nip": MENTEE, **f.promotion("III/c", "2023-04-01", reference="KP-D")},
    ]


def stored(app: CareerLog) -> list[tuple[str, int, str, bytes]]:
    rows = app.recorder.select_notifications(start=1, limit=1000)
    return [(n.originator_id, n.originator_version, n.topic, n.state) for n in rows]


def serial(settings: Settings, path: Path) -> tuple[list[Any], list[Any]]:
    """Results and stored rows of the rows recorded one batch after the other (record_batch), one row a batch."""
    from careerlog.importing import row_to_command

    lines = enumerate(path.read_bytes().splitlines(), start=1)
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        results = [
            app.record_batch([row_to_command(n, orjson.loads(raw), migration=False)], actor="hr")[0] for n, raw in lines
        ]
        return results, stored(app)


@pytest.fixture
def slow_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each batch is written only once the next batch has been decided (the last after 0.3 s): a batch is decided
    before the one before it is written. The number of rows of each write, in order."""
    decided = threading.Condition()
    count = [0]
    sizes: list[int] = []
    decide = CareerLog.decide_batch

    def decide_then_tell(self: CareerLog, *args: Any) -> Any:
        try:
            return decide(self, *args)
        finally:
            with decided:
                count[0] += 1
                decided.notify_all()

    def write_later(recorder: Any, rows: list[Any], claims: Any = None) -> None:
        with decided:
            decided.wait_for(lambda: count[0] > len(sizes) + 1, timeout=0.3)
        sizes.append(len(rows))
        insert_stored_events(recorder, rows, claims)

    monkeypatch.setattr(CareerLog, "decide_batch", decide_then_tell)
    monkeypatch.setattr(application, "insert_stored_events", write_later)
    return sizes


def before_each_write(monkeypatch: pytest.MonkeyPatch, before: Callable[[int], None]) -> list[int]:
    """Call `before` with the number of each batch's write (from 1) before it writes; the rows of each, in order."""
    writes: list[int] = []

    def write(recorder: Any, rows: list[Any], claims: Any = None) -> None:
        writes.append(len(rows))
        before(len(writes))
        insert_stored_events(recorder, rows, claims)

    monkeypatch.setattr(application, "insert_stored_events", write)
    return writes


def test_a_batch_decided_before_the_one_before_is_written_sees_its_records(
    settings: Settings, tmp_path: Path, slow_writes: list[int]
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", career_rows())
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        report = import_file(app, path, actor="hr", batch_size=1)
        ahead = stored(app)
    assert slow_writes == [1, 1, 1, 1, 1, 2, 1, 1, 2, 1]  # each good row's events (a mentoring's: its mirror too)
    results, one_by_one = serial(Settings(database_url=f"sqlite:///{tmp_path}/serial.db"), path)
    assert ahead == one_by_one
    assert report.recorded == sum(1 for r in results if isinstance(r, Outcome)) == 10
    assert [(p.line, p.errors) for p in report.rejected] == [(4, results[3].errors)]


def test_a_batch_that_meets_a_concurrent_write_is_redone_alone_and_the_next_decided_again(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", career_rows())

    def someone_writes_before_the_fifth(number: int) -> None:
        if number == 5:  # lines 9 and 10 (MENTOR's training): someone rates MENTOR first
            with CareerLog.from_settings(settings, clock=lambda: f.NOW) as other:
                other.record(MENTOR, "performance_rating", f.rating(2016), actor="other")

    writes = before_each_write(monkeypatch, someone_writes_before_the_fifth)
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        redone: list[list[int]] = []
        decided: list[list[int]] = []
        redo, decide = app.redo_alone, app.decide_batch

        def redo_and_note(commands: Sequence[Command], actor: str, guard: Any = None) -> Any:
            redone.append([c.line for c in commands])
            return redo(commands, actor, guard)

        def decide_and_note(commands: Sequence[Command], actor: str, uow: Any) -> Any:
            decided.append([c.line for c in commands])
            return decide(commands, actor, uow)

        monkeypatch.setattr(app, "redo_alone", redo_and_note)
        monkeypatch.setattr(app, "decide_batch", decide_and_note)
        report = import_file(app, path, actor="hr", batch_size=2)
        mentor = [(row["kind"], row["version"]) for row in app.get_history(MENTOR)]
        mentee = [(row["kind"], row["version"]) for row in app.get_history(MENTEE)]
    assert writes == [2, 1, 2, 3, 3, 1]
    assert redone == [[9, 10]]  # that batch alone, one by one
    assert decided == [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11], [11]]  # and the next one decided again
    assert (report.recorded, [p.line for p in report.rejected]) == (10, [4])
    assert mentor == [
        ("appointment", 1),
        ("rank_promotion", 2),
        ("mentee_assigned", 3),
        ("performance_rating", 4),
        ("training", 5),
        ("retraction", 6),
    ]
    assert [kind for kind, _ in mentee] == [
        "appointment",
        "training",
        "correction",
        "mentoring_start",
        "rank_promotion",
        "retraction",
        "rank_promotion",
    ]


def test_a_write_that_fails_stops_the_import_with_the_batches_before_it_written(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", career_rows())

    def fail_third(number: int) -> None:
        if number == 3:
            raise OperationalError("disk full")

    writes = before_each_write(monkeypatch, fail_third)
    done: list[int] = []
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        with pytest.raises(OperationalError, match="disk full"):
            import_file(app, path, actor="hr", batch_size=2, progress=done.append)
        assert [(s, v) for s, v, _, _ in stored(app)] == [(MENTOR, 1), (MENTEE, 1), (MENTOR, 2)]
    assert len(writes) == 3  # the fourth batch was decided, never written
    sizes = [len(line) for line in path.read_bytes().splitlines(keepends=True)]
    assert done == [sizes[0] + sizes[1], sizes[2] + sizes[3]]  # the bytes of the batches written


def test_an_import_without_writing_ahead_gives_the_same_rows_and_report(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", career_rows())
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        ahead = import_file(app, path, actor="hr", batch_size=3)
        written = stored(app)
    monkeypatch.setenv("CAREERLOG_IMPORT_WRITE_AHEAD", "off")
    monkeypatch.setattr(application.WritingAhead, "add", lambda *a: pytest.fail("wrote ahead"))
    with CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/off.db"), clock=lambda: f.NOW) as app:
        assert import_file(app, path, actor="hr", batch_size=3).to_dict() == ahead.to_dict()
        assert stored(app) == written


def test_an_import_writes_ahead_only_when_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off by default on both stores: on this machine the writing thread cost CPU and gave no time back. `yes` is
    on, as it is for CAREERLOG_SECURE_COOKIES (it was read as off: test_import_write_ahead_setting)."""
    monkeypatch.delenv("CAREERLOG_IMPORT_WRITE_AHEAD")
    assert not writes_ahead()
    for value, chosen in (("On", True), (" on ", True), ("off", False), ("yes", True), ("", False)):
        monkeypatch.setenv("CAREERLOG_IMPORT_WRITE_AHEAD", value)
        assert writes_ahead() is chosen
