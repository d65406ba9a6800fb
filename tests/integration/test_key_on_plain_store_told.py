"""A key set on a store that is not encrypted is told so: unset it (careerlog.storekey's marker says `plain`).

Until 2026-12-06 `CAREERLOG_ENCRYPTION_KEY=<key> careerlog history NIP` on a plain store (an upgrade tester's) said
"the store's events cannot be read with this key; set the key they were written with (or none, if the store is not
encrypted)", though the store's marker says it is not: the operator was left to guess which. The store's marker
(or, in a store of an earlier release without one, its first event, plain JSON) says it now, to reading commands
(history, export, info) and writers alike; a store encrypted with another key is told that, not "or none".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from eventsourcing.cipher import AESCipher
from eventsourcing.utils import Environment

from careerlog import storekey
from careerlog.application import CareerLog
from careerlog.config import KeyMismatch, Settings
from careerlog.sqlstore import SqlStore
from tests import factories as f
from tests.functional.test_security_encryption import raw_states
from tests.integration.test_import_export import write_jsonl
from tests.integration.test_store_records_its_encryption import cli
from tests.unit.test_store_key_check import Statements

BORN, APPOINTED = date(1985, 6, 7), date(2010, 1, 1)
NIP, BULK = (f.nip(BORN, APPOINTED, "M", sequence=n) for n in (951, 952))
PLAIN_TOLD = "CAREERLOG_ENCRYPTION_KEY is set but this store is not encrypted: unset CAREERLOG_ENCRYPTION_KEY"


def written(url: str, key: str | None, *, marker: bool = True) -> None:
    """A store holding one appointment, written with `key`; without its marker (`marker` False) as an earlier release
    left it."""
    with CareerLog.from_settings(Settings(database_url=url, encryption_key=key)) as ledger:
        ledger.record(NIP, "appointment", dict(f.appointment(BORN, APPOINTED, "M")), actor="hr")
        if not marker:
            with SqlStore(ledger.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
                sql.execute(f"DELETE FROM {storekey.TABLE}")


def commands(tmp_path: Path) -> list[list[str]]:
    row = {"kind": "appointment", "nip": BULK, **f.appointment(BORN, APPOINTED, "M")}
    rows = write_jsonl(tmp_path / "bulk.jsonl", [row])
    return [["history", NIP], ["export"], ["info"], ["import", str(rows)]]


@pytest.mark.parametrize("marker", [True, False], ids=["marked", "earlier-release"])
def test_a_key_set_on_a_plain_store_is_told_to_unset_it(database_url: str, tmp_path: Path, marker: bool) -> None:
    written(database_url, None, marker=marker)
    states = raw_states(database_url)
    for command in commands(tmp_path):
        code, output = cli(database_url, AESCipher.create_key(32), *command)
        assert code == 1, (command, output)
        assert PLAIN_TOLD in output, (command, output)
        assert "or none" not in output, (command, output)
        assert "Traceback" not in output, output
    assert raw_states(database_url) == states  # nothing recorded
    assert cli(database_url, None, "history", NIP)[0] == 0


def test_a_key_set_on_an_empty_plain_store_is_told_it_is_not_encrypted(database_url: str, tmp_path: Path) -> None:
    CareerLog.from_settings(Settings(database_url=database_url)).close()  # (its marker recorded, no event)
    code, output = cli(database_url, AESCipher.create_key(32), *commands(tmp_path)[-1])
    assert code == 1, output
    assert "CAREERLOG_ENCRYPTION_KEY is set but this store is not encrypted" in output, output
    assert "holds no event yet" in output, output
    assert "unset CAREERLOG_ENCRYPTION_KEY" in output, output
    assert raw_states(database_url) == []


def test_another_key_or_none_on_an_encrypted_store_is_told_it_is_encrypted(database_url: str) -> None:
    written(database_url, AESCipher.create_key(32))
    for command in (["history", NIP], ["export"], ["info"]):
        code, output = cli(database_url, AESCipher.create_key(32), *command)
        assert code == 1, (command, output)
        assert "the store's events are encrypted with another key" in output, (command, output)
        assert "not encrypted" not in output, (command, output)
        assert "or none" not in output, (command, output)
        code, output = cli(database_url, None, *command)
        assert code == 1, (command, output)
        assert "CAREERLOG_ENCRYPTION_KEY is not set but the store's events are encrypted" in output, (command, output)


def test_a_writer_running_with_a_key_on_a_store_marked_plain_is_told_to_unset_it() -> None:
    """careerlog.storekey.KeyCheck, in a transaction writing events (the store's marker recorded plain meanwhile)."""
    mine = AESCipher(Environment(env={"CIPHER_KEY": AESCipher.create_key(32)}))
    with pytest.raises(KeyMismatch, match=PLAIN_TOLD):
        storekey.KeyCheck(mine).check(Statements(storekey.PLAIN))
