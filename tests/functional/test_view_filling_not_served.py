"""A view being filled (dropped for a new version by a process of it, or rebuilt) is not answered from.

During an upgrade a process of the new version drops a view whose version changed and it fills again from
the first event; the web service answered from the half-filled view as if it were ready (a roster of part
of the employees, silently). Its reads are now a 503 problem+json naming the view, with Retry-After, until
it has caught up with the log's head of when it was dropped; reads of other views are answered.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from careerlog.config import Settings
from projections import framework
from projections.framework import Projector, ViewNotReady
from projections.merit.fairness import copied_frame
from projections.merit.queries import streamed
from projections.roster import RosterProjection
from tests.functional.conftest import BUDI, SARI, TEST_CONFIG, World
from tests.guard_clock import a_second_passes


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_FOLLOW": False}  # the new version's worker fills the view, not this one


def new_version_worker(store_url: str) -> Projector:
    """A projection worker of the next release, whose roster view has the next version."""
    roster = RosterProjection()
    roster.version = RosterProjection.version + 1
    return Projector(Settings(database_url=store_url), [roster])


def test_a_view_dropped_for_its_new_version_is_refused_until_it_is_filled(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(world.get("/api/v1/employees").get_json()["items"]) == 3
    worker = new_version_worker(store_url)  # drops the roster: it fills from the first event
    try:
        a_second_passes(monkeypatch)  # the web process looks at the views' states at most once a second
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 503
        assert answer.mimetype == "application/problem+json"
        assert answer.headers["Retry-After"] == "30"
        assert "roster" in answer.get_json()["detail"]
        assert answer.get_json()["type"].endswith("view-filling")
        with world.client.session_transaction() as session:
            session["username"] = "reporter"
            session["sid"] = "a-session"  # as a log-in names it (web.pages.auth)
            session["since"] = int(time.time())  # the log-in time (a session lasts CAREERLOG_SESSION_HOURS)
        page = world.client.get("/pages/reports/headcount")  # a page of the roster's counts
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "30"
        assert world.get(f"/api/v1/employees/{BUDI}/timeline").status_code == 200  # another view
        worker.catch_up()
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 200
        assert len(answer.get_json()["items"]) == 3
        states = world.services.projector.views.sql.query("SELECT name, state FROM view_schemas")
        assert {r["name"]: r["state"] for r in states}["roster"] == "ready"
    finally:
        worker.close()


def reporter_session(world: World) -> None:
    with world.client.session_transaction() as session:
        session["username"] = "reporter"
        session["sid"] = "a-session"  # as a log-in names it (web.pages.auth)
        session["since"] = int(time.time())  # the log-in time (a session lasts CAREERLOG_SESSION_HOURS)


def test_the_refusal_names_each_view_being_filled_and_how_far_it_is(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 503 said only that a view was being filled: the API's problem lists each view read, whether it is
    filling or rebuilt, and the log's event it has applied up to of the one it fills to; the page names them in
    the visitor's language with the share done and when to load it again."""
    head = world.services.ledger.max_notification_id()
    roster = RosterProjection()
    roster.version = RosterProjection.version + 1
    worker = Projector(Settings(database_url=store_url), [roster], batch_size=2)  # drops the roster
    try:
        worker.step()  # the first two events of the log applied
        a_second_passes(monkeypatch)  # the web process looks at the views' states at most once a second
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 503
        assert answer.get_json()["views"] == [{"name": "roster", "state": "filling", "position": 2, "head": head}]
        share = 2 * 100 // head
        assert f"roster (filled up to event 2 of the log's {head:,}, {share}%)" in answer.get_json()["detail"]
        reporter_session(world)
        page = world.client.get("/pages/reports/headcount?lang=en")
        assert page.status_code == 503
        text = " ".join(page.get_data(as_text=True).split())
        assert "the employee list and staff reports (<code>roster</code>)" in text
        assert f"done, up to event 2 of the {head} to fill" in text
        assert "Load this page again in 30 seconds" in text
        indonesian = " ".join(world.client.get("/pages/reports/headcount?lang=id").get_data(as_text=True).split())
        assert "daftar pegawai dan laporan kepegawaian (<code>roster</code>)" in indonesian
        assert f"sampai peristiwa ke-2 dari {head} yang diisi" in indonesian
        with worker.rebuild_lease([roster]):  # as `careerlog projections rebuild` holds it mid-way
            with worker.views.sql.transaction() as sql:
                sql.execute("UPDATE view_schemas SET state = 'rebuilding' WHERE name = 'roster'")
            a_second_passes(monkeypatch)
            answer = world.get("/api/v1/employees")
            views = [{"name": "roster", "state": "rebuilding", "position": None, "head": None}]
            assert answer.get_json()["views"] == views
            assert "roster (being rebuilt)" in answer.get_json()["detail"]
            text = " ".join(world.client.get("/pages/reports/headcount?lang=en").get_data(as_text=True).split())
            assert "(<code>roster</code>): being rebuilt" in text
    finally:
        worker.close()


