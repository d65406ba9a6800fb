"""A correction that changes nothing is refused, naming each field it names; running the same file again stays
harmless (a correction already recorded is "already recorded", before anything is judged), and a migration
reproduces a log holding such a correction (recorded before it was refused) as it was.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog, Migration
from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import UNCHANGED
from careerlog.exporting import export_events
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()


def write(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in items))
    return path


def with_training(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", f.training("2020-01-03", hours=24, start="2020-01-01"), actor="hr")  # version 2


def test_a_correction_that_changes_nothing_is_refused_naming_each_field_and_records_nothing(app: CareerLog) -> None:
    with_training(app)
    same = f.correction(2, "2021-01-01", hours=24, organiser="BKPSDM Kota Medan")
    with pytest.raises(InvalidInput) as e:
        app.record(NIP, "correction", same, actor="hr")
    assert e.value.errors == {
        "corrected_fields.hours": ["Is already 24: a correction changes at least one value."],
        "corrected_fields.organiser": ["Is already BKPSDM Kota Medan: a correction changes at least one value."],
    }
    [reason] = e.value.errors["corrected_fields.hours"]
    assert reason.refusal is UNCHANGED  # type: ignore[attr-defined]
    assert app.get_employee(NIP).version == 2  # nothing recorded
    # a code in another spelling is the same value: 'TEKNIS' as 'teknis'
    with pytest.raises(InvalidInput) as e:
        app.record(NIP, "correction", f.correction(2, "2021-01-01", training_kind="teknis"), actor="hr")
    assert list(e.value.errors) == ["corrected_fields.training_kind"]


def test_a_correction_changing_one_of_its_fields_is_recorded(app: CareerLog) -> None:
    with_training(app)
    one_changed = f.correction(2, "2021-01-01", hours=20, organiser="BKPSDM Kota Medan")
    outcome = app.record(NIP, "correction", one_changed, actor="hr")
    assert (outcome.version, outcome.created) == (3, True)
    assert app.get_employee(NIP).facts[2].values["hours"] == 20
    # the same value again, under another reference, changes nothing now
    with pytest.raises(InvalidInput) as e:
        app.record(NIP, "correction", f.correction(2, "2021-02-01", hours=20), actor="hr")
    assert list(e.value.errors) == ["corrected_fields.hours"]


def test_importing_a_correction_file_again_counts_its_rows_already_recorded(app: CareerLog, tmp_path: Path) -> None:
    with_training(app)
    correction = {"kind": "correction", "nip": NIP, **f.correction(2, "2021-01-01", hours=20)}
    same_again = {"kind": "correction", "nip": NIP, **f.correction(2, "2021-02-01", hours=20)}
    path = write(tmp_path / "ralat.jsonl", [correction, same_again])
    first = import_file(app, path, actor="hr")
    assert (first.recorded, first.already_recorded) == (1, 0)
    assert [(p.line, list(p.errors)) for p in first.rejected] == [(2, ["corrected_fields.hours"])]
    again = import_file(app, path, actor="hr")  # the first row is recorded: it is not judged again
    assert (again.recorded, again.already_recorded) == (0, 1)
    assert [(p.line, list(p.errors)) for p in again.rejected] == [(2, ["corrected_fields.hours"])]
    assert app.get_employee(NIP).version == 3


def test_a_migration_reproduces_a_correction_that_changed_nothing(app: CareerLog, tmp_path: Path) -> None:
    """A store may hold one, recorded before such a correction was refused: its export imports to the same log."""
    at = "2021-01-05T02:00:00+00:00"  # (the correction's recorded time, the training's too: any time before now)
    rows = [
        {"kind": "appointment", "nip": NIP, **f.appointment(), "recorded_at": "2010-03-05T02:00:00+00:00"},
        {"kind": "training", "nip": NIP, **f.training("2020-01-03", hours=24, start="2020-01-01"), "recorded_at": at},
        {"kind": "correction", "nip": NIP, **f.correction(2, "2021-01-01", hours=24), "recorded_at": at},
    ]
    report = import_file(app, write(tmp_path / "old.jsonl", rows), actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (3, [])
    out = io.BytesIO()
    export_events(app, out)
    assert b'"corrected_fields":{"hours":24}' in out.getvalue()
    # the one-row way of a migration too
    migration = Migration(f.NOW, "admin", True)
    outcome = app.record(NIP, "correction", f.correction(2, "2021-02-01", hours=24), actor="admin", migration=migration)
    assert outcome.created


def last_event(app: CareerLog) -> Any:
    return app.events_of([NIP])[NIP][-1]


def test_a_field_sent_with_the_value_it_holds_is_left_out_of_the_correction(app: CareerLog) -> None:
    """Found by an exploratory tester (2026-12-05): a correction of a new title sent with the JP the training held
    (24) was recorded with both, and its timeline said "it set Title: ...; Lesson hours (JP): 24"."""
    with_training(app)
    both = f.correction(2, "2021-01-01", title="Pengelolaan Arsip Elektronik", hours=24)
    outcome = app.record(NIP, "correction", both, actor="hr")
    assert (outcome.version, outcome.created) == (3, True)
    assert last_event(app).corrected_fields == {"title": "Pengelolaan Arsip Elektronik"}
    # sent again as first sent (the same reference): already recorded, not a conflict over the field left out
    again = app.record(NIP, "correction", both, actor="hr")
    assert (again.version, again.created) == (3, False)


def test_an_imported_correction_leaves_out_a_field_holding_its_value_too(app: CareerLog, tmp_path: Path) -> None:
    with_training(app)
    row = {"kind": "correction", "nip": NIP, **f.correction(2, "2021-01-01", title="Arsip Elektronik", hours="24")}
    first = import_file(app, write(tmp_path / "ralat.jsonl", [row]), actor="hr")
    assert (first.recorded, first.rejected) == (1, [])
    assert last_event(app).corrected_fields == {"title": "Arsip Elektronik"}
    again = import_file(app, write(tmp_path / "ralat.jsonl", [row]), actor="hr")
    assert (again.recorded, again.already_recorded) == (0, 1)
