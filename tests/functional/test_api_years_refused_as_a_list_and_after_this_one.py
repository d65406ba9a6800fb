"""A year the programmes report or the grade-inflation audit cannot read is a 422 naming `year`, its reasons one
list, as every field's are.

/api/v1/reports/programmes?year=1800 answered `{"year": {"0": [...]}}`, keyed by position, where docs/api.md says
each field's errors are a list of reasons (as `confirm`'s and the coded filters' are); a year after this one
(programmes' `year=2030`, /audits/grade-inflation?year=2030) answered 200 with an empty list, read as "no training,
no inflation", where training compliance refuses it ("Must be between 1900 and <this year>, got 2030."). Both stores.
"""

from __future__ import annotations

import pytest

from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


PROGRAMMES = "/api/v1/reports/programmes"
INFLATION = "/api/v1/audits/grade-inflation"


def errors(world: World, address: str) -> dict[str, list[str]]:
    answer = world.get(address, "admin")
    assert answer.status_code == 422, (address, answer.get_json())
    assert answer.headers["Content-Type"] == "application/problem+json"
    return answer.get_json()["errors"]


def between(year: int) -> str:
    return f"Must be between 1900 and {latest_today().year}, got {year}."


def test_a_year_of_the_programmes_is_refused_with_one_list_of_reasons(world: World) -> None:
    assert errors(world, f"{PROGRAMMES}?year=1800") == {"year": [between(1800)]}
    assert errors(world, f"{PROGRAMMES}?year=2030") == {"year": [between(2030)]}
    assert errors(world, f"{PROGRAMMES}?year=2020&year=2030") == {"year": [between(2030)]}
    said = errors(world, f"{PROGRAMMES}?year=soon&year=later")["year"]
    assert isinstance(said, list)
    assert len(said) == 1
    assert world.get(f"{PROGRAMMES}?year={latest_today().year}&year=1900", "admin").status_code == 200


def test_the_compliance_and_the_grade_inflation_refuse_a_year_after_this_one_alike(world: World) -> None:
    compliance = errors(world, "/api/v1/reports/training-compliance?year=2030")
    assert errors(world, f"{INFLATION}?year=2030") == compliance == {"year": [between(2030)]}
    assert world.get(f"{INFLATION}?year={latest_today().year}", "admin").status_code == 200


def test_every_year_of_the_programmes_is_refused_at_once(world: World) -> None:
    """Until 2026-12-06 `year=0&year=abc&year=3000` was refused "Not a valid integer." alone, the years out of range
    on the next requests, one by one."""
    said = errors(world, f"{PROGRAMMES}?year=0&year=abc&year=3000")["year"]
    assert said == [between(0), "Not a valid integer.", between(3000)]