@contextmanager
def held_rebuilding(worker: Projector, name: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The worker's view `name` rebuilding, its lease held, as `careerlog projections rebuild` holds it mid-way (and
    the web process has looked at the views' states since)."""
    with worker.rebuild_lease(worker.projections):
        with worker.views.sql.transaction() as sql:
            sql.execute("UPDATE view_schemas SET state = 'rebuilding' WHERE name = ?", [name])
        a_second_passes(monkeypatch)
        yield


def test_a_view_being_rebuilt_is_refused(world: World, store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    worker = Projector(Settings(database_url=store_url), [RosterProjection()])
    try:
        with held_rebuilding(worker, "roster", monkeypatch):
            assert world.get("/api/v1/employees").status_code == 503
        worker.rebuild(["roster"])
        assert world.get("/api/v1/employees").status_code == 200
    finally:
        worker.close()


def test_a_statement_naming_a_filling_views_table_only_in_a_literal_or_comment_is_answered(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    views = world.services.projector.views.sql
    worker = new_version_worker(store_url)  # the roster (tables roster and spells) fills
    try:
        a_second_passes(monkeypatch)
        assert views.scalar("SELECT COUNT(*) AS n FROM timeline WHERE kind <> 'roster'") > 0
        assert views.scalar("SELECT COUNT(*) AS n FROM timeline WHERE kind <> 'it''s the roster, spells'") > 0
        assert views.scalar("SELECT COUNT(*) AS n FROM timeline -- not the roster\nWHERE subject <> ''") > 0
        assert views.scalar("SELECT COUNT(*) AS n /* nor the spells */ FROM timeline") > 0
        for statement in (
            "SELECT 'timeline' AS name, COUNT(*) AS n FROM roster",
            "SELECT COUNT(*) AS n FROM timeline WHERE kind <> 'it''s' AND subject IN (SELECT subject FROM spells)",
            'SELECT COUNT(*) AS n FROM "roster"',
        ):
            with pytest.raises(ViewNotReady):
                views.scalar(statement)
    finally:
        worker.close()


def test_the_reads_that_fetch_from_the_cursor_are_refused_while_their_view_fills(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    views = world.services.projector.views.sql
    worker = new_version_worker(store_url)
    try:
        a_second_passes(monkeypatch)
        assert next(streamed(views, "SELECT subject FROM timeline", [], 10))  # another view: answered
        with pytest.raises(ViewNotReady):
            list(streamed(views, "SELECT subject FROM spells", [], 10))  # the exports' and statistics' reads
        if views.dialect == "postgres":
            with pytest.raises(ViewNotReady):
                copied_frame(views, "SELECT subject FROM spells", ["subject"])  # the statistics' COPY
    finally:
        worker.close()


def test_a_mentors_timeline_is_answered_while_the_roster_fills_and_logs_each_mentee(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mentor's timeline logs a read of each mentee it shows, placed where the mentee works now as the ledger says
    (as the reader's scope is judged), not the roster: the timeline is answered while the roster fills, as before."""
    mentoring = {"mentor_nip": BUDI, "focus": "Kearsipan", "effective_date": "2021-01-04", "reference": "MNT-1"}
    world.services.ledger.record(SARI, "mentoring_start", mentoring, actor="test")
    world.catch_up()
    worker = new_version_worker(store_url)  # drops the roster: it fills from the first event
    try:
        a_second_passes(monkeypatch)
        assert world.get("/api/v1/employees").status_code == 503
        assert world.get(f"/api/v1/employees/{BUDI}/timeline").status_code == 200
        entries, _ = world.services.accounts.access_log({})
        assert {(e.nip, e.action, e.agency, e.region) for e in entries} == {
            (BUDI, "timeline", "KOTA-MEDAN", "12.71"),
            (SARI, "mentee", "KOTA-MEDAN", "12.71"),
        }
    finally:
        worker.close()


WORKER_NEEDED = "A view is filled by a projections worker (`careerlog projections run`)"
# (a worker may run and fail on each batch, restarted each time: the store cannot tell it from none running)
RUNNING_OR_NOT = (
    "no process fills it, or the one that does fails",
    "If none runs, start one; if one runs, its log says why it does not move on (`careerlog projections status`",
)


def test_a_filling_that_has_not_moved_says_a_projections_worker_must_run(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server of PostgreSQL started after `careerlog demo` with no projections worker answered "is being filled
    ... try again later" for a view filled up to event 0 that nothing was filling (tester, 2026-12-05): a view
    none of which is filled, or whose position has not moved for STALLED_AFTER seconds, says that no process fills it
    or the one that does fails, and that a projections worker fills it (API detail and page, the page's since
    2026-12-06: before, that a worker "must run"); one moving on says to try again later alone."""
    roster = RosterProjection()
    roster.version = RosterProjection.version + 1
    worker = Projector(Settings(database_url=store_url), [roster], batch_size=2)  # drops the roster: event 0
    try:
        a_second_passes(monkeypatch)
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 503
        assert "filled up to event 0" in answer.get_json()["detail"]
        assert WORKER_NEEDED in answer.get_json()["detail"]
        assert all(words in answer.get_json()["detail"] for words in RUNNING_OR_NOT)
        assert "This server's process follows the log itself" not in answer.get_json()["detail"]  # (it does not)
        reporter_session(world)
        text = " ".join(world.client.get("/pages/reports/headcount?lang=en").get_data(as_text=True).split())
        assert "no process fills these records, or the one that does fails" in text  # (as the detail says)
        assert "filled by a projections worker (careerlog projections run" in text
        assert "who starts one if none runs and, if one runs, reads in its log why it does not move on" in text
        indonesian = " ".join(world.client.get("/pages/reports/headcount?lang=id").get_data(as_text=True).split())
        assert "tidak ada proses yang mengisi catatan ini, atau proses yang mengisinya gagal" in indonesian
        assert "bila ada yang berjalan, membaca di lognya mengapa pengisian tidak bergerak" in indonesian
        worker.step()  # moved on: event 2
        a_second_passes(monkeypatch, 2.2)
        answer = world.get("/api/v1/employees")
        assert "filled up to event 2" in answer.get_json()["detail"]
        assert WORKER_NEEDED not in answer.get_json()["detail"]
        text = " ".join(world.client.get("/pages/reports/headcount?lang=en").get_data(as_text=True).split())
        assert "projections worker" not in text
        a_second_passes(monkeypatch, 2.2 + framework.STALLED_AFTER)  # not moved since
        answer = world.get("/api/v1/employees")
        assert "filled up to event 2" in answer.get_json()["detail"]
        assert WORKER_NEEDED in answer.get_json()["detail"]
    finally:
        worker.close()


def test_a_view_left_rebuilding_by_a_rebuild_that_stopped_names_the_rebuild_to_run(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild killed (SIGKILL, its SSH session dropped) left its views marked as rebuilding: every read was a 503
    "being filled ... try again later", for ever, naming nothing to do. With no rebuild holding the view's lock, the
    refusal says that its rebuild stopped and names the command that mends it, in the API and on the page."""
    worker = Projector(Settings(database_url=store_url), [RosterProjection()])
    try:
        with worker.views.sql.transaction() as sql:  # as a rebuild killed mid-way leaves it (no rebuild holds it)
            sql.execute("UPDATE view_schemas SET state = 'rebuilding' WHERE name = 'roster'")
        a_second_passes(monkeypatch)
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 503
        detail = answer.get_json()["detail"]
        assert "roster (its rebuild stopped before it finished)" in detail
        assert "Run `careerlog projections rebuild roster`" in detail
        reporter_session(world)
        text = " ".join(world.client.get("/pages/reports/headcount?lang=en").get_data(as_text=True).split())
        assert "(<code>roster</code>): its rebuild stopped before it finished" in text
        assert "who runs careerlog projections rebuild roster" in text
        # (as the API's detail: nothing fills it until the rebuild is run again, where the page's title said to try
        # again shortly and to load it again in 30 seconds)
        assert "<h1>Not available until the administrator runs the rebuild again <small>(503)" in text
        assert "this one is shown again once the rebuild has been run" in text
        assert "try again shortly" not in text
        assert "Load this page again" not in text
        indonesian = " ".join(world.client.get("/pages/reports/headcount?lang=id").get_data(as_text=True).split())
        assert "pembangunan ulangnya berhenti sebelum selesai" in indonesian
        assert "Tidak tersedia sampai administrator menjalankan pembangunan ulang lagi" in indonesian
        assert "halaman ini ditampilkan lagi setelah pembangunan ulang dijalankan" in indonesian
        assert "Muat ulang halaman ini" not in indonesian
        assert "coba lagi sebentar lagi" not in indonesian
        assert [s.name for s in worker.status() if s.stalled] == ["roster"]
        worker.rebuild(["roster"])
        assert world.get("/api/v1/employees").status_code == 200
        assert not any(s.stalled for s in worker.status())
    finally:
        worker.close()
