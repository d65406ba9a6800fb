"""A corrected promotion's audit reads one state of its record, and the decision is never late evidence for itself
(the exploratory tester's findings of 2026-12-07). After a correction of a promotion's TMT to 2024-07-01, its
promotion.dates finding's one supporting event, the decision, carried the correction's recorded time, later than the
decision's, and its page marked the decision "after the decision"; and a read right after the correction (no
`wait_for`) showed the old TMT and verdict ("corrected": false) beside the correction already listed. The decision's
evidence keeps the time its values shown were recorded, its correction's (merit view 63 gave its first recording's,
a time the corrected TMT never held; 64 went back), and its page no longer marks the decision late for itself while
a fact recorded after it still is; the answer waits, at most CAREERLOG_WAIT_SECONDS,
for the audit view to reach the record's last event, else says the views lag (`behind`, the page's notice). Budi holds
III/b since 2014 (version 2). Both stores; nothing follows the log here: the tests catch the views up themselves."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_says_its_views_lag_the_log import (
    BEHIND,
    NOTICE,
    store_url,
    test_config,
    written_just_now,
)
from tests.functional.test_pages_auth import log_in
from tests.functional.test_record_read_at_one_position import merit_later

__all__ = ["store_url", "test_config"]  # both stores; nothing follows the log, the views waited for 1.5 s
LATE = '<span class="badge">after the decision</span>'  # (a supporting event's mark, on a row class="late")


def promoted(world: World) -> int:
    """Budi promoted to III/c on 2024-06-01 (a permitted date), the views caught up: its version."""
    ledger = world.services.ledger
    ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2024-06-01"), actor="test")
    world.catch_up()
    return max(int(i["version"]) for i in ledger.get_history(BUDI))


def corrected(world: World, version: int) -> None:
    """Its TMT corrected to 2024-07-01 (no permitted date), the views held back."""
    correction = f.correction(version, "2024-07-15", effective_date="2024-07-01")
    world.services.ledger.record(BUDI, "correction", correction, actor="test")


def audit(world: World, version: int) -> dict[str, Any]:
    answer = world.get(f"/api/v1/audits/promotions/{BUDI}-{version}", "inspector")
    assert answer.status_code == 200, answer.get_json()
    return dict(answer.get_json())


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_a_corrected_decision_is_not_late_evidence_for_itself(world: World) -> None:
    version = promoted(world)
    corrected(world, version)
    leave = f.status("UNPAID_LEAVE", "2024-05-01")  # (recorded after the decision, effective by its TMT: late)
    late_version = world.services.ledger.record(BUDI, "status_change", leave, actor="test").version
    world.catch_up()
    decision = audit(world, version)
    [dates] = [finding for finding in decision["findings"] if finding["rule"] == "promotion.dates"]
    [itself] = dates["evidence"]
    assert itself["version"] == version
    assert itself["recorded_at"] > decision["recorded_at"]  # (the correction's: when the TMT shown was recorded)
    assert "evidence.recorded_after" in [finding["rule"] for finding in decision["findings"]]
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert "promotion.dates" in page
    late = re.findall(r'<tr class="late">(.*?)</tr>', page, re.S)
    assert late  # (the unpaid leave, recorded after the decision)
    assert all(LATE in row and f"(v{late_version})" in row for row in late), late
    assert not [row for row in late if f"(v{version})" in row]  # (never the decision itself)


def test_an_answer_read_right_after_a_correction_waits_for_the_audit_view_to_show_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = promoted(world)
    corrected(world, version)
    written_just_now(world, monkeypatch)
    with merit_later(world):  # (merit applies the correction 0.5 s later, while the answer waits)
        decision = audit(world, version)
    assert (decision["tmt"], decision["corrected"], decision["behind"]) == ("2024-07-01", True, False)
    assert [c["fields"][0]["after"] for c in decision["corrections"]] == ["2024-07-01"]
    assert "promotion.dates" in [finding["rule"] for finding in decision["findings"]]
    corrected_again = f.correction(version, "2024-08-15", effective_date="2024-08-01")
    world.services.ledger.record(BUDI, "correction", corrected_again, actor="test")
    log_in(world, "inspector")
    with merit_later(world):
        page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert BEHIND not in page
    assert "Aug 1, 2024" in text_of(page)  # (the TMT as the correction listed beside it left it)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_answer_whose_audit_view_lags_the_correction_says_so(world: World, lang: str) -> None:
    version = promoted(world)
    corrected(world, version)  # (nothing applies it: the wait, 1.5 s here, ends with the views behind)
    decision = audit(world, version)
    assert decision["corrections"]  # (read from the log)
    assert (decision["tmt"], decision["corrected"], decision["behind"]) == ("2024-06-01", False, True)
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang={lang}").get_data(as_text=True)
    assert BEHIND in page
    assert NOTICE[lang] in page
    world.catch_up()
    shown = audit(world, version)
    assert (shown["tmt"], shown["corrected"], shown["behind"]) == ("2024-07-01", True, False)
    assert BEHIND not in world.client.get(f"/pages/audits/{BUDI}/{version}?lang={lang}").get_data(as_text=True)


def test_the_command_lines_json_says_so_as_the_api(world: World, store_url: str) -> None:
    version = promoted(world)
    corrected(world, version)
    env = {"CAREERLOG_DATABASE_URL": store_url}
    done = CliRunner().invoke(main, ["audit", "promotion", BUDI, str(version), "--format", "json"], env=env)
    assert done.exit_code == 0, done.output
    shown = json.loads(done.stdout)
    assert (shown["tmt"], shown["corrected"], shown["behind"]) == ("2024-06-01", False, True)
    assert shown == audit(world, version)  # (the API's, past its wait)
    world.catch_up()
    done = CliRunner().invoke(main, ["audit", "promotion", BUDI, str(version), "--format", "json"], env=env)
    assert (json.loads(done.stdout)["behind"], json.loads(done.stdout)["tmt"]) == (False, "2024-07-01")
