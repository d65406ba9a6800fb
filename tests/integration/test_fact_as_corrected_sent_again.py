"""A fact sent again as its corrections left it is the fact recorded, not a conflict nor a second fact.

Found recording trainings through the API and an import: a training of 8 JP corrected to 10 JP, then sent again
with 10 JP (the spreadsheet fixed as the record was, imported again) was a 409 "Reference 'T-A' was already recorded
as version 2 with different values (hours); record a correction instead", though the correction was recorded; and a
training whose certificate number was corrected (T-A to T-Z), sent again as it stood under T-Z, was recorded a
second time: the record held the training twice and its JP counted twice. Both are now answered as already
recorded (the fact's version, nothing recorded); another fact under the corrected reference is a conflict naming
it; a migration still reproduces a log as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog, Migration
from careerlog.domain.errors import IdempotencyConflict
from careerlog.importing import import_file
from tests import factories as f

NIP = f.nip()
TRAINING = f.training("2020-01-05", hours=8, start="2020-01-01", reference="T-A")


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a check of the record alone: one store shows it)
    return sqlite_url


def corrected(app: CareerLog, **fields: Any) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", TRAINING, actor="hr")  # version 2
    app.record(NIP, "correction", f.correction(2, "2026-01-05", **fields), actor="hr")  # version 3


def test_a_training_sent_again_with_its_corrected_hours_is_already_recorded(app: CareerLog) -> None:
    corrected(app, hours=10)
    outcome = app.record(NIP, "training", {**TRAINING, "hours": 10}, actor="hr")
    assert (outcome.version, outcome.created) == (2, False)
    assert app.record(NIP, "training", TRAINING, actor="hr").version == 2  # (as first recorded: as before)
    assert app.get_employee(NIP).version == 3


def test_a_training_sent_again_under_its_corrected_reference_is_not_recorded_twice(app: CareerLog) -> None:
    corrected(app, reference="T-Z")
    outcome = app.record(NIP, "training", {**TRAINING, "reference": "T-Z"}, actor="hr")
    assert (outcome.version, outcome.created) == (2, False)
    keyed = app.record(NIP, "training", {**TRAINING, "reference": "T-Z"}, actor="hr", client_key="form-1")
    assert (keyed.version, keyed.created) == (2, False)  # (the record form's way, a key of its own)
    assert app.get_employee(NIP).version == 3


def test_another_training_under_a_corrected_reference_is_a_conflict_naming_it(app: CareerLog) -> None:
    corrected(app, reference="T-Z")
    with pytest.raises(IdempotencyConflict) as conflict:
        app.record(NIP, "training", f.training("2022-01-05", start="2022-01-01", reference="T-Z"), actor="hr")
    assert str(conflict.value.args[0]).startswith("Reference 'T-Z' was already recorded as version 2 with different")
    assert app.get_employee(NIP).version == 3


def test_a_file_holding_the_training_as_corrected_records_nothing_again(app: CareerLog, tmp_path: Path) -> None:
    corrected(app, reference="T-Z", hours=10)
    row = {"kind": "training", "nip": NIP, **TRAINING, "reference": "T-Z", "hours": 10}
    path = tmp_path / "diklat.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.already_recorded, report.rejected) == (0, 1, [])
    assert app.get_employee(NIP).version == 3


def test_a_migration_reproduces_a_log_that_recorded_a_fact_again_under_its_corrected_reference(
    app: CareerLog,
) -> None:
    corrected(app, reference="T-Z")
    migration = Migration(f.NOW, "admin", True)
    outcome = app.record(NIP, "training", {**TRAINING, "reference": "T-Z"}, actor="admin", migration=migration)
    assert (outcome.version, outcome.created) == (4, True)
