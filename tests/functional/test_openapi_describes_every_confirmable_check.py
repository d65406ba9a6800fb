"""The OpenAPI document describes every check a writer may confirm (careerlog.application.CONFIRMABLE): a write's
`confirm` says what each records, and a recorded event's `confirmed` (the timeline, the history, a recording's
answer) names each one stored with it. Until 2026-12-06 both texts were written apart from CONFIRMABLE and left out
training.daily_jp, which the API takes and stores (they are now listed from it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careerlog.application import CONFIRMABLE, LEAVES_SCOPE, SET_BACK
from tests.functional.conftest import World


def described(node: Any, name: str) -> Iterator[tuple[str, str]]:
    """Each list of checks named `name` among the document's schemas' properties: the schema's name, and the
    property's description (an employee's `confirmed`, whether their probation is confirmed, is no list)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and name in value.get("properties", {}):
                field = value["properties"][name]
                if field.get("type") == "array":
                    yield key, str(field.get("description", ""))
            yield from described(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from described(item, name)


def test_every_write_s_confirm_describes_each_confirmable_check(world: World) -> None:
    spec = world.get("/api/openapi.json", None).get_json()
    found = list(described(spec["components"]["schemas"], "confirm"))
    assert {"TrainingCompleted", "EventCorrected", "NewEmployee"} <= {where for where, _ in found}
    for where, description in found:
        missing = [check for check in CONFIRMABLE if f"`{check}`" not in description]
        assert missing == [], (where, description)
    assert "`training.daily_jp` (a training) records a training making" in found[0][1]


def test_every_recorded_event_s_confirmed_names_each_check_and_the_one_never_stored(world: World) -> None:
    spec = world.get("/api/openapi.json", None).get_json()
    found = list(described(spec["components"]["schemas"], "confirmed"))
    assert {"TimelineItem", "Correction", "Retraction", "Confirmation"} <= {where for where, _ in found}
    for where, description in found:
        missing = [check for check in CONFIRMABLE if f"`{check}`" not in description]
        assert missing == [], (where, description)
        never = (
            f"`{LEAVES_SCOPE}`, `{SET_BACK}`, `region.outside_seat`, `appointment.tmt_first_day`, "
            "`appointment.starting_rank`"
        )
        assert f"Never stored: {never}." in description
        assert "`fact.duplicate`, a penalty, exam, post appointment or degree the record seemed" in description
        assert "`training.daily_jp`, a training making a day of the record's trainings hold more JP" in description
