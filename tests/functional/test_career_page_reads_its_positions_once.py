"""The career page read the views' positions and the record's last log position twice: once to wait for the views to
agree on the record (Services.aligned) and again to tell whether they lag the log (Services.views_behind). The wait
now answers whether a view is still behind (Projector.align), so a page reads each once; the lag notice is as before
(test_career_page_says_its_views_lag_the_log.py). Both stores."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest

from careerlog.sqlstore import Sql
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_says_its_views_lag_the_log import store_url, test_config, written_just_now
from tests.functional.test_pages_auth import log_in
from tests.functional.test_record_read_at_one_position import confirmed_with_merit_behind, page_while_merit_catches_up

POSITIONS = "MAX(notification_id) AS n FROM"  # the views' positions (projections.framework.positions_read)
RECORD_LAST = "WHERE originator_id = ?"  # the record's last log position (Ledger.last_notification_id)
BEHIND = 'id="views-behind"'


__all__ = ["store_url", "test_config"]  # (both stores; the follower off, a wait of 1.5 s)


def statements_of_page(world: World, monkeypatch: pytest.MonkeyPatch, waits: list[float] | None = None) -> list[str]:
    """The statements sent while Budi's career page is answered (this thread's: not a follower's); the timeouts of its
    waits for a view (Views.wait) put in `waits`."""
    sent: list[str] = []
    query = Sql.query
    here = threading.get_ident()
    views = world.services.projector.views
    wait = views.wait

    def noted(self: Sql, statement: str, params: Any = ()) -> Any:
        if threading.get_ident() == here:
            sent.append(statement)
        return query(self, statement, params)

    def waited(name: str, position: int | None, timeout: float = 5.0) -> None:
        (waits if waits is not None else []).append(timeout)
        wait(name, position, timeout=timeout)

    monkeypatch.setattr(Sql, "query", noted)
    monkeypatch.setattr(views, "wait", waited)
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 200
    monkeypatch.undo()
    return sent


def test_the_career_page_reads_the_views_positions_and_the_records_last_position_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.catch_up()
    log_in(world, "hr")
    sent = statements_of_page(world, monkeypatch)
    assert len([s for s in sent if POSITIONS in s and "application_name IN" in s]) == 1, sent  # (was 2)
    assert len([s for s in sent if RECORD_LAST in s and "MAX(" in s]) == 1, sent  # (was 1)


def test_a_page_whose_views_lag_a_record_written_just_now_reads_them_before_and_after_its_wait_and_says_so(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (since 2026-12-06 the page waits for its views to reach the record's last event, at most CAREERLOG_WAIT_SECONDS,
    # when that event was recorded less than that ago: lagging, the positions and the record's last position are read
    # before the wait and again after it; once each before, when the page did not wait)
    world.catch_up()
    log_in(world, "hr")
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2020), actor="test")  # the projector held back
    written_just_now(world, monkeypatch)  # (put back after the page, as statements_of_page puts back what it patched)
    waits: list[float] = []
    sent = statements_of_page(world, monkeypatch, waits)
    assert len([s for s in sent if POSITIONS in s and "application_name IN" in s]) == 2, sent
    assert len([s for s in sent if RECORD_LAST in s and "MAX(" in s]) == 2, sent
    assert waits  # (written less than the wait ago: waited for)
    assert BEHIND in world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)


def test_a_page_whose_views_lag_a_record_written_before_the_wait_says_so_at_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found in review: with the follower stopped (CAREERLOG_FOLLOW off, `careerlog projections run` stopped, a long
    # import), every load of the page of a record written since waited the whole CAREERLOG_WAIT_SECONDS, each reload
    # tying a server thread. A record whose last event is older than the wait is answered at once, lagging, as before
    # the wait: the positions and the record's last position read once each, and no wait for a view.
    world.catch_up()
    log_in(world, "hr")
    ledger = world.services.ledger
    ledger.record(BUDI, "performance_rating", f.rating(2020), actor="test")  # the projector held back
    clock = ledger.clock
    monkeypatch.setattr(ledger, "clock", lambda: clock() + timedelta(seconds=2))  # (the wait here: 1.5 s)
    waits: list[float] = []
    sent = statements_of_page(world, monkeypatch, waits)  # (the clock put back after it)
    assert waits == []  # (was 2 waits, of 1.5 s in all)
    assert len([s for s in sent if POSITIONS in s and "application_name IN" in s]) == 1, sent
    assert len([s for s in sent if RECORD_LAST in s and "MAX(" in s]) == 1, sent
    monkeypatch.setattr(ledger, "clock", lambda: clock() + timedelta(seconds=2))
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert BEHIND in page
    assert "Recent changes are still being applied; reload in a moment." in page


def test_a_page_whose_views_disagree_on_a_record_written_before_the_wait_waits_for_them_to_agree(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a record written a while ago, merit a moment behind the others: the page still waits for its views to agree on
    # the record, as before the wait for the record's last event, so the heading and the promotions show one position)
    nip = confirmed_with_merit_behind(world)
    log_in(world, "admin")
    ledger = world.services.ledger
    clock = ledger.clock
    monkeypatch.setattr(ledger, "clock", lambda: clock() + timedelta(seconds=2))
    assert BEHIND not in page_while_merit_catches_up(world, f"/pages/employees/{nip}")


def test_a_page_that_waited_for_a_slower_view_says_whether_it_still_lags(world: World) -> None:
    # (the views disagreeing on the record: the wait's reads, then the lag read again after it)
    nip = confirmed_with_merit_behind(world)
    log_in(world, "admin")
    assert BEHIND not in page_while_merit_catches_up(world, f"/pages/employees/{nip}")  # merit caught up in the wait
    world.services.ledger.record(nip, "performance_rating", f.rating(2020), actor="test")
    others = [p for p in all_projections() if p.name != "merit"]
    Projector(world.services.projector.settings, others, app=world.services.ledger).catch_up()
    assert BEHIND in world.client.get(f"/pages/employees/{nip}").get_data(as_text=True)  # merit held: wait given up
