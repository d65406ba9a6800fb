"""A query the API cannot honour is refused (422 naming the parameter), never read as something else:
a write given `?dry_run=true` (a parameter of the imports only) recorded the fact; `/me?anything` was
answered as if unasked; a period of the audits and statistics whose `to` is before its `from` was
answered as an empty list (nothing audited), as if nothing had happened. On both stores."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

PROBLEM_JSON = "application/problem+json"
UNIT_RATING = {"year": 2025, "predicate": "BAIK", "effective_date": "2025-12-31", "reference": "SAKIP-2025-1"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def writes() -> list[tuple[str, dict[str, object]]]:
    return [
        (f"/api/v1/employees/{BUDI}/events", {"kind": "training", **f.training("2016-06-01", hours=8)}),
        ("/api/v1/units/KOTA-MEDAN/Bappeda/ratings", UNIT_RATING),
    ]


@pytest.mark.parametrize("query", ["dry_run=true", "wait_for=1", "colour=red"])
def test_a_write_with_a_query_parameter_is_refused_naming_it_and_records_nothing(world: World, query: str) -> None:
    before = world.log()
    for path, body in writes():
        refused = world.post(f"{path}?{query}", json=body)
        assert refused.status_code == 422, path
        assert refused.mimetype == PROBLEM_JSON
        assert refused.get_json()["errors"] == {query.partition("=")[0]: ["Unknown field."]}, path
    appointment = world.post(f"/api/v1/employees?{query}", json={"nip": BUDI})
    assert appointment.status_code == 422
    assert world.log() == before
    for path, body in writes():  # without it, recorded
        assert world.post(path, json=body).status_code == 201, path


def test_me_refuses_a_parameter_it_does_not_take(world: World) -> None:
    refused = world.get("/api/v1/me?colour=red")
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"colour": ["Unknown field."]}
    assert world.get("/api/v1/me").status_code == 200


PERIODS = [
    "/api/v1/audits/promotions?",
    "/api/v1/audits/posts?",
    "/api/v1/audits/awards?",
    "/api/v1/audits/fairness?by=sex&",
    "/api/v1/audits/time-to-promotion?by=sex&",
]


@pytest.mark.parametrize("path", PERIODS)
def test_a_period_ending_before_it_starts_is_refused_naming_to(world: World, path: str) -> None:
    refused = world.get(f"{path}from=2020-01-01&to=2019-12-31", "inspector")
    assert refused.status_code == 422
    assert refused.mimetype == PROBLEM_JSON
    assert refused.get_json()["errors"] == {"to": ["Must not be before 'from' (2020-01-01), got 2019-12-31."]}
    assert world.get(f"{path}from=2020-01-01&to=2020-01-01", "inspector").status_code == 200
    assert world.get(f"{path}to=2019-12-31", "inspector").status_code == 200
