"""`GET /api/v1/reports/scorecard?year=1900` is a year the OpenAPI spec allows (minimum 1900), but the default trend
of 3 years reaches back to 1898: it was refused naming `years`, a parameter the client never sent ("The trend would
reach back to 1898, before 1900: at most 1 for 1900."). docs/scorecard.md keeps the refusal (a trend "not reaching
back before 1900: else a refusal"), so it now names `year`, the field sent, and says what to send instead; a `years`
the client did send is named as before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_scorecard_query_refused_at_once import refused

SCORECARD = "/api/v1/reports/scorecard"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def test_the_default_years_reaching_before_1900_is_named_beside_the_year_sent(world: World) -> None:
    assert refused(world, "agency=KOTA-MEDAN&year=1900") == {
        "year": [
            "The trend of the default 3 years would reach back to 1898, before 1900: send years (at most 1 for 1900), "
            "or a year from 1902 on."
        ]
    }
    assert refused(world, "agency=KOTA-MEDAN&year=1901")["year"][0].startswith(
        "The trend of the default 3 years would reach back to 1899, before 1900: send years (at most 2 for 1901)"
    )


def test_the_years_sent_reaching_before_1900_is_named_as_before(world: World) -> None:
    assert refused(world, "agency=KOTA-MEDAN&year=1900&years=3") == {
        "years": ["The trend would reach back to 1898, before 1900: at most 1 for 1900."]
    }


def test_what_the_refusal_says_to_send_is_answered(world: World) -> None:
    assert world.get(f"{SCORECARD}?agency=KOTA-MEDAN&year=1900&years=1", "policy").status_code == 200
    assert world.get(f"{SCORECARD}?agency=KOTA-MEDAN&year=1902", "policy").status_code == 200


def test_the_openapi_description_says_the_rule(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()
    parameters = spec["paths"]["/api/v1/reports/scorecard"]["get"]["parameters"]
    described = {p["name"]: p["description"] for p in parameters}
    assert "a year from 1902 on" in described["year"]
    assert "a 422 naming `year`" in described["year"]
    assert "at most `year` - 1899" in described["years"]
