"""A recorded text holding an escape sequence (ESC [2J clears the screen) and a bidi override (U+202E shows the text
after it backwards) is shown by the command line with those characters visible (careerlog.visible), so that an
inspector reading an audit on a terminal sees what is recorded: in the audit's table and its JSON, in a history, in a
refusal (click's "Error: ...") and in an import's refused rows. JSON stays the same JSON values. CSV on standard
output is shown so only when that is a terminal (a pseudo-terminal the test reads): to a pipe it is written as
recorded, byte for byte. So is `careerlog export`'s JSON Lines: on a terminal its C1 controls, DEL and bidi overrides
(which JSON leaves as they are) are written as JSON escapes, the same values; piped, it is byte for byte what
`careerlog import --migration` reads back into an equal store. The commands reading a store (history, the audits'
tables and JSON, accounts) are run on a pseudo-terminal too, where click leaves an ESC [2J in what it writes, and
the demo's summary naming a file given. Both stores.

The tests that only read a store read one recorded once per module and store kind (`recorded`): the record, its
study leave, a training titled with a C1 control and an account named with controls; its piped export is taken once
(`exported`). Each command the tests show is still a `careerlog` process of its own on a terminal or a pipe."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import termios
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from careerlog.accounts import open_accounts
from careerlog.application import CareerLog, Migration
from careerlog.cli import main
from careerlog.config import Settings
from tests import factories as f
from tests.conftest import projected
from tests.processes import CAREERLOG

# an empty PostgreSQL store made once and lent (tests/conftest.py); the module on one worker, its module fixtures
# (`recorded`, `exported`) built once
pytestmark = [pytest.mark.made_store, pytest.mark.xdist_group("test_cli_control_characters_shown")]

NIP = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=803)
UNIT = "Bagian\x1b[2J Umum \u202eNAIGAPEGEK"
UNIT_SHOWN = "Bagian␛[2J Umum \\u202eNAIGAPEGEK"
RAW = ("\x1b", "\u202e")


# (texts holding a bidi override are refused since 2026-12-07: these are recorded as a store recorded before, which a
# migration keeps)
KEPT = Migration(datetime(2026, 12, 1, tzinfo=UTC), "t")


def record(ledger: CareerLog) -> None:
    appointment = f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M", unit=UNIT)
    ledger.record(NIP, "appointment", appointment, actor="t", migration=KEPT)
    ledger.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="test")


# A training's title holding a C1 control (U+009B, a CSI on some terminals), DEL and a bidi override, which JSON (and
# orjson, the export's) leaves as they are; ESC it escapes itself (\u001b)
TITLE = "Diklat\x9b2J Arsip \u202eLATIGID\x7f"
RAW_IN_JSON = ("\x9b", "\u202e", "\x7f", "\x1b")
NAME = "Siti \x1b[2J\u202e\x9bLubis"  # an account's display name


def record_all(ledger: CareerLog) -> None:
    """The record, a training titled TITLE, and a start of study leave in the unit (the study-leave audit lists
    its unit)."""
    record(ledger)
    training = f.training("2016-01-08", title=TITLE, reference="CERT-C1")
    ledger.record(NIP, "training", training, actor="test", migration=KEPT)
    leave = {"institution": "Universitas Sumatera Utara", "level": "S-2", "effective_date": "2016-01-10"}
    ledger.record(NIP, "study_leave_start", {**leave, "reference": "TB-1"}, actor="test")


@pytest.fixture(scope="module")
def recorded(shared_database_url: str) -> str:
    """A store of each kind, recorded (record_all) and projected once for the module's tests that only read it, with
    an account named NAME."""
    with projected(shared_database_url, record_all):
        pass
    # (named NAME as before 2026-12-07, when `accounts create` took a control of the text's direction: it refuses one
    # now, so the account is made named without it, and its name stored as an older release stored it)
    plain = NAME.replace("\u202e", "")
    created = ("accounts", "create", "siti", "--name", plain, "--role", "hr", "--agency", "KOTA-MEDAN", "--no-password")
    result = run(shared_database_url, *created)
    assert result.exit_code == 0, result.output
    accounts = open_accounts(Settings(database_url=shared_database_url))
    with accounts.store.transaction() as sql:
        sql.execute("UPDATE accounts SET display_name = ? WHERE username = ?", (NAME, "siti"))
    accounts.store.close()
    return shared_database_url


def run(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": database_url})


def shown(result: Result) -> str:
    assert not any(c in result.output for c in RAW), result.output
    return result.output


def test_an_audit_table_and_its_json_show_a_recorded_escape_and_bidi_override_visibly(recorded: str) -> None:
    table = run(recorded, "audit", "promotions")
    listed = run(recorded, "audit", "promotions", "--format", "json")
    history = run(recorded, "history", NIP)
    assert UNIT_SHOWN in shown(table)
    assert [row["unit"] for row in json.loads(shown(listed))["decisions"]] == [UNIT]
    assert "\\u202e" in listed.output
    assert json.loads(shown(history).splitlines()[0])["unit"] == UNIT


def test_a_refusal_shows_the_escape_and_bidi_override_it_quotes_visibly(recorded: str) -> None:
    result = run(recorded, "history", "UNIT:KOTA-MEDAN:Bagian\x1b[2J\u202e")  # (a NIP so typed: refused as no NIP)
    assert result.exit_code == 1
    assert shown(result) == "Error: Nothing is recorded for UNIT:KOTA-MEDAN:Bagian␛[2J\\u202e.\n"


def test_an_import_s_refused_row_shows_the_escape_and_bidi_override_it_names_visibly(
    database_url: str, tmp_path: Path
) -> None:
    training = {"kind": "training", "nip": NIP, **f.training("2016-01-08"), "Catatan\x1b[2J\u202e": "x"}
    rows = [{"kind": "appointment", "nip": NIP, **f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M")}, training]
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert "line 2: Catatan␛[2J\\u202e: Unknown field." in shown(result)


CSV_LISTS = (("promotions", "unit"), ("study-leaves", "unit"))  # (a list streamed, a list written whole: emit)


def on_a_terminal(database_url: str, *args: str) -> bytes:
    """What `careerlog ARGS` writes on its standard output when that is a terminal: a pseudo-terminal's, read by the
    test, writing what it is given (no newline made a carriage return and a newline)."""
    reader, terminal = pty.openpty()
    mode = termios.tcgetattr(terminal)
    mode[1] &= ~termios.OPOST
    termios.tcsetattr(terminal, termios.TCSANOW, mode)
    env = {**os.environ, "CAREERLOG_DATABASE_URL": database_url}
    with subprocess.Popen([CAREERLOG, *args], env=env, stdout=terminal, stderr=subprocess.PIPE) as process:
        os.close(terminal)
        written = bytearray()
        while True:
            try:
                chunk = os.read(reader, 65536)
            except OSError:  # EIO: the process has ended, the terminal is closed
                break
            if not chunk:
                break
            written += chunk
        os.close(reader)
        _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    return bytes(written)


def piped(database_url: str, *args: str) -> bytes:
    env = {**os.environ, "CAREERLOG_DATABASE_URL": database_url}
    done = subprocess.run([CAREERLOG, *args], env=env, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def column(text: str, name: str) -> list[str]:
    return [row[name] for row in csv.DictReader(io.StringIO(text, newline=""))]


def test_csv_on_a_terminal_shows_a_recorded_escape_and_bidi_override_visibly(recorded: str) -> None:
    written = {name: on_a_terminal(recorded, "audit", name, "--format", "csv") for name, _ in CSV_LISTS}
    for name, unit in CSV_LISTS:
        text = written[name].decode()
        assert not any(c in text for c in RAW), text
        assert column(text, unit) == [UNIT_SHOWN], text


def test_csv_to_a_pipe_is_written_as_recorded_byte_for_byte(recorded: str) -> None:
    written = {name: piped(recorded, "audit", name, "--format", "csv") for name, _ in CSV_LISTS}
    caught = {name: run(recorded, "audit", name, "--format", "csv") for name, _ in CSV_LISTS}
    for name, unit in CSV_LISTS:
        assert UNIT.encode() in written[name]
        assert column(written[name].decode(), unit) == [UNIT]
        assert column(caught[name].output, unit) == [UNIT]  # (click's test runner: not a terminal either)


@pytest.fixture(scope="module")
def exported(recorded: str) -> bytes:
    """`careerlog export` of the recorded store to a pipe."""
    return piped(recorded, "export")


@pytest.fixture
def other_store(recorded: str, request: pytest.FixtureRequest) -> str:
    """The store the test does not run on: SQLite to PostgreSQL and back."""
    return str(request.getfixturevalue("postgres_url" if recorded.startswith("sqlite") else "sqlite_url"))


@pytest.mark.parametrize("args", [(), ("-",), ("/dev/stdout",)], ids=["default", "dash", "dev-stdout"])
def test_an_export_on_a_terminal_shows_a_recorded_c1_control_and_bidi_override_as_json_escapes(
    recorded: str, exported: bytes, args: tuple[str, ...]
) -> None:
    shown_lines = on_a_terminal(recorded, "export", *args).decode().splitlines()
    piped_lines = exported.decode().splitlines()
    assert not [line for line in shown_lines if any(c in line for c in RAW_IN_JSON)], shown_lines
    assert [json.loads(line) for line in shown_lines] == [json.loads(line) for line in piped_lines]
    assert any(TITLE in line for line in piped_lines)  # (piped: as recorded)
    titled = [line for line in shown_lines if "CERT-C1" in line]
    assert len(titled) == 1, titled
    assert "Diklat\\u009b2J Arsip \\u202eLATIGID\\u007f" in titled[0], titled


def test_a_piped_export_keeps_the_texts_byte_for_byte_and_imports_into_an_equal_store(
    exported: bytes, other_store: str, tmp_path: Path
) -> None:
    assert TITLE.encode() in exported
    assert UNIT.encode().replace(b"\x1b", b"\\u001b") in exported  # (ESC: JSON's own escape, as always)
    path = tmp_path / "export.jsonl"
    path.write_bytes(exported)
    piped(other_store, "import", "--migration", str(path))
    assert piped(other_store, "export") == exported


def test_the_demo_s_summary_on_a_terminal_shows_the_irregularities_file_it_names_visibly(
    sqlite_url: str, tmp_path: Path
) -> None:
    """A given text (here --irregularities' file name) in a command's line of its own: the store is not read."""
    listed = tmp_path / "daftar\x1b[2J\u202enosj.json"
    output = tmp_path / "demo.jsonl"
    written = on_a_terminal(
        sqlite_url, "demo", "--employees", "3", "--output", str(output), "--irregularities", str(listed)
    )
    text = written.decode()
    assert not any(c in text for c in RAW), text
    assert f"listed in {tmp_path}/daftar␛[2J\\u202enosj.json." in text, text
    assert listed.is_file()  # (the file itself named as given)


UNIT_AS_JSON = "Bagian\\u001b[2J Umum \\u202eNAIGAPEGEK"  # (JSON's escapes: the same value)
READ_ON_A_TERMINAL = {
    ("history", NIP): UNIT_AS_JSON,
    ("audit", "promotions"): UNIT_SHOWN,
    ("audit", "promotions", "--format", "json"): UNIT_AS_JSON,
    ("audit", "study-leaves"): UNIT_SHOWN,
    ("accounts", "list"): "Siti ␛[2J\\u202e\\x9bLubis",
}


def test_the_commands_reading_a_store_show_its_texts_control_characters_visibly_on_a_terminal(
    recorded: str,
) -> None:
    """On a real terminal, where click writes ESC [2J as it is given (to anything else it drops it): the tests above
    read click's test runner's output, which is not a terminal. The account named NAME was made by `recorded`."""
    written = {args: on_a_terminal(recorded, *args).decode() for args in READ_ON_A_TERMINAL}
    for args, text in written.items():
        assert not any(c in text for c in (*RAW, "\x9b")), (args, text)
        assert READ_ON_A_TERMINAL[args] in text, (args, text)
