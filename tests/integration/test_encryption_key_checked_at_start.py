"""A store is opened only with the encryption key its events were written with.

Started without CAREERLOG_ENCRYPTION_KEY (a service unit or a shell missing it), careerlog
wrote a new record's events in plain text into an encrypted store: personal data unencrypted at
rest, and with the key the store no longer exported, rebuilt or showed that record (`Cipher
text is damaged`). With another key or none, reads ended in a traceback. Now the command
stops at start with a message naming CAREERLOG_ENCRYPTION_KEY and records nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from eventsourcing.cipher import AESCipher

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from tests import factories as f

NIP = f.nip(date(1981, 2, 3), date(2006, 3, 1), "F", sequence=931)
OTHER = f.nip(date(1990, 1, 1), date(2015, 1, 1), "M", sequence=932)


def write(settings: Settings, nip: str, born: date, appointed: date, sex: str) -> None:
    with CareerLog.from_settings(settings) as ledger:
        ledger.record(nip, "appointment", f.appointment(born, appointed, sex), actor="hr")


def cli(url: str, key: str | None, *args: str) -> tuple[int, str]:
    env = {"CAREERLOG_DATABASE_URL": url, "CAREERLOG_ENCRYPTION_KEY": key}
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


@pytest.fixture
def new_record(tmp_path: Path) -> Path:
    path = tmp_path / "new.jsonl"
    row = {"kind": "appointment", "nip": OTHER, **f.appointment(date(1990, 1, 1), date(2015, 1, 1), "M")}
    path.write_text(json.dumps(row, default=str) + "\n")
    return path


def test_an_encrypted_store_is_not_opened_without_its_key_or_with_another(database_url: str, new_record: Path) -> None:
    key = AESCipher.create_key(32)
    write(Settings(database_url=database_url, encryption_key=key), NIP, date(1981, 2, 3), date(2006, 3, 1), "F")
    for wrong in (None, AESCipher.create_key(32)):
        for command in (["import", str(new_record)], ["export"], ["history", NIP]):
            code, output = cli(database_url, wrong, *command)
            assert code == 1, (wrong, command, output)
            assert "CAREERLOG_ENCRYPTION_KEY" in output, output
            assert "Traceback" not in output, output
    code, output = cli(database_url, key, "export")
    assert code == 0, output
    assert [json.loads(line)["nip"] for line in output.splitlines() if line.startswith("{")] == [NIP]


def test_a_plain_store_is_not_opened_with_a_key(database_url: str, new_record: Path) -> None:
    write(Settings(database_url=database_url), NIP, date(1981, 2, 3), date(2006, 3, 1), "F")
    code, output = cli(database_url, AESCipher.create_key(32), "import", str(new_record))
    assert code == 1
    assert "CAREERLOG_ENCRYPTION_KEY" in output
    code, output = cli(database_url, None, "export")
    assert code == 0, output
    assert [json.loads(line)["nip"] for line in output.splitlines() if line.startswith("{")] == [NIP]


def test_an_empty_store_opens_with_a_key_or_without(database_url: str, new_record: Path) -> None:
    key = AESCipher.create_key(32)
    assert cli(database_url, key, "import", str(new_record))[0] == 0
    assert cli(database_url, key, "history", OTHER)[0] == 0
