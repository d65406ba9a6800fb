"""A `by` naming an unknown field is a 422 whose `errors.by` is a list of reasons naming the value, as every other
field's errors are (was: `{"by": {"0": [...]}}`, keyed by the value's position, without the value)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World

GROUPINGS = [
    "/api/v1/reports/headcount?by=agency,colour",
    "/api/v1/reports/training-compliance?year=2024&by=agency,colour",
    "/api/v1/audits/fairness?by=sex,colour",
    "/api/v1/audits/time-to-promotion?by=sex,colour",
]


@pytest.mark.parametrize("path", GROUPINGS)
def test_an_unknown_grouping_is_refused_as_a_list_of_reasons_naming_the_value(world: World, path: str) -> None:
    response = world.get(path)

    assert response.status_code == 422
    reasons = response.get_json()["errors"]["by"]
    assert isinstance(reasons, list)
    assert all(isinstance(r, str) for r in reasons)
    assert any("'colour'" in r for r in reasons)
    assert not any("'agency'" in r or "'sex'" in r for r in reasons)


def test_the_openapi_document_still_lists_the_groupings(world: World) -> None:
    spec = world.get("/api/openapi.json", who=None).get_json()
    by = next(p for p in spec["paths"]["/api/v1/audits/fairness"]["get"]["parameters"] if p["name"] == "by")

    assert "sex" in by["schema"]["items"]["enum"]
