from __future__ import annotations

import pytest

from careerlog.config import ConfigurationError, Settings


def test_the_default_store_is_a_sqlite_file_in_the_working_directory() -> None:
    settings = Settings.from_env({})
    assert settings.store == "sqlite"
    assert settings.eventsourcing_env()["SQLITE_DBNAME"] == "careerlog.db"


def test_a_postgresql_url_maps_onto_the_library_settings() -> None:
    settings = Settings.from_env({"CAREERLOG_DATABASE_URL": "postgresql://hr:s%40cret@db.local:6543/asn?schema=medan"})
    env = settings.eventsourcing_env()
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_DBNAME"]) == ("db.local", "6543", "asn")
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"], env["POSTGRES_SCHEMA"]) == ("hr", "s@cret", "medan")
    assert env["ORIGINATOR_ID_TYPE"] == "text"


def test_an_encryption_key_turns_on_the_cipher() -> None:
    env = Settings.from_env({"CAREERLOG_ENCRYPTION_KEY": "a2V5"}).eventsourcing_env()
    assert env["CIPHER_TOPIC"] == "eventsourcing.cipher:AESCipher"
    assert env["CIPHER_KEY"] == "a2V5"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://x/y", "unsupported scheme"),
        ("postgresql://host/", "name the database"),
        ("postgresql://host/db?schema=Robert'); DROP", "invalid schema name"),
    ],
)
def test_a_bad_database_url_names_the_setting_and_the_reason(url: str, reason: str) -> None:
    with pytest.raises(ConfigurationError) as e:
        Settings(database_url=url).eventsourcing_env()
    assert "CAREERLOG_DATABASE_URL" in str(e.value)
    assert reason in str(e.value)


def test_a_malformed_pool_size_is_named() -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_DB_POOL_SIZE"):
        Settings.from_env({"CAREERLOG_DB_POOL_SIZE": "lots"})


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("CAREERLOG_DB_POOL_SIZE", "abc", "expected a whole number"),
        ("CAREERLOG_DB_POOL_SIZE", "\u00b2", "expected a whole number"),
        ("CAREERLOG_DB_POOL_SIZE", "1_0", "expected a whole number"),
        ("CAREERLOG_DB_POOL_SIZE", "0", "at least 1"),
        ("CAREERLOG_DB_POOL_SIZE", "-1", "at least 1"),
        ("CAREERLOG_DB_MAX_OVERFLOW", "-1", "at least 0"),
    ],
)
def test_a_bad_pool_setting_names_itself_and_the_reason(name: str, raw: str, reason: str) -> None:
    """A negative pool size or overflow reached psycopg_pool as a ValueError (a traceback), not named."""
    with pytest.raises(ConfigurationError) as e:
        Settings.from_env({name: raw})
    assert name in str(e.value)
    assert reason in str(e.value)


def test_the_pool_settings_take_whole_numbers() -> None:
    settings = Settings.from_env({"CAREERLOG_DB_POOL_SIZE": "1", "CAREERLOG_DB_MAX_OVERFLOW": "0"})
    assert (settings.pool_size, settings.max_overflow) == (1, 0)
