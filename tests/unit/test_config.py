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


@pytest.mark.parametrize(
    ("url", "found", "encodings"),
    [
        ("postgresql://u:se/cr@t@127.0.0.1:5999/db", "'/', '@'", "/ as %2F, @ as %40"),
        ("postgresql://u:sec#ret@127.0.0.1:5999/db", "'#'", "# as %23"),
        ("postgresql://u:sec?ret@127.0.0.1:5999/db?schema=medan", "'?'", "? as %3F"),
        ("postgres://u:a@b/c@[::1]/db", "'/', '@'", "/ as %2F, @ as %40"),
        # an `@` in the query besides: the password's still named
        ("postgresql://u:se/cr@127.0.0.1:5999/db?application_name=me@x/y", "'/'", "/ as %2F"),
        ("postgresql://u:sec?ret@127.0.0.1:5999/db?application_name=me@x/y", "'?'", "? as %3F"),
    ],
)
def test_a_password_with_a_character_to_percent_encode_is_named_as_the_cause(
    url: str, found: str, encodings: str
) -> None:
    # (they were refused as "no valid port" though the port was 5999, or "name the database" though it was named)
    with pytest.raises(ConfigurationError) as e:
        Settings(database_url=url).postgres()
    message = str(e.value)
    assert f"the password seems to hold {found}" in message
    assert f"percent-encode them in the password ({encodings}; % itself as %25)" in message
    assert "no valid port" not in message
    assert "name the database" not in message
    assert ":***@" in message
    for secret in ("se/", "sec", "a@b"):
        assert secret not in message.replace("se%2Fcr", "").replace("se/cr@t", "")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:se%2Fcr%40t@127.0.0.1:5999/db",  # encoded
        "postgresql://u:a@b@127.0.0.1:5999/db",  # an `@` alone: the host is after the last one
        "postgresql://127.0.0.1:5999/db?application_name=me@home",  # an `@` after the host, no host after it
    ],
)
def test_a_url_whose_password_needs_no_more_encoding_is_read_as_it_is(url: str) -> None:
    assert Settings(database_url=url).postgres()["port"] == "5999"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:pw@127.0.0.1:5999/db?sslrootcert=/etc/certs/a@b/root.crt",
        "postgresql://u:pw@127.0.0.1:5999/db?application_name=me@x/y",
        "postgresql://127.0.0.1:5999/db?application_name=me@x/y",  # no user: the `@` is the query's
    ],
)
def test_an_at_sign_in_the_query_is_the_querys_not_the_end_of_a_password(url: str) -> None:
    # (the query's `@` was taken for the password's end: refused as a password holding '/', '?', the host b or x)
    found = Settings(database_url=url).postgres()
    assert (found["host"], found["port"], found["dbname"]) == ("127.0.0.1", "5999", "db")


def test_a_password_with_a_slash_names_the_host_before_the_query_not_after_its_at_sign() -> None:
    with pytest.raises(ConfigurationError) as e:
        Settings(database_url="postgresql://u:se/cr@127.0.0.1:5999/db?sslrootcert=/c/a@b/root.crt").postgres()
    assert "postgresql://u:***@127.0.0.1:5999/db?sslrootcert=/c/a@b/root.crt: the password seems" in str(e.value)


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
