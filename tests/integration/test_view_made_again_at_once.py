"""A view made again at another version (a newer release's first process upgrading the store while an older one
runs) is dropped, made and given its version in one transaction: another process sees the old view or the new one,
never no table. The clean-clone CI of 264ec47 caught the older release's follower between the two (its step failed
on "no such table: roster", 6dda10a having moved the making of the views after every drop)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

import psycopg
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.sqlstore import Sql
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.integration.test_follower_tells_left_alone import BUDI, NewerRoster


def roster_seen_by_another_connection(settings: Settings) -> bool:
    """Whether a connection of its own finds the roster table, as committed (it waits for no lock)."""
    if settings.store == "sqlite":
        with sqlite3.connect(settings.sqlite_path) as conn:
            return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'roster'").fetchone() is not None
    pg = settings.postgres()
    with psycopg.connect(dbname=pg["dbname"], host=pg["host"], port=pg["port"], user=pg["user"]) as conn:
        found = conn.execute("SELECT to_regclass(%s)", (f"{pg['schema']}.roster",)).fetchone()
        return found is not None and found[0] is not None


def test_a_view_made_again_is_never_missing_for_another_process(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        Projector(settings, all_projections(), app=app).close()
    seen: list[bool] = []
    create_missing = Sql.create_missing

    def looked_at_first(self: Sql, statements: Iterable[str], existing: Any = None) -> set[str]:
        seen.append(roster_seen_by_another_connection(settings))
        return create_missing(self, statements, existing)

    monkeypatch.setattr(Sql, "create_missing", looked_at_first)
    newer = Projector(settings, [*(p for p in all_projections() if p.name != "roster"), NewerRoster()])
    newer.close()
    assert seen  # looked while the views were being made, before their commit
    assert all(seen), seen
    monkeypatch.undo()
    assert roster_seen_by_another_connection(settings)
    with CareerLog.from_settings(settings) as app:
        remade = Projector(settings, [*(p for p in all_projections() if p.name != "roster"), NewerRoster()], app=app)
        try:
            remade.catch_up()
            assert remade.views.sql.scalar("SELECT COUNT(*) AS n FROM roster") == 1  # filled again from the log
        finally:
            remade.close()
