"""GET /health, for a load balancer's check and monitoring: without a token, 200 with each view's position, lag and
state while the store answers (a view behind is shown, not a failure), no access-log entry, not cached; a 503
problem+json with Retry-After when the store cannot be used. There was no such endpoint (docs/operations.md,
"Monitoring")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from eventsourcing.persistence import OperationalError
from flask import Flask

from careerlog.config import Settings
from projections.framework import rules_digest
from projections.registry import all_projections
from tests import factories as f
from web import create_app, health
from web.services import Services

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=51)
SARI = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=52)
# A test marked MADE gets an empty PostgreSQL store made before (tests/conftest.py, lent_postgres_url): those that read
# the views' lag and a store that cannot be used; not those that change the views' versions or rules in the store.
MADE = pytest.mark.made_store


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(Settings(database_url=database_url), test_config={"TESTING": True, "CAREERLOG_FOLLOW": False})
    yield app
    app.extensions["careerlog"].close()


def services(app: Flask) -> Services:
    return app.extensions["careerlog"]  # type: ignore[no-any-return]


def access_log_rows(app: Flask) -> int:
    return int(services(app).projector.views.sql.scalar("SELECT COUNT(*) AS n FROM access_log") or 0)


@MADE
def test_health_shows_the_views_lag_without_a_token(app: Flask) -> None:
    ledger = services(app).ledger
    ledger.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    services(app).projector.catch_up()
    logged = access_log_rows(app)
    answer = app.test_client().get("/health")
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    body = answer.get_json()
    head = ledger.max_notification_id()
    assert body["status"] == "ok"
    assert body["head"] == head
    assert [v["name"] for v in body["views"]] == [p.name for p in all_projections()]
    assert all(v["lag"] == 0 and v["position"] == head and v["state"] == "ready" for v in body["views"])

    ledger.record(SARI, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F"), actor="hr")
    behind = app.test_client().get("/health")
    assert behind.status_code == 200
    assert {v["lag"] for v in behind.get_json()["views"]} == {1}
    assert access_log_rows(app) == logged


@MADE
def test_health_is_a_503_when_the_store_cannot_be_used(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    def lost(head: int | None = None) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services(app).projector, "status", lost)
    answer = app.test_client().get("/health")
    assert answer.status_code == 503
    assert answer.mimetype == "application/problem+json"
    assert answer.headers["Retry-After"] == "5"


def test_health_shows_each_views_version_in_the_store_beside_this_releases(app: Flask) -> None:
    """`version` was this release's version of each view, whatever the store held: a view another release made again
    at its version while this server runs (an upgrade under way) read as this release's. Each view now shows
    `release_version` (this release's; `version`, kept, is the same) and `store_version` (the store's view_schemas)."""
    roster = next(p for p in all_projections() if p.name == "roster")
    with services(app).projector.views.sql.transaction() as sql:  # as a newer release's first process leaves it
        sql.execute("UPDATE view_schemas SET version = ? WHERE name = 'roster'", (roster.version + 1,))
    views = {v["name"]: v for v in app.test_client().get("/health").get_json()["views"]}
    assert views["roster"]["release_version"] == roster.version
    assert views["roster"]["store_version"] == roster.version + 1
    assert views["roster"]["version"] == roster.version
    timeline = next(p for p in all_projections() if p.name == "timeline")
    assert views["timeline"]["release_version"] == views["timeline"]["store_version"] == timeline.version


def test_health_shows_the_rules_each_view_was_built_with_beside_this_servers(app: Flask) -> None:
    """A view built under rules shows the digest of the rules its rows were built with and this server's (a
    difference is a server to start again with the views' rules: its reads of them are a 503 rules-mismatch); a
    view built under no rules shows null."""
    with services(app).projector.views.sql.transaction() as sql:  # as a rebuild under other rules leaves it
        sql.execute("UPDATE view_configurations SET digest = 'b02ab2204b98' WHERE name = 'merit'")
    body = app.test_client().get("/health").get_json()
    views = {v["name"]: v for v in body["views"]}
    assert views["merit"]["rules"] == {"built_with": "b02ab2204b98", "server": rules_digest()}
    assert views["awards"]["rules"] == {"built_with": rules_digest(), "server": rules_digest()}
    assert views["roster"]["rules"] is None
    # (said "ok" until 2026-12-05 while every read of merit answered 503 rules-mismatch)
    assert body["status"] == "degraded"
    assert body["detail"] == (
        f"The view merit's rows were built with the rules of digest b02ab2204b98, this server's CAREERLOG_RULES_FILE "
        f"gives {rules_digest()}: this server answers every read of it 503 rules-mismatch. Start it again with the "
        "CAREERLOG_RULES_FILE the views were built with (docs/operations.md, Upgrades)."
    )


def test_health_is_a_503_naming_the_full_disk_when_a_sqlite_store_cannot_take_a_write(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a full disk every read of personal data (its access-log entry written) and every write answered 503 "The
    database could not be used" while /health answered 200 "ok". Now its file system's free space is looked at:
    below health.MIN_FREE_BYTES (here raised above what the disk has) /health is a 503 saying so."""
    app = create_app(Settings(database_url=sqlite_url), test_config={"TESTING": True, "CAREERLOG_FOLLOW": False})
    try:
        assert app.test_client().get("/health").status_code == 200
        monkeypatch.setattr(health, "MIN_FREE_BYTES", 1 << 62)
        answer = app.test_client().get("/health")
        assert answer.status_code == 503
        assert answer.mimetype == "application/problem+json"
        assert answer.headers["Retry-After"] == "5"
        assert "The SQLite store's file system has" in answer.get_json()["detail"]
        assert "Free space on it." in answer.get_json()["detail"]
    finally:
        app.extensions["careerlog"].close()


def test_health_names_a_rebuild_that_stopped_and_the_rebuild_to_run(app: Flask) -> None:
    """A view marked as rebuilding with no rebuild running (a rebuild killed mid-way) showed `rebuilding` under "ok",
    as a rebuild under way: its reads are refused until an operator runs the rebuild again. Now its state says it
    stopped, `stopped` is true, and `status` is "degraded" with the rebuild to run (still a 200: the other reads and
    the writes are answered)."""
    with services(app).projector.views.sql.transaction() as sql:  # as a rebuild killed mid-way leaves it
        sql.execute("UPDATE view_schemas SET state = 'rebuilding' WHERE name = 'roster'")
    answer = app.test_client().get("/health")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "degraded"
    assert "The rebuild of the view roster stopped before it finished" in body["detail"]
    assert "Run `careerlog projections rebuild roster`" in body["detail"]
    views = {v["name"]: v for v in body["views"]}
    assert (views["roster"]["state"], views["roster"]["stopped"]) == ("rebuilding (stopped: no rebuild runs)", True)
    assert not any(v["stopped"] for name, v in views.items() if name != "roster")
    services(app).projector.rebuild(["roster"])
    mended = app.test_client().get("/health").get_json()
    assert mended["status"] == "ok"
    assert "detail" not in mended
    assert {v["state"] for v in mended["views"]} == {"ready"}
