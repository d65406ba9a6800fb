"""A code filter's value that is a code but for its punctuation is refused saying which code it means: education's
codes have a hyphen, and `education=s1` (or `S1`) was refused listing the codes alone, no "did you mean 'S-1'?",
while a code in another letter case is read (CodeFilter, AnyCase). It is not read as the code (a filter reads the
case alone, docs/api.md), but named. A value near no code, or near several, is refused as before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World


@pytest.mark.parametrize("typed", ["s1", "S1", "s 1"])
def test_education_without_its_hyphen_is_refused_suggesting_the_code(world: World, typed: str) -> None:
    answer = world.get("/api/v1/employees", "admin", query_string={"education": typed})
    assert answer.status_code == 422, answer.get_json()
    [reason] = answer.get_json()["errors"]["education"]
    assert reason.startswith(f"Not one of the known values: '{typed}' (did you mean 'S-1'?) (")


def test_a_value_near_no_code_names_none(world: World) -> None:
    answer = world.get("/api/v1/reports/headcount", "admin", query_string={"by": "sex", "education": "S9"})
    [reason] = answer.get_json()["errors"]["education"]
    assert "did you mean" not in reason
    assert world.get("/api/v1/employees", "admin", query_string={"education": "s-1"}).status_code == 200
