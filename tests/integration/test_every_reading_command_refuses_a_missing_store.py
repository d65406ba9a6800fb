"""Every command that only reads refuses a store that is not there, exit 1, and makes nothing.

`careerlog export` on a mistyped CAREERLOG_DATABASE_URL was refused, but `careerlog accounts list` (and `tokens
list`) on it exited 0, listing nothing, and made the store there: a SQLite file with the log's and the accounts'
tables, a PostgreSQL schema with 7 tables. The next `careerlog export` then found a store, wrote 0 events, exit 0:
the backup that looked done, which the refusal was to end. The commands are walked from the click groups (the layers'
entry points too), so a command added later is held to it unless it is named here as one that writes (and so may
start a new store, docs/operations.md, Stores) or as one that opens no store. A command changing an account or a token
already there (`tokens create`, `accounts disable`, ...) is held to it too, saying what it does.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import click
import psycopg
import pytest

from careerlog.cli import main
from careerlog.config import Settings
from tests.conftest import POSTGRES_URL, require_postgres, schemas_dropped
from tests.integration.test_cli import APPOINTMENT, run, write
from web.cli import NOT_THERE

# The commands that record, and so make the store they are pointed at (docs/operations.md, Stores)
WRITING = {
    "import",
    "record",
    "demo",
    "accounts create",
    "accounts copy",
    "projections run",
    "run",
}
# The commands that change an account or a token already there, and so can never be the first on a new store: each
# refuses a store that is not there as a reading command does, saying what it does. `tokens create --account opadmin`
# on a mistyped URL said "No account named 'opadmin'." and had made the store (its tables, its encryption marker),
# whose `careerlog export` then wrote 0 events, exit 0.
EXISTING = {
    "accounts disable": "disables an account already in a store",
    "accounts unlock": "unlocks an account already in a store",
    "tokens create": "issues a token to an account already in a store",
    "tokens revoke": "revokes a token already in a store",
    # (it made the store and served it empty, /health "ok" with head 0, until 2026-12-06: --create-store makes one)
    "serve": NOT_THERE,
}
# The commands that open no store at all
STORELESS = {"kinds", "reference", "rules", "encryption-key"}
# The arguments a command needs to get as far as opening the store
ARGUMENTS = {
    "export": ["{out}"],
    "history": ["198609262010031001"],
    "audit promotion": ["198609262010031001", "1"],
    "report scorecard": ["--agency", "KOTA-MEDAN", "--year", "2024"],
    "accounts disable": ["opadmin"],
    "accounts unlock": ["opadmin"],
    "tokens create": ["--account", "opadmin"],
    "tokens revoke": ["cl_abcdef"],
}


def commands(group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()) -> Iterator[str]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield from commands(command, click.Context(command, parent=ctx, info_name=name), (*path, name))
        else:
            yield " ".join((*path, name))


EVERY = sorted(commands(main, click.Context(main, info_name="careerlog")))
READING = [name for name in EVERY if name not in WRITING | STORELESS | set(EXISTING)]


def test_the_walk_finds_the_commands_that_only_read() -> None:
    assert {"export", "info", "accounts list", "tokens list", "projections status", "audit promotions"} <= set(READING)
    assert not (WRITING | STORELESS | set(EXISTING)) - set(EVERY), "a command named here is gone: take it out"


def arguments(name: str, tmp_path: Path) -> list[str]:
    return [*name.split(), *(a.format(out=tmp_path / "backup.jsonl") for a in ARGUMENTS.get(name, []))]


# The commands that refuse a store that is not there: those that only read, and those changing what is there
NEEDING = [*READING, *sorted(EXISTING)]


def said_what_it_does(name: str, output: str) -> bool:
    """A command changing an account or token says so in its refusal (one that reads says it reads: not checked)."""
    return name not in EXISTING or f"This command {EXISTING[name]} and makes none" in output


@pytest.mark.parametrize("name", NEEDING)
def test_a_command_needing_a_store_refuses_a_sqlite_file_that_is_not_there_and_makes_nothing(
    name: str, tmp_path: Path
) -> None:
    file = tmp_path / "carrerlog.db"  # (mistyped)
    result = run(f"sqlite:///{file}", *arguments(name, tmp_path))
    assert result.exit_code == 1, result.output
    assert f"No careerlog store at sqlite:///{file}: there is no file {file}." in result.output
    assert said_what_it_does(name, result.output), result.output
    assert "Nothing was created." in result.output
    assert list(tmp_path.iterdir()) == []  # (no store, nor a file beside it (.schema.lock), nor the command's output)


@pytest.mark.postgres
def test_every_command_needing_a_store_refuses_a_postgresql_schema_that_is_not_there_and_makes_nothing(
    tmp_path: Path,
) -> None:
    require_postgres()
    schema = f"t_movd_{uuid.uuid4().hex[:8]}"
    url = f"{POSTGRES_URL}?schema={schema}"
    with schemas_dropped(schema) as conn:  # (one a command made by mistake)
        for name in NEEDING:
            result = run(url, *arguments(name, tmp_path))
            assert result.exit_code == 1, (name, result.output)
            assert f"No careerlog store at {url}: there is no schema {schema}." in result.output, name
            assert said_what_it_does(name, result.output), result.output
            made = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
            assert made is None, f"careerlog {name} made the schema"
            assert list(tmp_path.iterdir()) == [], name


@pytest.mark.parametrize("name", sorted(STORELESS))
def test_a_command_that_opens_no_store_makes_none(name: str, tmp_path: Path) -> None:
    file = tmp_path / "carrerlog.db"
    result = run(f"sqlite:///{file}", *arguments(name, tmp_path))
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []


def store_tables(database_url: str) -> set[str]:
    """The tables of the store's file or schema, read on a connection of the test's own."""
    settings = Settings(database_url=database_url)
    if settings.store == "sqlite":
        with contextlib.closing(sqlite3.connect(settings.sqlite_path)) as lite:
            return {r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    schema = settings.postgres()["schema"] or "public"
    with psycopg.connect(database_url.partition("?")[0]) as conn:
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,))
        return {r[0] for r in rows}


def test_accounts_list_reads_a_store_of_the_log_alone_as_one_of_no_accounts_making_no_table(
    database_url: str, tmp_path: Path
) -> None:
    """A read makes none of the accounts' tables in a store that holds the log but no account yet."""
    assert run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT))).exit_code == 0
    before = store_tables(database_url)
    assert "accounts" not in before
    listed = run(database_url, "accounts", "list")
    assert (listed.exit_code, listed.output) == (0, "")
    tokens = run(database_url, "tokens", "list", "--account", "siti")
    assert tokens.exit_code == 1
    assert "No account named 'siti'." in tokens.output
    assert store_tables(database_url) == before
