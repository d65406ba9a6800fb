"""A store whose account_changes were made before unlocks were kept in them (no `cleared` column) gets the column on
opening, its rows kept as they were (cleared none), and an unlock is then kept in it; on both stores."""

from __future__ import annotations

from careerlog.access import Scope
from careerlog.accounts import open_accounts
from careerlog.config import Settings
from careerlog.sqlstore import open_store

OLD_TABLE = (  # as the release before made it
    "CREATE TABLE account_changes (id TEXT PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL, "
    "via TEXT NOT NULL, action TEXT NOT NULL, account TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL)"
)


def test_account_changes_made_before_unlocks_get_the_cleared_column_on_opening_their_rows_kept(
    database_url: str,
) -> None:
    settings = Settings(database_url=database_url)
    made = open_accounts(settings)
    made.create("siti", display_name="Siti Lubis", role="hr", scope=Scope(agencies=("KOTA-MEDAN",)))
    made.store.close()
    store = open_store(settings)
    try:
        with store.transaction() as sql:
            sql.execute("DROP TABLE account_changes")
            sql.execute(OLD_TABLE)
            sql.execute(
                "INSERT INTO account_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ("0001", "2026-11-30T08:00:00+00:00", "root", "cli", "created", "siti", "hr", "agency KOTA-MEDAN"),
            )
            sql.execute("CREATE INDEX account_changes_at ON account_changes (at)")
        with store.statements() as sql:
            assert "cleared" not in sql.column_names("account_changes")
    finally:
        store.close()
    accounts = open_accounts(settings)
    try:
        assert not accounts.tables_missing()
        with accounts.store.statements() as sql:
            assert "cleared" in sql.column_names("account_changes")
        [old] = accounts.account_changes()[0]
        assert (old.username, old.action, old.account, old.scope, old.cleared) == (
            "root",
            "created",
            "siti",
            "agency KOTA-MEDAN",
            None,
        )
        for _ in range(2):
            assert accounts.start_log_in("siti", most=20, seconds=3600) is None
        assert accounts.unlock("siti", by="admin", via="page") == 2
        [unlocked, kept] = accounts.account_changes()[0]
        assert kept == old
        assert (unlocked.username, unlocked.via, unlocked.action, unlocked.cleared) == ("admin", "page", "unlocked", 2)
    finally:
        accounts.store.close()
