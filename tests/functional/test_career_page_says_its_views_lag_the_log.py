"""A career page opened directly (no `wait_for`) right after a retraction showed the rank retracted for as long as the
follower took (~3 s), and said nothing. The page now knows cheaply when its views have yet to apply an event of the
record the log holds, and says "Recent changes are still being applied; reload in a moment" (en, id); once they have,
it says nothing. Both stores. Nothing follows the log here: the test holds the projector back and catches it up
itself."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, TEST_CONFIG, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_record_read_at_one_position import page_while_merit_catches_up

BEHIND = 'id="views-behind"'
NOTICE = {
    "en": "Recent changes are still being applied; reload in a moment.",
    "id": "Perubahan terbaru masih sedang diterapkan; muat ulang sebentar lagi.",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_WAIT_SECONDS": 1.5, "CAREERLOG_FOLLOW": False}


def promoted_and_shown(world: World) -> int:
    """Budi promoted to III/c, the views caught up, HR signed in: the promotion's version."""
    ledger = world.services.ledger
    ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    world.catch_up()
    log_in(world, "hr")
    return max(int(i["version"]) for i in ledger.get_history(BUDI))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_career_page_says_recent_changes_are_still_being_applied_while_its_views_lag(
    world: World, lang: str
) -> None:
    ledger = world.services.ledger
    promoted = promoted_and_shown(world)
    caught_up = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    assert BEHIND not in caught_up
    assert NOTICE[lang] not in caught_up
    assert "III/c" in caught_up
    ledger.record(BUDI, "retraction", f.retraction(promoted, "2018-04-01"), actor="test")  # the projector held back
    answer = world.client.get(f"/pages/employees/{BUDI}?lang={lang}")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert BEHIND in page
    assert NOTICE[lang] in page
    world.catch_up()
    shown = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    assert BEHIND not in shown
    assert NOTICE[lang] not in shown


def test_another_records_write_does_not_make_the_page_say_so(world: World) -> None:
    # (the views lag the log's head, another employee's write: this record is shown as the log holds it)
    world.catch_up()
    log_in(world, "hr")
    world.services.ledger.record(SARI, "performance_rating", f.rating(2020), actor="test")
    assert BEHIND not in world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)


def test_views_catching_up_while_the_page_reads_them_do_not_hide_the_notice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # About 2 career pages in 10 opened right after a retraction showed the retracted penalty's verdict with no
    # notice: the page read the rows, the follower then applied the retraction, and only then did the page read the
    # views' positions (past the record's last event: "not behind"). The follower here catches up exactly between
    # the page's read of the record's rows and whatever the page reads after them.
    ledger = world.services.ledger
    promoted = promoted_and_shown(world)
    ledger.record(BUDI, "retraction", f.retraction(promoted, "2018-04-01"), actor="test")  # the projector held back
    queries = world.services.queries
    read = queries.timeline

    def then_caught_up(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)  # (the rows as the views held them: the rank retracted still there)
        world.catch_up()
        return found

    monkeypatch.setattr(queries, "timeline", then_caught_up)
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    assert "III/c" in page  # (the rows read before the follower applied the retraction)
    assert BEHIND in page
    monkeypatch.setattr(queries, "timeline", read)
    shown = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    assert BEHIND not in shown


def written_just_now(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger's clock held at now, so that the record's last event stays written "a moment before" (less than the
    wait ago: the page waits for it) however long a loaded machine takes to ask for the page."""
    now = world.services.ledger.clock()
    monkeypatch.setattr(world.services.ledger, "clock", lambda: now)


def test_a_page_opened_right_after_a_write_waits_for_its_views_to_show_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an HR tester: a career page opened in another tab right after a write (no `wait_for`) showed the value
    before it for a second or two (the views waited for only to agree with each other, not to reach the record's last
    event), and once the timeline showed a correction the requirements did not count. The page now waits for its views
    to reach the record's last event, at most CAREERLOG_WAIT_SECONDS (1.5 s here), as the form's link waits."""
    promoted = promoted_and_shown(world)
    world.services.ledger.record(BUDI, "retraction", f.retraction(promoted, "2018-04-01"), actor="test")
    written_just_now(world, monkeypatch)
    page = page_while_merit_catches_up(world, f"/pages/employees/{BUDI}?lang=en")  # (every view, 0.5 s later)
    assert BEHIND not in page
    assert f'<tr id="event-{promoted}" class="retracted">' in page  # (the retraction shown)
