"""Every number the API reads has the bounds its meaning needs: a page, a year, a count below its least value or
far past any sensible one is a 422 naming the parameter (problem+json), not a 500 of a number the store cannot
hold, nor an answer as if it were sensible; an audited decision's version past any the store holds is a 404 as
any other decision it does not hold."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.openapi_walk import filled, record_audited_post
from tests.functional.test_ascii_digits import NEEDED, NUMBERS, numeric_parameters

HUGE = "99999999999999999999"  # beyond a 64-bit integer: SQLite's and PostgreSQL's bigint refuse it
# A parameter whose 0 is meaningful: wait for nothing written yet, no least time in rank
ZERO_MEANS_NONE = {"wait_for", "min_years_in_rank"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores: PostgreSQL's bigint refuses a huge number in its own words


def test_every_numeric_query_parameter_out_of_its_bounds_is_422_naming_it(world: World) -> None:
    record_audited_post(world)  # (the posts' page's query is read about a post there is)
    parameters = numeric_parameters(world)
    assert {name for _, name in parameters} == set(NUMBERS)
    for path, name in parameters:
        address = filled(path)
        query = {**NEEDED.get(path, {}), name: NUMBERS[name]}
        assert name not in (world.get(address, query_string=query).get_json() or {}).get("errors", {}), (path, name)
        for value in ("-1", HUGE, *(() if name in ZERO_MEANS_NONE else ("0",))):
            answer = world.get(address, query_string={**query, name: value})
            assert answer.status_code == 422, (path, name, value, answer.status_code)
            assert answer.content_type == "application/problem+json", (path, name, value)
            assert set(answer.get_json()["errors"]) == {name}, (path, name, value, answer.get_json())


def test_a_number_that_is_no_finite_number_is_422_naming_it(world: World) -> None:
    for value in ("nan", "inf", "1e400"):
        answer = world.get("/api/v1/employees", query_string={"min_years_in_rank": value})
        assert answer.status_code == 422, value
        assert set(answer.get_json()["errors"]) == {"min_years_in_rank"}, value


def test_a_decision_version_past_any_recorded_is_404(world: World) -> None:
    for version in (HUGE, "0"):
        answer = world.get(f"/api/v1/audits/promotions/{BUDI}-{version}")
        assert answer.status_code == 404, (version, answer.status_code)
        assert answer.content_type == "application/problem+json"
