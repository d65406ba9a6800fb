"""The encryption-at-rest option, checked against the raw store.

With CAREERLOG_ENCRYPTION_KEY set, the stored events' contents are AES-GCM ciphertext: the
raw rows (read with the database driver, not through careerlog) and, on SQLite, the raw
database file hold no name or birth date. Without a key the same check finds them, so the
check can fail. The NIP stays the record's id (the events' `originator_id`), by design:
docs/security.md says what the option covers and what it does not.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest
from eventsourcing.cipher import AESCipher

from careerlog.application import CareerLog
from careerlog.config import ConfigurationError, Settings
from tests import factories as f

pytestmark = pytest.mark.made_store  # (tests/conftest.py, lent_postgres_url) what is recorded, not a store's making

BORN = date(1979, 4, 14)
NIP = f.nip(BORN, date(2004, 3, 1), "F", sequence=811)
NAME = "Wulan Kusumawardani"
SECRETS = (NAME.encode(), BORN.isoformat().encode(), b"Kusumawardani")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def record(settings: Settings) -> None:
    with CareerLog.from_settings(settings) as ledger:
        ledger.record(NIP, "appointment", f.appointment(BORN, date(2004, 3, 1), "F", name=NAME), actor="hr")
        ledger.record(NIP, "training", f.training("2010-05-07", title=f"Mentoring {NAME}"), actor="hr")


def raw_states(url: str) -> list[bytes]:
    """The stored events' contents as the database holds them."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return [bytes(row[0]) for row in conn.execute("SELECT state FROM stored_events")]
    base, _, schema = url.partition("?schema=")
    with psycopg.connect(base) as conn:
        rows = conn.execute(f'SELECT state FROM "{schema}".careerlog_events').fetchall()
    return [bytes(row[0]) for row in rows]


def raw_file(url: str) -> bytes:
    path = Path(url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def found(states: list[bytes]) -> set[bytes]:
    return {secret for secret in SECRETS for state in states if secret in state}


def test_with_a_key_no_raw_event_holds_a_name_or_birth_date(store_url: str) -> None:
    record(Settings(database_url=store_url, encryption_key=AESCipher.create_key(32)))
    states = raw_states(store_url)
    assert len(states) == 2
    assert found(states) == set()
    if store_url.startswith("sqlite"):
        assert not any(secret in raw_file(store_url) for secret in SECRETS)


def test_without_a_key_the_same_check_finds_them(store_url: str) -> None:
    record(Settings(database_url=store_url))
    assert found(raw_states(store_url)) == set(SECRETS)


def test_an_encrypted_store_reads_back_with_its_key_and_not_without(store_url: str) -> None:
    key = AESCipher.create_key(32)
    record(Settings(database_url=store_url, encryption_key=key))
    with CareerLog.from_settings(Settings(database_url=store_url, encryption_key=key)) as ledger:
        assert ledger.get_history(NIP)[0]["name"] == NAME
    with pytest.raises(ConfigurationError, match="CAREERLOG_ENCRYPTION_KEY is not set"):
        CareerLog.from_settings(Settings(database_url=store_url))
