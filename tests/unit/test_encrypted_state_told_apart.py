"""An encrypted store is told from a plain one by whether its first event reads as JSON, not by its first byte.

AES-GCM's output starts with a random nonce: about one encrypted store in 256 has a first event whose first
byte is `{`. Opened without its key, such a store passed for a plain one and took new records in plain text
(clean-clone CI at 7bbf39f: tests/integration/test_encryption_key_checked_at_start.py recorded a row
into an encrypted PostgreSQL store started without the key).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from eventsourcing.cipher import AESCipher
from eventsourcing.utils import Environment

from careerlog.config import ConfigurationError, Settings

STATE = b'{"nip":"198102032006032931","kind":"appointment"}'


def store_with_first_state(path: Path, state: bytes) -> Settings:
    with sqlite3.connect(path) as lite:
        lite.execute("CREATE TABLE stored_events (state BLOB)")
        lite.execute("INSERT INTO stored_events VALUES (?)", (state,))
    return Settings(database_url=f"sqlite:///{path}")


def encrypted_starting_with_a_brace(key: str) -> bytes:
    cipher = AESCipher(Environment(env={"CIPHER_KEY": key}))
    for _ in range(100_000):
        state = cipher.encrypt(STATE)
        if state.startswith(b"{"):
            return state
    raise AssertionError("no encryption of the state started with '{'")


def test_an_encrypted_first_event_starting_with_a_brace_is_refused_without_the_key(tmp_path: Path) -> None:
    state = encrypted_starting_with_a_brace(AESCipher.create_key(32))
    settings = store_with_first_state(tmp_path / "encrypted.db", state)
    with pytest.raises(ConfigurationError, match="CAREERLOG_ENCRYPTION_KEY is not set"):
        settings.check_key()


def test_a_plain_first_event_opens_without_a_key(tmp_path: Path) -> None:
    store_with_first_state(tmp_path / "plain.db", STATE).check_key()
