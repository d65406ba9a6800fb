"""A store records whether it is encrypted, and with which key, at its first start (careerlog.storekey).

Until 2026-12-05 a process checked only the store's first event at start: on an empty store one started without
CAREERLOG_ENCRYPTION_KEY (a server, a worker) was not refused, and wrote plain-text events beside those another
process wrote encrypted; afterwards neither `export` nor `history` read the store (an internal error, exit 70). Then
the marker came with the store's first events, and every write checked it: a process started on an empty store
without the key was refused only at its first write, once another had written with the key (an operator who forgot
the key on one server of several found out late). Since 2026-12-06 the first careerlog process started on a store
to write records the marker, events or none: one started on it with another key, or without, is refused at start,
exit 1 (`careerlog serve` before its workers: tests/integration/test_serve_refuses_bad_settings_at_start.py). A
write whose key is not the store's is still refused naming CAREERLOG_ENCRYPTION_KEY, nothing recorded, by a process
running when the marker of an empty store was cleared (docs/operations.md, "Encryption at rest"); and an event that
does not decode is told so.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from eventsourcing.cipher import AESCipher

from careerlog import storekey
from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import ConfigurationError, KeyMismatch, Settings
from careerlog.importing import import_file
from careerlog.sqlstore import SqlStore
from tests import factories as f
from tests.functional.test_security_encryption import raw_states
from tests.integration.test_import_export import write_jsonl

BORN, APPOINTED = date(1985, 6, 7), date(2010, 1, 1)
FIRST, LATER, BULK = (f.nip(BORN, APPOINTED, "M", sequence=n) for n in (941, 942, 943))


def appointment() -> dict[str, object]:
    return dict(f.appointment(BORN, APPOINTED, "M"))


def appoint(ledger: CareerLog, nip: str) -> None:
    ledger.record(nip, "appointment", appointment(), actor="hr")


def cli(url: str, key: str | None, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": url, "CAREERLOG_ENCRYPTION_KEY": key})
    return result.exit_code, result.output


def forget_marker(url: str) -> None:
    """Clear the marker of an empty store, as docs/operations.md ("Encryption at rest") tells an operator whose first
    process started with the wrong key (here while another process still runs on it)."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute(f"DELETE FROM {storekey.TABLE}")
        return
    base, _, schema = url.partition("?schema=")
    with psycopg.connect(base) as conn:
        conn.execute(f'DELETE FROM "{schema}".{storekey.TABLE}')


@pytest.mark.parametrize("first_with_key", [True, False], ids=["encrypted-first", "plain-first"])
def test_a_process_started_on_an_empty_store_started_with_another_key_or_none_is_refused_at_start(
    database_url: str, tmp_path: Path, first_with_key: bool
) -> None:
    """The gap of 2026-12-05: the late process started, and was refused only at its first write."""
    key = AESCipher.create_key(32)
    first, late = (key, None) if first_with_key else (None, key)
    CareerLog.from_settings(Settings(database_url=database_url, encryption_key=first)).close()  # (writes nothing)
    with pytest.raises(KeyMismatch, match="holds no event yet") as refused:
        CareerLog.from_settings(Settings(database_url=database_url, encryption_key=late))
    assert ("is not set" in str(refused.value)) == first_with_key
    rows = write_jsonl(tmp_path / "bulk.jsonl", [{"kind": "appointment", "nip": BULK, **appointment()}])
    for command in (
        ["import", str(rows)],
        ["projections", "run", "--once"],
        ["accounts", "create", "hr", "--name", "HR", "--role", "admin", "--no-password"],
    ):
        code, output = cli(database_url, late, *command)
        assert code == 1, (command, output)
        assert "CAREERLOG_ENCRYPTION_KEY" in output, (command, output)
        assert "holds no event yet" in output, (command, output)
        assert "Traceback" not in output, output
    assert raw_states(database_url) == []
    assert cli(database_url, first, "import", str(rows))[0] == 0
    code, output = cli(database_url, late, "history", BULK)
    assert code == 1, output
    assert "CAREERLOG_ENCRYPTION_KEY" in output, output
    assert "holds no event yet" not in output, output


