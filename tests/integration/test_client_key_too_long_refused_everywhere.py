"""A client key longer than the API's Idempotency-Key header takes (200 characters: 422 "Length must be between 1 and
200.") is refused wherever it is given: `careerlog record --client-key` and an import's client_key are refused naming
client_key in the API's words, nothing recorded. They took it, so a key recorded there could never be sent again
through the API. A key its record holds already is answered by its recording, as before. On both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import MAX_CLIENT_KEY, CareerLog
from careerlog.importing import import_file
from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write
from tests.integration.test_migration_keeps_duplicates import write as write_log

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}
REFUSED = "client_key: Length must be between 1 and 200."
LONG = "k" * 201


def test_the_limit_is_the_api_header_s() -> None:
    assert MAX_CLIENT_KEY == 200


def test_the_command_line_refuses_a_client_key_longer_than_the_api_takes(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    fields = [f"{k}={v}" for k, v in f.training("2015-05-02", hours=8, start="2015-05-01").items()]
    result = run(database_url, "record", NIP, "training", *fields, "--client-key", LONG)
    assert result.exit_code == 1
    assert REFUSED in result.output
    assert last_position(database_url) == before
    kept = run(database_url, "record", NIP, "training", *fields, "--client-key", "é" * 200)  # (characters: 400 bytes)
    assert kept.exit_code == 0, kept.output


def test_an_import_row_of_a_client_key_longer_than_the_api_takes_is_refused_naming_line_and_column(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", {**TRAINING, "client_key": LONG})))
    assert result.exit_code == 1
    assert f"line 1: {REFUSED}" in result.output
    assert last_position(database_url) == before


def test_a_long_client_key_its_record_holds_is_answered_as_already_recorded(app: CareerLog, tmp_path: Path) -> None:
    """An import file run before such keys were refused, its key recorded, run again: answered as already recorded,
    not refused; a new long key is still refused, nothing recorded. A migration keeps a log's keys."""
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    old = {**TRAINING, "client_key": LONG, "recorded_at": "2015-05-10T02:00:00+00:00"}
    assert import_file(app, write_log(tmp_path / "old.jsonl", [old]), actor="admin", migration=True).recorded == 1
    before = len(app.get_events(NIP))
    again = import_file(app, write(tmp_path / "again.jsonl", {**TRAINING, "client_key": LONG}), actor="hr")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 1, [])
    other = {**TRAINING, "reference": "SERT-LAIN", "client_key": "l" * 201}
    refused = import_file(app, write(tmp_path / "new.jsonl", other), actor="hr")
    assert (refused.recorded, [p.describe() for p in refused.rejected]) == (0, [f"line 1: {REFUSED}"])
    assert len(app.get_events(NIP)) == before
