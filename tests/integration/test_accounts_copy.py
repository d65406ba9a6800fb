"""Moving a store to another (SQLite to PostgreSQL, or back): `careerlog export` and `careerlog import --migration`
carry the events only; `careerlog accounts copy --from URL` carries the rest: the accounts (their password hashes),
the tokens, the account changes and the access log (the record of who read whose data), row for row, into an
encrypted store from a plain one. Tokens keep working; running it again copies nothing; a source that is not a store
of careerlog's is refused naming --from. There was no way to move them: the operator lost the access log."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.access import Target
from careerlog.accounts import open_accounts
from careerlog.cli import main
from careerlog.config import Settings

TABLES = {"accounts": "username", "api_tokens": "token_hash", "account_changes": "id", "access_log": "id"}
KEY = "Y2FyZWVybG9nLXRlc3Qta2V5LTMyLWJ5dGVzLWxvbmc="  # 32 bytes


def careerlog(url: str, *args: str, key: str | None = None) -> Result:
    env = {"CAREERLOG_DATABASE_URL": url, "CAREERLOG_ENCRYPTION_KEY": key}
    return CliRunner().invoke(main, list(args), env=env, input="a-long-password-1\n")


def rows_of(settings: Settings) -> dict[str, list[dict[str, object]]]:
    accounts = open_accounts(settings)
    try:
        return {
            table: [
                {k: (int(v) if k in ("national", "disabled") else v) for k, v in row.items()}
                for row in accounts.store.query(f"SELECT * FROM {table} ORDER BY {key}")
            ]
            for table, key in TABLES.items()
        }
    finally:
        accounts.store.close()


def test_accounts_tokens_and_the_access_log_move_to_another_store(tmp_path: Path, database_url: str) -> None:
    source = f"sqlite:///{tmp_path}/regional.db"
    assert (
        careerlog(
            source, "accounts", "create", "siti", "--name", "Siti", "--role", "admin", "--password-stdin"
        ).exit_code
        == 0
    )
    issued = careerlog(source, "tokens", "create", "--account", "siti")
    token = issued.stdout.strip()
    accounts = open_accounts(Settings(database_url=source))
    siti = accounts.authenticate(token).account
    accounts.record_access(siti, "read_timeline", [Target(nip=f"19860926201003100{i}") for i in range(3)])
    for _ in range(2):
        accounts.start_log_in("siti", most=20, seconds=3600)
    assert accounts.unlock("siti", by="root", via="cli") == 2  # (an account change with cleared 2)
    accounts.store.close()

    result = careerlog(database_url, "accounts", "copy", "--from", source, key=KEY)
    assert result.exit_code == 0, result.output
    assert "access_log: 3 found, 3 copied, 0 already here" in result.output
    assert rows_of(Settings(database_url=database_url, encryption_key=KEY)) == rows_of(Settings(database_url=source))
    moved = open_accounts(Settings(database_url=database_url, encryption_key=KEY))
    try:
        assert moved.authenticate(token).account.username == "siti"
    finally:
        moved.store.close()

    again = careerlog(database_url, "accounts", "copy", "--from", source, key=KEY)
    assert again.exit_code == 0, again.output
    assert "access_log: 3 found, 0 copied, 3 already here" in again.output


def test_account_changes_of_a_store_made_before_unlocks_were_kept_move_with_cleared_empty(
    tmp_path: Path, database_url: str
) -> None:
    source = f"sqlite:///{tmp_path}/older.db"
    assert (
        careerlog(source, "accounts", "create", "siti", "--name", "Siti", "--role", "admin", "--no-password").exit_code
        == 0
    )
    older = open_accounts(Settings(database_url=source))
    with older.store.transaction() as sql:  # account_changes as the release before made them: no column cleared
        sql.execute("ALTER TABLE account_changes RENAME TO account_changes_new")
        sql.execute(
            "CREATE TABLE account_changes (id TEXT PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL, "
            "via TEXT NOT NULL, action TEXT NOT NULL, account TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL)"
        )
        sql.execute(
            "INSERT INTO account_changes SELECT id, at, username, via, action, account, role, scope "
            "FROM account_changes_new"
        )
        sql.execute("DROP TABLE account_changes_new")
    older.store.close()
    result = careerlog(database_url, "accounts", "copy", "--from", source)
    assert result.exit_code == 0, result.output
    assert "account_changes: 1 found, 1 copied, 0 already here" in result.output
    moved = open_accounts(Settings(database_url=database_url))
    try:
        [change] = moved.account_changes()[0]
        assert (change.action, change.account, change.cleared) == ("created", "siti", None)
    finally:
        moved.store.close()


@pytest.mark.parametrize("source", ["sqlite:///{tmp}/missing.db", "sqlite://{tmp}/x.db", "sqlite:///{tmp}/plain.txt"])
def test_a_source_that_is_no_careerlog_store_is_refused(tmp_path: Path, database_url: str, source: str) -> None:
    (tmp_path / "plain.txt").write_text("not a database, but a text file of some length\n" * 100)
    result = careerlog(database_url, "accounts", "copy", "--from", source.format(tmp=tmp_path))
    assert result.exit_code == 2, result.output
    assert "--from" in result.output
    assert "Traceback" not in result.output


def test_a_source_that_is_this_very_store_is_refused(tmp_path: Path, database_url: str) -> None:
    """`accounts copy --from` naming the store copied into (as written, or by another name: a link to the SQLite
    file, `localhost` for PostgreSQL's 127.0.0.1) read every row as one already here, "1 found, 0 copied, 1 already
    here", exit 0, as if the move were done. It is refused naming --from, nothing copied."""
    creating = ("accounts", "create", "siti", "--name", "Siti", "--role", "admin", "--password-stdin")
    made = careerlog(database_url, *creating)
    assert made.exit_code == 0, made.output
    if database_url.startswith("sqlite:///"):
        link = tmp_path / "link.db"
        link.symlink_to(Path(database_url.removeprefix("sqlite:///")))
        other = f"sqlite:///{link}"
    else:
        other = database_url.replace("@127.0.0.1:", "@localhost:", 1)
    for source in (database_url, other):
        result = careerlog(database_url, "accounts", "copy", "--from", source)
        assert result.exit_code == 2, result.output
        said = " ".join(result.output.split())
        assert "Invalid value for --from: " in said, said
        assert "is this very store (CAREERLOG_DATABASE_URL is " in said, said
        assert "its accounts are here already. Name the store to copy from. Nothing was copied." in said, said
        assert "found" not in said