def test_a_command_that_only_reads_records_no_marker(database_url: str) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as ledger:
        forget_marker(database_url)  # (a store holding its tables but no marker, as the command finds it)
        assert cli(database_url, AESCipher.create_key(32), "export")[0] == 0
        with SqlStore(ledger.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            assert sql.scalar(storekey.SELECT) is None


@pytest.mark.parametrize("first_with_key", [True, False], ids=["encrypted-first", "plain-first"])
def test_a_running_process_writes_nothing_once_another_wrote_the_store_otherwise(
    database_url: str, tmp_path: Path, first_with_key: bool
) -> None:
    key = AESCipher.create_key(32)
    first = Settings(database_url=database_url, encryption_key=key if first_with_key else None)
    late = Settings(database_url=database_url, encryption_key=None if first_with_key else key)
    with CareerLog.from_settings(late) as waiting:  # (started first on the empty store: its marker recorded)
        forget_marker(database_url)
        with CareerLog.from_settings(first) as writer:
            appoint(writer, FIRST)
        states = raw_states(database_url)
        with pytest.raises(ConfigurationError, match="CAREERLOG_ENCRYPTION_KEY"):
            appoint(waiting, LATER)
        rows = write_jsonl(tmp_path / "bulk.jsonl", [{"kind": "appointment", "nip": BULK, **appointment()}])
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


def test_a_running_server_answers_503_store_key_once_the_store_is_written_encrypted(database_url: str) -> None:
    """The tester's server started without the key on an empty schema: its read was a 500 (orjson), its write a 201
    storing plain text in the encrypted store. (It is refused at start now, once a process with the key started
    first; a server running when an empty store's marker is cleared is the one left to refuse at a request.)"""
    from tests.integration.test_newer_events_refused import api_of

    key = AESCipher.create_key(32)
    app, headers = api_of(Settings(database_url=database_url))
    try:
        forget_marker(database_url)
        with CareerLog.from_settings(Settings(database_url=database_url, encryption_key=key)) as writer:
            appoint(writer, FIRST)
        states = raw_states(database_url)
        client = app.test_client()
        body = {"nip": LATER, **appointment()}
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


@pytest.mark.parametrize("command", [["import", "--dry-run"], ["projections", "rebuild", "roster"]])
def test_a_command_that_records_nothing_records_no_marker(
    database_url: str, tmp_path: Path, command: list[str]
) -> None:
    """`import --dry-run` ("recording nothing") without the key marked an empty store plain (it recorded the marker as
    every command outside the reading ones did), and the servers started with the key afterwards were refused."""
    key = AESCipher.create_key(32)
    rows = write_jsonl(tmp_path / "bulk.jsonl", [{"kind": "appointment", "nip": BULK, **appointment()}])
    with CareerLog.from_settings(Settings(database_url=database_url)) as ledger:
        forget_marker(database_url)  # (a store holding its tables but no marker, as the command finds it)
        code, output = cli(database_url, None, *command, *([str(rows)] if command[0] == "import" else []))
        assert code == 0, output
        with SqlStore(ledger.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            assert sql.scalar(storekey.SELECT) is None
    code, output = cli(database_url, key, "import", str(rows))
    assert code == 0, output
    assert raw_states(database_url) != []


def test_a_locked_sqlite_store_is_told_not_a_traceback(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store of no marker yet, locked by another writer past the wait (or read-only): recording the marker at start
    raised sqlite3.OperationalError, a traceback; now the CLI's usual message, exit 1, nothing recorded."""
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock")
    import careerlog.config

    monkeypatch.setattr(careerlog.config, "SQLITE_MARKER_TIMEOUT", 0.1, raising=False)
    rows = write_jsonl(tmp_path / "bulk.jsonl", [{"kind": "appointment", "nip": BULK, **appointment()}])
    CareerLog.from_settings(Settings(database_url=database_url)).close()
    forget_marker(database_url)
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # (another writer's transaction: readers read, writers wait)
        code, output = cli(database_url, None, "import", str(rows))
    finally:
        holder.close()
    assert code == 1, output
    assert "The database could not be used: database is locked" in output, output
    assert "Traceback" not in output, output
    assert raw_states(database_url) == []
