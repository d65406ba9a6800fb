"""A read asked to wait for a log position (`?wait_for=`, the API's and the career page's) judges the reader's
scope first: a reader whose scope does not hold the record (or the unit's agency, or the scorecard's) is refused at
once, as without `wait_for`, and the read never waits for the views. It waited first, up to CAREERLOG_WAIT_SECONDS,
and then answered the scope's 404 or 403: an out-of-scope reader was kept waiting, and could tell from the time
taken how far the views were behind. Within the scope the read still waits."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.access import Scope
from tests.functional.conftest import BUDI, MISSING, SARI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def waits(world: World, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The positions the app waited for (the views being caught up, nothing is waited for in fact)."""
    asked: list[int] = []
    monkeypatch.setattr(world.services, "wait_for", asked.append)
    return asked


def position(world: World) -> int:
    return world.services.ledger.max_notification_id()


@pytest.mark.parametrize(
    ("path", "who", "status"),
    [
        (f"/api/v1/employees/{BUDI}", "hr_karo", 404),
        (f"/api/v1/employees/{BUDI}/timeline", "employee_sari", 404),
        ("/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2024", "policy_karo", 403),
    ],
)
def test_an_api_read_outside_the_scope_is_refused_before_any_wait(
    world: World, waits: list[int], path: str, who: str, status: int
) -> None:
    accounts = world.services.accounts  # Sari's own account (reads her record alone); an inspector of Karo
    accounts.create("sari", display_name="Sari", role="employee", scope=Scope(), nip=SARI)
    accounts.create("inspector-karo", display_name="Karo", role="inspector", scope=Scope(agencies=("KAB-KARO",)))
    for name in ("employee_sari", "inspector_karo"):
        world.tokens[name] = accounts.issue_token(name.removeprefix("employee_").replace("_", "-"), days=30).token
    joiner = "&" if "?" in path else "?"
    answer = world.get(f"{path}{joiner}wait_for={position(world)}", who)
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert waits == []


@pytest.mark.parametrize("nip", [BUDI, MISSING])
def test_an_audited_decision_is_judged_once_the_views_show_it(world: World, waits: list[int], nip: str) -> None:
    """Where a decision was made, its scope, only the audit view holds: a decision audited a moment ago is found
    once the wait is over, and one outside the scope (BUDI's III/b of 2014, decided in Kota Medan) waits as one
    never audited does, then is the same 404, the time taken telling them not apart."""
    accounts = world.services.accounts
    accounts.create("inspector-karo", display_name="Karo", role="inspector", scope=Scope(agencies=("KAB-KARO",)))
    token = accounts.issue_token("inspector-karo", days=30).token
    world.tokens["inspector_karo"] = token
    answer = world.get(f"/api/v1/audits/promotions/{nip}-2?wait_for={position(world)}", "inspector_karo")
    assert (answer.status_code, answer.get_json()["detail"]) == (404, f"No audited decision {nip}-2.")
    assert waits == [position(world)]


def test_an_api_read_within_the_scope_still_waits(world: World, waits: list[int]) -> None:
    answer = world.get(f"/api/v1/employees/{BUDI}?wait_for={position(world)}", "hr")
    assert answer.status_code == 200
    assert waits == [position(world)]


def career_page(world: World, who: str, **args: Any) -> Any:
    log_in(world, who)
    return world.client.get(f"/pages/employees/{BUDI}", query_string={"lang": "en", **args})


def test_the_career_page_outside_the_scope_is_refused_before_any_wait(world: World, waits: list[int]) -> None:
    answer = career_page(world, "hr_karo", wait_for=position(world))
    assert answer.status_code == 404
    assert waits == []


def test_the_career_page_within_the_scope_still_waits(world: World, waits: list[int]) -> None:
    answer = career_page(world, "hr", wait_for=position(world))
    assert answer.status_code == 200
    assert waits == [position(world)]
