"""`careerlog run` (what `make run` does) adds its demo log-ins only to a demo store.

Its accounts have passwords and tokens printed at start and written in docs/api.md, the
administrator's national. Pointed at a SQLite store holding real records (a regional agency's,
CAREERLOG_DATABASE_URL left set in the shell), it created them there and served the store.
Now it refuses a store whose log it did not fill with the demo, and creates nothing.
"""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.accounts import open_accounts
from careerlog.application import CareerLog
from careerlog.cli import Context, main
from careerlog.config import Settings
from tests import factories as f
from web.cli import prepare_demo


def test_run_refuses_a_store_of_real_records_and_creates_no_account(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("web.cli.serve", lambda *args: pytest.fail("served a store of real records"))
    settings = Settings(database_url=sqlite_url)
    with CareerLog.from_settings(settings) as ledger:
        ledger.record(f.nip(date(1985, 5, 5), sequence=961), "appointment", f.appointment(date(1985, 5, 5)), actor="hr")
    result = CliRunner().invoke(main, ["run", "--bind", "127.0.0.1:1"], env={"CAREERLOG_DATABASE_URL": sqlite_url})
    assert result.exit_code == 1, result.output
    assert "demo" in result.output
    assert "careerlog serve" in result.output
    accounts = open_accounts(settings)
    assert accounts.list_accounts() == []
    accounts.store.close()


def test_run_prepares_a_store_it_filled_with_the_demo_again(sqlite_url: str) -> None:
    context = Context(Settings(database_url=sqlite_url))
    try:
        nip = prepare_demo(context, employees=30)
        assert prepare_demo(context, employees=30) == nip  # the next `make run` on the same store
    finally:
        context.close()
