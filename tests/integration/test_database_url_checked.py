"""An operator's mistakes in CAREERLOG_DATABASE_URL stop every command (and `careerlog serve` before its workers)
with a message naming the variable and the reason, exit 1, and create nothing: a URL that is not a SQLite file's
(sqlite://dir/x.db opened ./x.db; ?mode=ro became part of the file's name), an unknown parameter (a mistyped
?schema= put the tables in the public schema), a port out of range (a traceback), a database that cannot be reached
(the message now names the variable and the URL, its password masked), and the variable not set at all in a unit or
shell where the default store is not (an empty careerlog.db was made and served)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests.conftest import POSTGRES_URL, require_postgres
from tests.integration.test_cli import last_position

COMMANDS = [["info"], ["projections", "run", "--once"], ["accounts", "list"], ["serve", "--bind", "127.0.0.1:1"]]


def careerlog(args: list[str], url: str | None) -> Result:
    return CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": url, "CAREERLOG_ENCRYPTION_KEY": None})


def refused(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "CAREERLOG_DATABASE_URL" in result.output
    for word in words:
        assert word in result.output


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("url", ["sqlite://data/careerlog.db", "sqlite:///careerlog.db?mode=ro"])
def test_a_sqlite_url_that_names_no_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    refused(careerlog(command, url), url, "sqlite:///relative/path.db")
    assert list(tmp_path.rglob("*")) == []


@pytest.mark.parametrize(
    "command", [*COMMANDS, ["export", "backup.jsonl"], ["import", "--kind", "training", "training.csv"]]
)
@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("sqlite:///:memory:", "a store in memory"),
        ("sqlite:///file::memory:", "a SQLite URI"),
        ("sqlite:///file:careerlog.db", "a SQLite URI"),
    ],
)
def test_a_sqlite_store_in_memory_or_a_uri_filename_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, said: str, command: list[str]
) -> None:
    """Such a URL passed every check of the file: an export of it was an empty backup, exit 0 (the URI's file made
    empty by a command that only reads), an import into memory said its rows were recorded and lost them, and the
    encryption key was not checked against the store's events."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "training.csv").write_text("nip,title\n198609262010031001,Arsip\n")
    refused(careerlog(command, url), url, said, "sqlite:///relative/path.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["training.csv"]


def public_tables() -> int:
    with psycopg.connect(POSTGRES_URL) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_name IN ('careerlog_events', 'view_schemas', 'accounts')"
        ).fetchone()
    return int(row[0]) if row else 0


@pytest.mark.postgres
@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_parameter_of_a_postgresql_url_is_refused(command: list[str]) -> None:
    require_postgres()
    before = public_tables()
    url = f"{POSTGRES_URL}?shema=ops_typo"
    refused(careerlog(command, url), "'shema'", "?schema=name")
    assert public_tables() == before
    with psycopg.connect(POSTGRES_URL) as conn:
        assert conn.execute("SELECT to_regnamespace('ops_typo')").fetchone() == (None,)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("port", ["99999", "5x"])
def test_a_bad_port_is_refused(command: list[str], port: str) -> None:
    refused(careerlog(command, f"postgresql://careerlog:s3cret@127.0.0.1:{port}/careerlog"), "port", "***")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_that_cannot_be_reached_names_the_variable_not_the_password(command: list[str]) -> None:
    result = careerlog(command, "postgresql://careerlog:s3cret@127.0.0.1:1/careerlog")
    refused(result, "The database could not be used", "postgresql://careerlog:***@127.0.0.1:1/careerlog")
    assert "s3cret" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unset_url_does_not_make_an_empty_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    refused(careerlog(command, None), "is not set", str(tmp_path), "Nothing was created")
    assert list(tmp_path.rglob("*")) == []


def test_an_unset_url_opens_the_default_store_when_it_is_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert last_position("sqlite:///careerlog.db") == 0  # (the store made, as a writing command makes it)
    result = careerlog(["info"], None)
    assert result.exit_code == 0, result.output
    assert "store: sqlite" in result.output


SECRET_URLS = [  # each URL's password is "s3cret"
    "postgresql://careerlog:s3cret@127.0.0.1:1/careerlog?password=s3cret",  # given twice: the parameter refused
    "postgresql://careerlog@127.0.0.1:1/careerlog?sslpassword=s3cret",
    "postgresql://careerlog:s3cret@[::1/careerlog",  # a `[` opening no IPv6 address: not a URL at all
    "postgresql://careerlog:s3c/ret@127.0.0.1/careerlog",  # a `/` in the password, not escaped: no valid port
    "sqlite:///careerlog.db?password=s3cret",
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("url", SECRET_URLS)
def test_a_password_in_the_url_never_shows_in_a_refusal(command: list[str], url: str) -> None:
    result = careerlog(command, url)
    refused(result, "***")
    assert "s3cret" not in result.output
    assert "s3c" not in result.output.replace("s3c/", "")  # (nor a part of it)
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_a_url_that_cannot_be_split_is_one_line_naming_the_variable() -> None:
    result = careerlog(["info"], "postgresql://careerlog:s3cret@[::1/careerlog")
    assert result.output == (
        "Error: CAREERLOG_DATABASE_URL: postgresql://careerlog:***@[::1/careerlog cannot be read as a URL "
        "(Invalid IPv6 URL); write postgresql://user:password@host:port/dbname or sqlite:///path.db\n"
    )
    assert result.exit_code == 1


def test_the_settings_repr_shows_neither_the_url_nor_the_key() -> None:
    from careerlog.config import Settings

    shown = repr(Settings(database_url="postgresql://careerlog:s3cret@db/careerlog", encryption_key="k3y"))
    assert "s3cret" not in shown
    assert "k3y" not in shown


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("?schema=", "gives ?schema= empty"),
        ("?schema=a&schema=b", "gives ?schema= 2 times"),
        ("?schema=a&schema=a", "2 times"),
    ],
)
def test_a_schema_given_empty_or_twice_is_refused_naming_it(command: list[str], query: str, reason: str) -> None:
    # (an empty one was read as none, the tables going to the public schema; of two, the first was taken)
    result = careerlog(command, f"postgresql://careerlog:s3cret@127.0.0.1:1/careerlog{query}")
    refused(result, "?schema=", reason)
    assert "s3cret" not in result.output


@pytest.mark.parametrize("command", [*COMMANDS, ["record", "198609262010031001", "appointment"]])
def test_a_sqlite_url_naming_a_directory_is_refused(tmp_path: Path, command: list[str]) -> None:
    refused(careerlog(command, f"sqlite:///{tmp_path}"), f"{tmp_path} is a directory, not a SQLite store's file")
    assert list(tmp_path.rglob("*")) == []
