"""A CSV answer without rows (a list or report that matches nothing) is headed by the columns its rows would have,
as the OpenAPI document names the fields of a row (a grouped report: the groups its `by` asked for, then the rest).
Before, it was a lone line break: no header at all, so a client reading the columns by name (docs/api.md, CSV) met
an empty file where it expected the header of no rows."""

from __future__ import annotations

from typing import Any

import pytest

from projections.merit.passed_over import PASSED_OVER_CSV_COLUMNS
from tests.functional.conftest import World
from tests.functional.openapi_walk import filled, get_operations
from web.api.common import interval_columns

# A read that matches nothing in the world (a filter of a name no one has), by path; the others are empty as asked.
NOTHING = {
    "/api/v1/employees": {"q": "Nobody Here"},
    "/api/v1/reports/headcount": {"by": "agency,sex", "rank": "IV/e"},  # (an unknown unit: a 422)
    "/api/v1/reports/training-compliance": {"year": "1950", "by": "rank"},
    "/api/v1/reports/programmes": {"year": "1950"},
    "/api/v1/audits/promotions": {"to": "1950-12-31"},  # (a `from` after today: a 422 naming it)
    "/api/v1/audits/appointments": {"to": "1950-12-31"},
    "/api/v1/audits/fairness": {"by": "sex", "to": "1950-12-31"},  # (an unknown unit: a 422 naming it)
    "/api/v1/audits/time-to-promotion": {"by": "sex", "to": "1950-12-31"},
    "/api/v1/access-log": {"username": "nobody"},
}
# A read whose CSV rows are flat where its JSON rows nest (the passed-over pairs' `comparison`: one column per measure
# and person, docs/api.md), by path: its CSV's columns
FLAT = {"/api/v1/audits/passed-over": list(PASSED_OVER_CSV_COLUMNS)}


def resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


ROWS = ("items", "groups", "rejected", "passed_over")  # (where a read's rows are, as the CSV writes them)


def documented_columns(spec: dict[str, Any], path: str, query: dict[str, str]) -> list[str]:
    """The fields of a row of the read, as its 200's JSON schema documents them (its rows under `items`, `groups`,
    `rejected` or, of the passed-over pairs, `passed_over`), the group fields of a grouped report narrowed to those
    `by` asks for."""
    operation = spec["paths"][path]["get"]
    answer = resolved(spec, operation["responses"]["200"]["content"]["application/json"]["schema"])
    rows = next(answer["properties"][k] for k in ROWS if k in answer["properties"])
    names = list(resolved(spec, rows["items"])["properties"])
    by = next((p for p in operation.get("parameters", []) if p["name"] == "by"), None)
    if by is None or "group" in names:
        return names
    groups = set(by["schema"]["items"]["enum"])
    asked = query["by"].split(",")
    return [*asked, *(n for n in names if n not in groups)]


def csv_reads(world: World) -> list[str]:
    spec = world.get("/api/openapi.json").get_json()
    return [
        op.path
        for op in get_operations(world)
        if "text/csv" in spec["paths"][op.path]["get"]["responses"]["200"]["content"] and "{" not in op.path
    ]


def test_every_csv_read_without_rows_is_headed_by_its_documented_columns(shared_world: World) -> None:
    spec = shared_world.get("/api/openapi.json").get_json()
    operations = {op.path: op for op in get_operations(shared_world)}
    empty = {}
    for path in csv_reads(shared_world):
        query = {**operations[path].required_query(), **NOTHING.get(path, {})}
        answer = shared_world.get(filled(path), query_string={**query, "format": "csv"})
        assert answer.status_code == 200, (path, answer.get_data(as_text=True))
        lines = answer.get_data(as_text=True).split("\r\n")
        if lines[1:] == [""]:  # (the header alone: no rows)
            # (an interval field, `impact_ratio_ci`, as its two bounds' columns: docs/api.md, CSV)
            documented = FLAT.get(path) or interval_columns(documented_columns(spec, path, query))
            empty[path] = (lines[0].split(","), documented)
    assert {path: header for path, (header, columns) in empty.items() if header != columns} == {}
    assert set(NOTHING) <= set(empty)
    # (every CSV read of the document but those that always have rows: the accounts made, mentoring's groups and
    # the scorecard's indicators)
    assert set(csv_reads(shared_world)) - set(empty) == {
        "/api/v1/account-changes",
        "/api/v1/reports/mentoring",
        "/api/v1/reports/scorecard",
    }


@pytest.mark.parametrize("by", ["agency", "sex,rank"])
def test_an_empty_headcount_names_the_groups_asked_for_then_its_figures(shared_world: World, by: str) -> None:
    query = {"by": by, "rank": "IV/e", "format": "csv"}
    answer = shared_world.get("/api/v1/reports/headcount", query_string=query)
    assert answer.get_data(as_text=True) == f"{by},count,suppressed\r\n"
