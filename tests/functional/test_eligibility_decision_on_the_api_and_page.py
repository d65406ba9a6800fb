"""What an offer comes to today is decided with the eligibility answer (`decision`), and the career page reads it.

Until 2026-12-06 the career page worked it out alone (a `waiting` test in the template): whether an employee who
reached the earliest date with items still missing is eligible from `met_on`, every item open not due yet, or "passed,
but not every requirement is met". A client of the API could not see that decision. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit import eligibility
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_career_page_eligible_while_the_next_date_waits import TODAY, eligible_clerk, recorded
from tests.functional.test_eligibility_answers import answer_validator
from tests.functional.test_eligibility_blocked_by_ceiling import slta_at_its_ceiling
from tests.functional.test_next_date_after_penalty import regular_offer

ELIGIBLE_FROM = "(reached: every requirement has been met from Apr 1, 2023; what is still open is not due yet"
PASSED = "(not every requirement is met: see below)"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def waiting_on_this_years_skp(world: World, sequence: int) -> str:
    """An employee eligible from 1 April 2023 whose offer is judged for 1 February 2026 by a training recorded on
    TODAY: it asks the 2025 SKP, not due before 1 January."""
    nip = eligible_clerk(world, sequence)
    recorded(world, nip, "training", f.training("2025-12-05", hours=8, start="2025-12-04"), TODAY)
    world.catch_up()
    return nip


def test_the_answer_decides_eligible_from_met_on_when_all_that_is_open_is_not_due(world: World) -> None:
    world.services.eligibility_view._today = TODAY
    nip = eligible_clerk(world, 871)
    world.catch_up()
    assert regular_offer(world, nip)["decision"] == "eligible"  # judged on a day gone by, nothing missing
    recorded(world, nip, "training", f.training("2025-12-05", hours=8, start="2025-12-04"), TODAY)
    world.catch_up()
    item = regular_offer(world, nip)
    assert (item["missing"], item["met_on"], item["decision"]) == (
        ["promotion.performance"],
        "2023-04-01",
        "eligible_from_met_on",
    )
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    decision = spec["components"]["schemas"]["EligibilityItem"]["properties"]["decision"]
    assert decision["enum"] == list(eligibility.DECISIONS)


def test_an_item_due_and_missing_is_decided_not_eligible(world: World) -> None:
    world.services.eligibility_view._today = date(2026, 3, 2)  # the 2025 SKP is due and not recorded
    nip = waiting_on_this_years_skp(world, 872)
    item = regular_offer(world, nip)
    assert (item["met_on"], item["decision"]) == ("2023-04-01", "not_eligible")
    assert PASSED in page_text(world, nip)


def test_an_offer_blocked_for_good_is_decided_blocked(world: World) -> None:
    nip = slta_at_its_ceiling(world)
    assert regular_offer(world, nip)["decision"] == "blocked"


def test_the_career_page_says_what_the_answer_decided(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's words follow `decision`, not a test of its own: the answer decided otherwise, the page says so."""
    world.services.eligibility_view._today = TODAY
    nip = waiting_on_this_years_skp(world, 873)
    text = page_text(world, nip)
    assert ELIGIBLE_FROM in text
    assert PASSED not in text
    monkeypatch.setattr(eligibility, "decision", lambda *_: eligibility.NOT_ELIGIBLE)
    text = page_text(world, nip)
    assert PASSED in text
    assert ELIGIBLE_FROM not in text


@pytest.mark.parametrize(
    ("blocked", "come", "missing", "met_on", "standings", "decided"),
    [
        ({"rule": "promotion.education_ceiling"}, True, ["promotion.education_ceiling"], None, [], "blocked"),
        (None, False, [], None, [], "to_come"),
        (None, False, ["promotion.performance"], None, ["not_met"], "to_come"),
        (None, True, [], None, [], "eligible"),
        (None, True, ["promotion.performance"], "2023-04-01", ["not_due"], "eligible_from_met_on"),
        (None, True, ["promotion.performance"], None, ["not_due"], "to_come"),
        (None, True, ["promotion.performance"], "2023-04-01", ["not_due", "not_met"], "not_eligible"),
    ],
)
def test_the_decision_of_an_offer(
    blocked: dict[str, str] | None,
    come: bool,
    missing: list[str],
    met_on: str | None,
    standings: list[str],
    decided: str,
) -> None:
    requirements = [
        {"rule": f"rule.{i}", "outcome": "missing", "enforced": True, "standing": s} for i, s in enumerate(standings)
    ]
    advisory = {"rule": "promotion.training", "outcome": "missing", "enforced": False, "standing": "not_met"}
    assert eligibility.decision(blocked, come, missing, met_on, [*requirements, advisory]) == decided


def test_met_on_stays_the_same_day_when_a_fact_recorded_today_leaves_something_not_due_missing(world: World) -> None:
    """`met_on` is the day every requirement was met whether or not anything is missing now (merit view 55): it was
    null with nothing missing, and 2023-04-01 once a training recorded today asked this year's SKP."""
    world.services.eligibility_view._today = TODAY
    nip = eligible_clerk(world, 874)
    world.catch_up()
    before = regular_offer(world, nip)
    assert (before["missing"], before["met_on"]) == ([], "2023-04-01")
    said = "met every requirement for Apr 1, 2023, a promotion date before the latest fact"
    assert said not in page_text(world, nip)  # the page says it when the requirements below miss something
    recorded(world, nip, "training", f.training("2025-12-05", hours=8, start="2025-12-04"), TODAY)
    world.catch_up()
    after = regular_offer(world, nip)
    assert (after["missing"], after["met_on"]) == (["promotion.performance"], "2023-04-01")
    assert said in page_text(world, nip)
