"""careerlog.storekey.KeyCheck on PostgreSQL: one statement a write transaction, read again after a twin's marker.

Until 2026-12-06 the check was two statements on either store (its INSERT, then a read of the marker): on PostgreSQL
two round trips in each transaction writing events. It is one there now (storekey.INSERT_SELECT); a twin that
records its marker while the statement runs (not in its snapshot: no row) has it read again, and checked.
"""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.cipher import AESCipher
from eventsourcing.utils import Environment

from careerlog import storekey
from careerlog.config import KeyMismatch


class Statements:
    """A transaction's Sql on PostgreSQL that answers each read with the next of `answers`."""

    dialect = "postgres"

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.run: list[str] = []

    def execute(self, statement: str, params: Any = ()) -> None:
        self.run.append(statement)

    def scalar(self, statement: str, params: Any = ()) -> str | None:
        self.run.append(statement)
        return self.answers.pop(0)


def cipher() -> AESCipher:
    return AESCipher(Environment(env={"CIPHER_KEY": AESCipher.create_key(32)}))


def test_a_write_transaction_checks_the_marker_in_one_statement() -> None:
    mine = cipher()
    check = storekey.KeyCheck(mine)
    for _ in range(2):  # (the first decrypts the marker, the second compares it)
        sql = Statements(storekey.marker_for(mine))
        check.check(sql, '"s".store_encryption')
        assert sql.run == [storekey.INSERT_SELECT.replace(storekey.TABLE, '"s".store_encryption')]


def test_a_twins_marker_recorded_meanwhile_is_read_again_and_checked() -> None:
    mine = cipher()
    sql = Statements(None, storekey.marker_for(mine))
    storekey.KeyCheck(mine).check(sql)
    assert sql.run[1] == storekey.SELECT
    with pytest.raises(KeyMismatch, match="CAREERLOG_ENCRYPTION_KEY"):
        storekey.KeyCheck(mine).check(Statements(None, storekey.marker_for(cipher())))
    with pytest.raises(KeyMismatch, match="CAREERLOG_ENCRYPTION_KEY is not set"):
        storekey.KeyCheck(None).check(Statements(None, storekey.marker_for(mine)))
