"""A client key holding a comma is refused wherever it is given, as the API refuses it as its Idempotency-Key header
(422 naming the header: a header sent twice arrives comma-joined): `careerlog record --client-key` and an import's
client_key cell are refused naming client_key and why, nothing recorded. They took it, so a key recorded there could
never be sent again through the API. A migration import still keeps the keys its log holds. On both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write
from tests.integration.test_migration_keeps_duplicates import write as write_log

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}
REFUSED = (
    "client_key: Holds a comma: give a key of no comma, as the API's Idempotency-Key header takes it, so that the same "
    "key may be sent again from the API, the command line or an import."
)


def test_the_command_line_refuses_a_client_key_holding_a_comma(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    fields = [f"{k}={v}" for k, v in f.training("2015-05-02", hours=8, start="2015-05-01").items()]
    result = run(database_url, "record", NIP, "training", *fields, "--client-key", "batch-7, row 2")
    assert result.exit_code == 1
    assert REFUSED in result.output
    assert last_position(database_url) == before


def test_an_import_row_of_a_client_key_holding_a_comma_is_refused_naming_the_column(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", {**TRAINING, "client_key": "a,b"})))
    assert result.exit_code == 1
    assert f"line 1: {REFUSED}" in result.output
    assert last_position(database_url) == before


def test_a_migration_keeps_a_client_key_holding_a_comma_its_log_holds(app: CareerLog, tmp_path: Path) -> None:
    log = [
        {**APPOINTMENT, "recorded_at": "2010-03-05T02:00:00+00:00"},
        {**TRAINING, "client_key": "lama,1", "recorded_at": "2015-05-10T02:00:00+00:00"},
    ]
    report = import_file(app, write_log(tmp_path / "old.jsonl", log), actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (2, [])
    assert app.get_history(NIP)[1]["client_key"] == "lama,1"


def test_a_client_key_holding_a_comma_its_record_holds_is_answered_as_already_recorded(
    app: CareerLog, tmp_path: Path
) -> None:
    """An import file (or a command) run before such keys were refused, its key recorded, run again: the row is
    answered as already recorded, as it was, not refused; a new key with a comma is still refused, nothing recorded."""
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    old = {**TRAINING, "client_key": "batch-7, row 2", "recorded_at": "2015-05-10T02:00:00+00:00"}
    assert import_file(app, write_log(tmp_path / "old.jsonl", [old]), actor="admin", migration=True).recorded == 1
    before = len(app.get_events(NIP))
    again = import_file(app, write(tmp_path / "again.jsonl", {**TRAINING, "client_key": "batch-7, row 2"}), actor="hr")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 1, [])
    payload = {k: v for k, v in TRAINING.items() if k not in ("kind", "nip")}
    outcome = app.record(NIP, "training", payload, actor="hr", client_key="batch-7, row 2")  # (careerlog record)
    assert (outcome.version, outcome.created) == (2, False)
    other = {**TRAINING, "reference": "SERT-LAIN", "client_key": "batch-8, row 1"}
    refused = import_file(app, write(tmp_path / "new.jsonl", other), actor="hr")
    assert (refused.recorded, [p.describe() for p in refused.rejected]) == (0, [f"line 1: {REFUSED}"])
    assert len(app.get_events(NIP)) == before
