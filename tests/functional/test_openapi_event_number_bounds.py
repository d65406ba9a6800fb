"""The OpenAPI document gives an event's whole numbers the fixed bounds the ledger holds them to, as `minimum` and
`maximum`: a training's `hours` from 1 JP, a feedback's `rating` and `relevance` 1 to 5, a mentoring session's
`minutes` 1 to 1440, a unit's rating `year` from 1945, a correction's and a retraction's `target_version` from 1; a
training's `cost` (a decimal, sent as a string or a number) says its range, 0 to 1,000,000,000,000 rupiah. The query
parameters' bounds were there already (apispec reads marshmallow's validate.Range); these are judged by the ledger
(careerlog.domain: the same check for the API, an import, a page's form and the command line), not by the schema,
so the document said only "integer", and a client generated from it sent 0 JP or a rating of 7 as valid. The
ledger's refusal is the answer still, in its own words, and each bound is the one it holds to."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.domain.employee import FIELD_BOUNDS, MAX_COST
from careerlog.domain.unit import EARLIEST_RATED_YEAR
from tests import factories as f
from tests.functional.conftest import BUDI, World
from web.api.event_schemas import BOUNDS

# its module fixture built once, on one worker
pytestmark = pytest.mark.xdist_group("test_openapi_event_number_bounds")

DOCUMENTED = {
    ("TrainingCompleted", "hours"): (1, None),
    ("TrainingFeedbackGiven", "rating"): (1, 5),
    ("TrainingFeedbackGiven", "relevance"): (1, 5),
    ("MentoringSessionHeld", "minutes"): (1, 1440),
    ("EventCorrected", "target_version"): (1, None),
    ("EventRetracted", "target_version"): (1, None),
    ("UnitRating", "year"): (1945, None),
}


@pytest.fixture(scope="module")
def schemas(shared_world: World) -> dict[str, Any]:
    spec = shared_world.client.get("/api/openapi.json").get_json()
    found: dict[str, Any] = spec["components"]["schemas"]
    return found


@pytest.mark.parametrize(("schema", "field"), DOCUMENTED, ids=[f"{s}.{f}" for s, f in DOCUMENTED])
def test_an_events_whole_number_carries_its_bounds(schemas: dict[str, Any], schema: str, field: str) -> None:
    low, high = DOCUMENTED[schema, field]
    prop = schemas[schema]["properties"][field]
    assert prop["type"] == "integer"
    assert prop.get("minimum") == low
    assert prop.get("maximum") == high


def test_a_trainings_cost_says_its_range(schemas: dict[str, Any]) -> None:
    assert "0 to 1,000,000,000,000" in schemas["TrainingCompleted"]["properties"]["cost"]["description"]


def test_the_documented_bounds_are_the_ledgers() -> None:
    assert FIELD_BOUNDS["training", "hours"] == (1, None)
    assert FIELD_BOUNDS["training", "cost"] == (0, MAX_COST)
    assert BOUNDS["unit_rating", "year"] == (EARLIEST_RATED_YEAR, None)


def test_the_ledgers_refusal_is_the_answer_still(shared_world: World) -> None:
    body = {"kind": "training", **f.training("2024-05-03", hours=0)}
    answer = shared_world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {"hours": ["Must be at least 1 JP, got 0."]}
