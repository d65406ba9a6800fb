"""The OpenAPI document's bounds are the ones the API checks: a year parameter checked from 1900 to this year
(web.api.fields.a_past_year) says both, the programmes report's repeatable `year` of each of its items (until
2026-12-08 neither, the others the minimum alone), its maximum this year as the document is read, though the document
is written once a process; a cursor's `after` says a maxLength a URL within the app's limit carries (until 2026-12-08
8,266, where any URL over 8,000 bytes is a 414)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import web.api
from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World
from web.security import MAX_URL_BYTES

YEARS = {
    "/api/v1/reports/programmes": True,  # (a list: its items bounded)
    "/api/v1/reports/training-compliance": False,
    "/api/v1/reports/scorecard": False,
    "/api/v1/audits/grade-inflation": False,
}


def parameters(spec: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """Each GET operation's parameter `name`, by path."""
    found = {}
    for path, operations in spec["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter.get("name") == name:
                found[path] = parameter["schema"]
    return found


def test_every_year_checked_from_1900_to_this_year_says_both(world: World) -> None:
    years = parameters(world.get("/api/openapi.json", None).get_json(), "year")
    assert set(YEARS) <= set(years)
    for path, listed in YEARS.items():
        bounded = years[path]["items"] if listed else years[path]
        assert (bounded["minimum"], bounded["maximum"]) == (1900, latest_today().year), path
    for path in years:  # (and the API refuses past them: 1899 and next year)
        query = {"/api/v1/reports/scorecard": "&agency=KOTA-MEDAN"}.get(path, "")
        for year in (1899, latest_today().year + 1):
            answer = world.get(f"{path}?year={year}{query}", "admin")
            assert answer.status_code == 422, (path, answer.get_json())
            assert "year" in answer.get_json()["errors"], path


def test_a_years_maximum_follows_the_year_of_a_process_serving_past_new_year(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parameters(world.get("/api/openapi.json", None).get_json(), "year")  # (written once, this year)
    next_year = latest_today().year + 1
    monkeypatch.setattr(web.api, "latest_today", lambda: date(next_year, 1, 1))
    years = parameters(world.get("/api/openapi.json", None).get_json(), "year")
    assert years["/api/v1/reports/programmes"]["items"]["maximum"] == next_year
    assert years["/api/v1/reports/scorecard"]["maximum"] == next_year


def test_a_cursors_max_length_is_one_a_url_within_the_limit_carries(world: World) -> None:
    afters = parameters(world.get("/api/openapi.json", None).get_json(), "after")
    assert "/api/v1/employees" in afters
    longest = {schema["maxLength"] for schema in afters.values()}
    assert len(longest) == 1
    [most] = longest
    assert min(len(f"{path}?after=") for path in afters) + most == MAX_URL_BYTES
    answer = world.get("/api/v1/employees?after=" + "A" * most, "hr")
    assert answer.status_code == 422, answer.status_code  # (read, and refused as no cursor: not a 414)
    assert list(answer.get_json()["errors"]) == ["after"]
    assert world.get("/api/v1/employees?after=" + "A" * (most + 1), "hr").status_code == 414
