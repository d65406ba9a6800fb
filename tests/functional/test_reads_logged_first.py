"""A read's access-log entry is committed before its answer starts, on the fast path and through Flask, on both
stores (on PostgreSQL synchronously: the default durable access log); a read that fails writes no entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.test import EnvironBuilder

from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store
from tests.functional.conftest import BUDI, World
from web.fastreads import FastReads

READS = {
    "timeline": f"/api/v1/employees/{BUDI}/timeline",
    "eligibility": f"/api/v1/employees/{BUDI}/eligibility",
    "roster": "/api/v1/employees?per_page=2",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def other(store_url: str) -> Iterator[SqlStore]:
    """Another connection to the store (its own pool), as another process would read it."""
    store = open_store(Settings(database_url=store_url))
    yield store
    store.close()


def logged(store: SqlStore) -> list[tuple[Any, ...]]:
    return sorted(tuple(r.values()) for r in store.query("SELECT username, nip, action FROM access_log"))


def answered(app: Any, path: str, token: str, other: SqlStore) -> tuple[str, str, list[tuple[Any, ...]]]:
    """The status, the content type, and the access log as another connection saw it when the answer started."""
    route, _, query = path.partition("?")
    environ = EnvironBuilder(path=route, query_string=query, headers={"Authorization": f"Bearer {token}"})
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        seen["status"], seen["log"], seen["type"] = status, logged(other), dict(headers).get("Content-Type")

    b"".join(app(environ.get_environ(), start_response))
    return seen["status"], seen["type"], seen["log"]


def empty_log(world: World) -> None:
    with world.services.accounts.store.transaction() as sql:
        sql.execute("DELETE FROM access_log")


@pytest.mark.parametrize("read", sorted(READS))
def test_the_access_log_entry_is_committed_before_the_answer_starts(world: World, other: SqlStore, read: str) -> None:
    served = world.app.wsgi_app
    assert isinstance(served, FastReads)
    for app in (served, served.fallback):  # the fast path, and Flask behind it
        empty_log(world)
        status, kind, seen = answered(app, READS[read], world.tokens["hr"], other)
        assert (status, kind) == ("200 OK", "application/json")
        assert seen, read  # committed and visible elsewhere before the first byte of the answer
        assert seen == logged(other)  # and nothing written after it
        assert all(row[0] == "hr" and row[2] == read for row in seen)


def test_a_read_that_fails_writes_no_entry(world: World, other: SqlStore) -> None:
    views = world.services.projector.views.sql
    views.execute_script(["ALTER TABLE timeline RENAME TO timeline_away"])
    try:
        empty_log(world)
        status, kind, seen = answered(world.app.wsgi_app, READS["timeline"], world.tokens["hr"], other)
        assert (status, kind) == ("503 SERVICE UNAVAILABLE", "application/problem+json")  # the store failed
        assert seen == []
        assert logged(other) == []
    finally:
        views.execute_script(["ALTER TABLE timeline_away RENAME TO timeline"])
    empty_log(world)
    assert answered(world.app.wsgi_app, READS["timeline"], world.tokens["hr"], other)[0] == "200 OK"
    assert logged(other) == [("hr", BUDI, "timeline")]
