"""A command that only reads (info, export, history), refused for CAREERLOG_ENCRYPTION_KEY (unset on an encrypted store,
or another key), ends its refusal "Nothing was read.": until 2026-12-06 it said "Nothing was recorded.", as a command
that records does (import still says so), though it records nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from eventsourcing.cipher import AESCipher

from careerlog.config import READ_NOTHING, RECORDED_NOTHING
from tests.integration.test_key_on_plain_store_told import NIP, commands, written
from tests.integration.test_store_records_its_encryption import cli


@pytest.mark.parametrize("key", ["unset", "another"])
def test_a_reading_command_refused_for_the_key_says_nothing_was_read(
    database_url: str, tmp_path: Path, key: str
) -> None:
    written(database_url, AESCipher.create_key(32))
    given = None if key == "unset" else AESCipher.create_key(32)
    for command in (["info"], ["export"], ["history", NIP]):
        code, output = cli(database_url, given, *command)
        assert code == 1, (command, output)
        assert "CAREERLOG_ENCRYPTION_KEY" in output, (command, output)
        assert output.rstrip().endswith(READ_NOTHING), (command, output)
        assert RECORDED_NOTHING not in output, (command, output)
    code, output = cli(database_url, given, *commands(tmp_path)[-1])  # import: it records
    assert code == 1, output
    assert output.rstrip().endswith(RECORDED_NOTHING), output
