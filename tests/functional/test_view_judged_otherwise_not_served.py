"""A view made again under other rules while the web server runs is not answered by the server's own rules.

The server reads CAREERLOG_RULES_FILE when it starts; a rebuild under new rules (the workers started again with a
changed file) refilled the merit and awards views by them, and the server went on answering those views' pages and
API by the rules it started with: merit.passed_over counted and compared by the old rules beside the rows' new
verdicts, with no sign of it until it was restarted. Its reads of such a view are now a 503 problem+json
`rules-mismatch` naming the view and both digests (its `rules` member), with Retry-After, and the page a 503 saying
so in the visitor's language; other views are answered; a server reading the views' rules answers again. On both
stores, by configuration."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from careerlog.config import Settings
from careerlog.reference import RULES_FILE_ENV, load_rules
from projections.framework import Projector, rules_digest
from projections.merit.audit import MeritProjection
from projections.scorecard.awards import AwardsProjection
from tests.functional.conftest import TEST_CONFIG, World
from tests.functional.test_api_posts import posted
from tests.functional.test_passed_over_cli_judged_rules import other_rules, store_url
from tests.guard_clock import a_second_passes

# posted: Budi appointed Pengawas over a clearly stronger Dewi; other_rules: merit.passed_over's min_better 3
__all__ = ["other_rules", "posted", "store_url"]

PROMOTIONS = "/api/v1/audits/promotions"


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_FOLLOW": False}  # the workers of the new rules fill the views


def rebuilt_under(store_url: str, rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A projection worker started with `rules` (its process's CAREERLOG_RULES_FILE): it refills the views judged
    by rules and catches up; the server's process reads the bundled rules again afterwards."""
    monkeypatch.setenv(RULES_FILE_ENV, str(rules))
    worker = Projector(Settings(database_url=store_url), [MeritProjection(), AwardsProjection()])
    try:
        worker.catch_up()
    finally:
        worker.close()
        monkeypatch.delenv(RULES_FILE_ENV)


def inspector_session(world: World) -> None:
    with world.client.session_transaction() as session:
        session["username"] = "inspector"
        session["sid"] = "a-session"  # as a log-in names it (web.pages.auth)
        session["since"] = int(time.time())  # the log-in time (a session lasts CAREERLOG_SESSION_HOURS)


def test_a_view_rebuilt_under_other_rules_is_a_503_naming_both_digests_until_the_server_reads_them(
    posted: World, store_url: str, other_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(RULES_FILE_ENV, raising=False)
    assert posted.get(PROMOTIONS, "inspector").status_code == 200
    rebuilt_under(store_url, other_rules, monkeypatch)
    a_second_passes(monkeypatch)  # the web process looks at the views at most once a second
    answer = posted.get(PROMOTIONS, "inspector")
    assert answer.status_code == 503, answer.text
    assert answer.mimetype == "application/problem+json"
    assert answer.headers["Retry-After"] == "300"
    body = answer.get_json()
    assert body["type"].endswith("rules-mismatch")
    theirs, ours = rules_digest(load_rules(other_rules)), rules_digest()
    assert body["rules"] == [{"name": "merit", "built_with": theirs, "server": ours}]
    assert all(named in body["detail"] for named in ("CAREERLOG_RULES_FILE", theirs, ours))
    assert posted.get("/api/v1/employees").status_code == 200  # a view built under no rules
    inspector_session(posted)
    page = posted.client.get("/pages/audits?lang=en")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "300"
    text = " ".join(page.get_data(as_text=True).split())
    assert "judged again by other rules than those this server was started with" in text
    assert f"(<code>merit</code>): judged by the rules {theirs}, this server's are {ours}" in text
    indonesian = " ".join(posted.client.get("/pages/audits?lang=id").get_data(as_text=True).split())
    assert f"(<code>merit</code>): dinilai dengan aturan {theirs}, aturan server ini {ours}" in indonesian
    monkeypatch.setenv(RULES_FILE_ENV, str(other_rules))  # the server started again with the views' rules
    a_second_passes(monkeypatch)
    answer = posted.get(PROMOTIONS, "inspector")
    assert answer.status_code == 200, answer.text


def test_a_kept_fairness_answer_is_not_served_once_the_view_is_rebuilt_under_other_rules(
    posted: World, store_url: str, other_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fairness statistics are kept under every view's version, state and position (web.kept): a rebuild under
    other rules with no event since leaves them as they were, so the answer computed from the rows of the old rules
    was served on, beside the 503 of every other read of the view. The views' rules' digests are part of it now."""
    monkeypatch.delenv(RULES_FILE_ENV, raising=False)
    fairness = "/api/v1/audits/fairness?by=sex&min_cell=1"
    assert posted.get(fairness).status_code == 200
    rebuilt_under(store_url, other_rules, monkeypatch)
    a_second_passes(monkeypatch)
    answer = posted.get(fairness)
    assert answer.status_code == 503, answer.text
    assert answer.get_json()["type"].endswith("rules-mismatch")
