"""A store records whether it is encrypted, and with which key, with its first events (careerlog.storekey).

Until 2026-12-05 a process checked only the store's first event at start: on an empty store one started without
CAREERLOG_ENCRYPTION_KEY (a server, a worker) was not refused, and wrote plain-text events beside those another
process wrote encrypted; afterwards neither `export` nor `history` read the store (an internal error, exit 70). Now
a write whose key (or its absence) is not the store's is refused naming CAREERLOG_ENCRYPTION_KEY, nothing recorded,
also by a process started before the store's first events; and an event that does not decode is told so.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from eventsourcing.cipher import AESCipher

from careerlog import storekey
from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import ConfigurationError, Settings
from careerlog.importing import import_file
from careerlog.sqlstore import SqlStore
from tests import factories as f
from tests.functional.test_security_encryption import raw_states
from tests.integration.test_import_export import write_jsonl

BORN, APPOINTED = date(1985, 6, 7), date(2010, 1, 1)
FIRST, LATER, BULK = (f.nip(BORN, APPOINTED, "M", sequence=n) for n in (941, 942, 943))


def appoint(ledger: CareerLog, nip: str) -> None:
    ledger.record(nip, "appointment", f.appointment(BORN, APPOINTED, "M"), actor="hr")


def cli(url: str, key: str | None, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": url, "CAREERLOG_ENCRYPTION_KEY": key})
    return result.exit_code, result.output


@pytest.mark.parametrize("first_with_key", [True, False], ids=["encrypted-first", "plain-first"])
def test_a_process_opened_on_an_empty_store_writes_nothing_once_another_wrote_it_otherwise(
    database_url: str, tmp_path: Path, first_with_key: bool
) -> None:
    key = AESCipher.create_key(32)
    first = Settings(database_url=database_url, encryption_key=key if first_with_key else None)
    late = Settings(database_url=database_url, encryption_key=None if first_with_key else key)
    with CareerLog.from_settings(late) as waiting:  # (opened on the empty store: nothing to check yet)
        with CareerLog.from_settings(first) as writer:
            appoint(writer, FIRST)
        states = raw_states(database_url)
        with pytest.raises(ConfigurationError, match="CAREERLOG_ENCRYPTION_KEY"):
            appoint(waiting, LATER)
        rows = write_jsonl(
            tmp_path / "bulk.jsonl",
            [{"kind": "appointment", "nip": BULK, **f.appointment(BORN, APPOINTED, "M")}],
        )
        with pytest.raises(ConfigurationError, match="CAREERLOG_ENCRYPTION_KEY"):
            import_file(waiting, rows, actor="hr")
        assert raw_states(database_url) == states  # nothing recorded
    code, output = cli(database_url, first.encryption_key, "export")
    assert code == 0, output
    assert [json.loads(line)["nip"] for line in output.splitlines() if line.startswith("{")] == [FIRST]
    code, output = cli(database_url, late.encryption_key, "history", FIRST)
    assert code == 1, output
    assert "CAREERLOG_ENCRYPTION_KEY" in output, output


def test_a_store_of_an_earlier_release_gets_its_marker_from_its_first_event(database_url: str) -> None:
    key = AESCipher.create_key(32)
    settings = Settings(database_url=database_url, encryption_key=key)
    with CareerLog.from_settings(settings) as ledger:
        appoint(ledger, FIRST)
        with SqlStore(ledger.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.execute(f"DELETE FROM {storekey.TABLE}")  # (as an earlier release left it)
    with CareerLog.from_settings(settings) as ledger:
        with SqlStore(ledger.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            marker = sql.scalar(storekey.SELECT)
        assert storekey.matches(marker, ledger.mapper.cipher)
        appoint(ledger, LATER)
    code, output = cli(database_url, None, "history", LATER)
    assert code == 1, output
    assert "CAREERLOG_ENCRYPTION_KEY is not set" in output, output


def test_an_event_the_key_does_not_decode_is_told_not_an_internal_error(database_url: str) -> None:
    key = AESCipher.create_key(32)
    with CareerLog.from_settings(Settings(database_url=database_url, encryption_key=key)) as ledger:
        appoint(ledger, FIRST)
        ledger.recorder.key_check = None  # type: ignore[attr-defined]  # (as a process of an earlier release wrote)
        ledger.mapper.cipher = None
        appoint(ledger, LATER)
    code, output = cli(database_url, key, "history", LATER)
    assert code == 1, output
    assert "CAREERLOG_ENCRYPTION_KEY: the stored event" in output, output
    assert "with this key" in output, output
    code, output = cli(database_url, key, "export")
    assert code == 1, output
    assert "CAREERLOG_ENCRYPTION_KEY: the stored event" in output, output


def test_a_server_opened_on_an_empty_store_answers_503_store_key_once_it_is_written_encrypted(
    database_url: str,
) -> None:
    """The tester's server started without the key on an empty schema: its read was a 500 (orjson), its write a 201
    storing plain text in the encrypted store."""
    from tests.integration.test_newer_events_refused import api_of

    key = AESCipher.create_key(32)
    app, headers = api_of(Settings(database_url=database_url))
    try:
        with CareerLog.from_settings(Settings(database_url=database_url, encryption_key=key)) as writer:
            appoint(writer, FIRST)
        states = raw_states(database_url)
        client = app.test_client()
        body = {"nip": LATER, **f.appointment(BORN, APPOINTED, "M")}
        for answer in (
            client.get(f"/api/v1/employees/{FIRST}/events", headers=headers),
            client.post("/api/v1/employees", json=body, headers=headers),
        ):
            assert answer.status_code == 503, answer.text
            assert answer.get_json()["type"].endswith("store-key")
            assert "CAREERLOG_ENCRYPTION_KEY" in answer.get_json()["detail"]
        assert raw_states(database_url) == states
    finally:
        app.extensions["careerlog"].close()
