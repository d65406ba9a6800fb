"""An event this release has no class for (recorded by a newer release): the commands that read it stop with a message
saying so and what to do, exit 1, without a traceback (was TopicError's). `careerlog export FILE` that fails half-way
leaves no FILE, and an older FILE as it was: it used to leave the part written under the backup's name."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.sqlstore import open_store
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=61)


@pytest.fixture
def store(database_url: str) -> Settings:
    """A store with an employee and, after it, an event of a kind a newer release recorded."""
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    app.close()
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            write.execute(
                f"INSERT INTO {table} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
                (BUDI, 2, "careerlog.domain.events:KindOfANewerRelease", b'{"effective_date": "2026-01-01"}'),
            )
    finally:
        sql.close()
    return settings


def test_a_failed_export_leaves_no_file_and_keeps_an_older_one(store: Settings, tmp_path: Path) -> None:
    (tmp_path / "backups").mkdir()
    backup = tmp_path / "backups" / "careerlog.jsonl"
    backup.write_text("yesterday's backup\n")
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "export", str(backup)])
    assert result.exit_code == 1, result.output
    assert "recorded by a newer release" in result.output
    assert "KindOfANewerRelease" in result.output
    assert "Traceback" not in result.output
    assert backup.read_text() == "yesterday's backup\n"
    assert [p.name for p in backup.parent.iterdir()] == ["careerlog.jsonl"]


def test_a_worker_meeting_it_stops_with_the_message(store: Settings) -> None:
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "run", "--once"])
    assert result.exit_code == 1, result.output
    assert "recorded by a newer release" in result.output
    assert "docs/operations.md, Upgrades" in result.output


def test_an_export_through_a_link_writes_where_it_points(database_url: str, tmp_path: Path) -> None:
    """As `careerlog export /dev/stdout` does: the link is written through, not replaced by a file."""
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    app.close()
    (tmp_path / "out").mkdir()
    target, link = tmp_path / "out" / "target.jsonl", tmp_path / "out" / "link.jsonl"
    target.write_text("")
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["--database-url", database_url, "export", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert BUDI in target.read_text()


def api_of(store: Settings) -> tuple[Any, dict[str, str]]:
    """The web app of the store (not following the log) and an administrator's token's headers."""
    from careerlog.accounts import open_accounts
    from web import create_app

    accounts = open_accounts(store)
    accounts.create("hr-ops", display_name="HR", role="admin", password=None)
    token = accounts.issue_token("hr-ops").token
    accounts.store.close()
    app = create_app(store, test_config={"TESTING": True, "CAREERLOG_FOLLOW": False})
    return app, {"Authorization": f"Bearer {token}"}


def test_the_api_answers_a_503_naming_the_newer_release(store: Settings) -> None:
    """A write to (or the history of) a record holding such an event: 503 problem+json newer-release (was a 500)."""
    app, headers = api_of(store)
    try:
        client = app.test_client()
        training = f.training("2016-01-08", hours=16, start="2016-01-07")
        for answer in (
            client.post(f"/api/v1/employees/{BUDI}/events", json={"kind": "training", **training}, headers=headers),
            client.get(f"/api/v1/employees/{BUDI}/events", headers=headers),
        ):
            assert answer.status_code == 503, answer.text
            assert answer.get_json()["type"].endswith("newer-release")
            assert "newer careerlog release" in answer.get_json()["detail"]
            assert answer.headers["Retry-After"] == "300"
    finally:
        app.extensions["careerlog"].close()


def test_a_page_answers_a_503_page_naming_the_newer_release(store: Settings) -> None:
    """The pages that read such a record (recording a fact to it): a 503 page with Retry-After, in the visitor's
    language, saying what is wrong and what to do (was the 500 page of an unexpected error)."""
    from careerlog.accounts import open_accounts
    from web import create_app

    accounts = open_accounts(store)
    accounts.create("hr-ops", display_name="HR", role="admin", password=None)
    accounts.store.close()
    config = {"TESTING": True, "CAREERLOG_FOLLOW": False, "WTF_CSRF_ENABLED": False}
    app = create_app(store, test_config=config)
    try:
        client = app.test_client()
        with client.session_transaction() as session:
            session["username"] = "hr-ops"
            session["sid"] = "a-session"  # as a log-in names it (web.pages.auth)
            session["since"] = int(time.time())  # the log-in time (a session lasts CAREERLOG_SESSION_HOURS)
        training = f.training("2016-01-08", hours=16, start="2016-01-07")
        form = {"nip": BUDI, **{k: str(v) for k, v in training.items()}}
        for lang, words in (("en", "newer careerlog release"), ("id", "rilis careerlog yang lebih baru")):
            answer = client.post(f"/pages/record?kind=training&lang={lang}", data={"kind": "training", **form})
            assert answer.status_code == 503, answer.text
            assert answer.headers["Retry-After"] == "300"
            assert answer.mimetype == "text/html"
            assert words in answer.text
            assert answer.headers["Cache-Control"] == "no-store"
    finally:
        app.extensions["careerlog"].close()
