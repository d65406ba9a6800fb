"""An event's whole number is a JSON number alone (docs/api.md). A training's `"hours": "2"` (a text) and
`"hours": true` (a boolean) were both refused "Not a whole number of lesson hours ... (24, not 24,5)", the reason for
a fraction, and `"target_version": "2"` "Not a valid integer." (exploratory tester, 2026-12-06). Each is refused for
what was sent: a text, that the number is sent without quotes; a boolean, that true and false are no numbers; a
fraction, a training's JP as no whole number of lesson hours, any other whole number as no integer. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.domain.payload import HOURS_NOT_WHOLE, NOT_INTEGER
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_trainings_of_the_same_days_asked import EVENTS, appointed, training

TEXT = 'Not a valid integer: a whole number is sent as a JSON number, without quotes (2, not "2").'
BOOLEAN = "Not a valid integer: true and false are no numbers."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("hours", "said"), [("2", TEXT), (True, BOOLEAN), (False, BOOLEAN), (2.5, HOURS_NOT_WHOLE), ("24,5", TEXT)]
)
def test_a_trainings_jp_is_refused_for_what_was_sent(world: World, hours: Any, said: str) -> None:
    appointed(world)
    body = problem(world.post(EVENTS, "hr", json=training("T-1", hours=hours)), 422)
    assert body["errors"] == {"hours": [said]}


@pytest.mark.parametrize(("version", "said"), [("2", TEXT), (True, BOOLEAN), (2.5, NOT_INTEGER)])
def test_any_other_whole_number_alike(world: World, version: Any, said: str) -> None:
    appointed(world, {})
    retraction = {"kind": "retraction", **f.retraction(2, "2026-11-03"), "target_version": version}
    body = problem(world.post(EVENTS, "hr", json=retraction), 422)
    assert body["errors"] == {"target_version": [said]}
