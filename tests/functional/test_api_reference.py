"""The reference tables and event kinds on the API (GET /api/v1/reference, /api/v1/reference/{table}, /api/v1/kinds):
the codes the filters and bodies take, read by any role with a token, each answer as its schema documents it, with
an ETag; and a filter's unknown code (of a table too long to list in the refusal) names the endpoint of its codes,
not `careerlog reference` (a command an API client cannot run)."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator import oas30_format_checker as oas30_format

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.reference import reference
from tests.functional.conftest import BUDI, World

READS = ["/api/v1/reference", "/api/v1/reference/agencies", "/api/v1/reference/ranks", "/api/v1/kinds"]
ROLES = ["admin", "hr", "inspector", "reporter", "policy", "employee"]


@pytest.fixture
def spec(world: World) -> dict[str, Any]:
    document: dict[str, Any] = world.client.get("/api/openapi.json").get_json()
    return document


def answer_schema(spec: dict[str, Any], path: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return schema


def strict(spec: dict[str, Any], schema: dict[str, Any]) -> OAS30Validator:
    """A validator of the schema whose objects take no property they do not declare (an answer's field the
    document leaves out would pass a plain validator)."""
    schemas = {
        name: {**value, "additionalProperties": value.get("additionalProperties", False)}
        for name, value in spec["components"]["schemas"].items()
    }
    return OAS30Validator({**schema, "components": {"schemas": schemas}}, format_checker=oas30_format)


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("path", READS)
def test_every_role_reads_the_codes(world: World, path: str, who: str) -> None:
    answer = world.get(path, who)

    assert answer.status_code == 200
    assert answer.headers["ETag"]
    assert world.get(path, who, headers={"If-None-Match": answer.headers["ETag"]}).status_code == 304


def test_no_token_no_codes(world: World) -> None:
    assert world.get("/api/v1/reference/agencies", None).status_code == 401


@pytest.mark.parametrize("table", reference().names)
def test_each_table_answers_its_codes_in_order_as_its_schema_documents(
    world: World, spec: dict[str, Any], table: str
) -> None:
    body = world.get(f"/api/v1/reference/{table}").get_json()

    strict(spec, answer_schema(spec, "/api/v1/reference/{table}")).validate(body)
    assert [row["code"] for row in body["items"]] == reference().table(table).codes
    assert body["table"] == table


@pytest.mark.parametrize("path", ["/api/v1/reference", "/api/v1/kinds"])
def test_the_lists_answer_as_their_schemas_document(world: World, spec: dict[str, Any], path: str) -> None:
    strict(spec, answer_schema(spec, path)).validate(world.get(path).get_json())


def test_the_list_of_tables_links_each_tables_codes(world: World) -> None:
    items = world.get("/api/v1/reference").get_json()["items"]

    assert [i["table"] for i in items] == reference().names
    for item in items:
        assert world.get(item["path"]).get_json()["table"] == item["table"]


def test_an_agency_names_its_region_seat_and_the_ranks_and_grades_are_in_order(world: World) -> None:
    agencies = {row["code"]: row for row in world.get("/api/v1/reference/agencies").get_json()["items"]}
    ranks = [row["code"] for row in world.get("/api/v1/reference/ranks").get_json()["items"]]
    grades = [row["code"] for row in world.get("/api/v1/reference/pppk_grades").get_json()["items"]]

    assert agencies["KOTA-MEDAN"]["attributes"]["region"] == "12.71"
    assert agencies["KOTA-MEDAN"]["name"] == "Pemerintah Kota Medan"
    assert (ranks[0], ranks[-1], grades[0], grades[-1]) == ("I/a", "IV/e", "I", "XVII")


def test_the_event_kinds_are_the_recordable_ones_with_their_coded_fields(world: World) -> None:
    kinds = {k["kind"]: k for k in world.get("/api/v1/kinds").get_json()["items"]}

    assert set(kinds) == {kind for kind, cls in BY_KIND.items() if cls.RECORDABLE}
    training = {f["name"]: f for f in kinds["training"]["fields"]}
    assert training["training_kind"]["table"] == "training_kinds"
    assert training["title"]["table"] is None


def test_a_table_none_holds_is_a_404(world: World) -> None:
    answer = world.get("/api/v1/reference/planets")

    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"


def test_a_query_is_refused(world: World) -> None:
    assert world.get("/api/v1/reference/agencies?format=csv").status_code == 422


UNKNOWN = [("agency", "XYZZY", "agencies"), ("region", "99", "regions")]


@pytest.mark.parametrize(("name", "value", "table"), UNKNOWN)
def test_an_unknown_filter_code_names_the_endpoint_of_its_codes(
    world: World, name: str, value: str, table: str
) -> None:
    answer = world.get(f"/api/v1/employees?{name}={value}")

    assert answer.status_code == 422
    [reason] = answer.get_json()["errors"][name]
    assert reason == f"Not one of the known values: '{value}' (see GET /api/v1/reference/{table})."
    assert "careerlog" not in reason
    assert world.get(f"/api/v1/reference/{table}").status_code == 200


def test_an_unknown_code_in_a_body_names_the_endpoint_of_its_codes(world: World) -> None:
    """A recording's unknown code is refused as the command line refuses it, "see the training_kinds reference
    table.", and to an API client with the path it reads the codes at; nothing is recorded."""
    before = world.log()
    body = {
        "kind": "training",
        "start_date": "2020-03-02",
        "effective_date": "2020-03-04",
        "reference": "BPSDM/2020/77",
        "training_kind": "MEMASAK",
        "title": "Memasak",
        "organiser": "BPSDM",
        "hours": 24,
    }
    answer = world.post(f"/api/v1/employees/{BUDI}/events", json=body)

    assert answer.status_code == 422
    assert answer.get_json()["errors"]["training_kind"] == [
        "Unknown code 'MEMASAK'; see the training_kinds reference table (GET /api/v1/reference/training_kinds)."
    ]
    assert world.log() == before


def test_the_command_line_keeps_its_words(world: World) -> None:
    """`careerlog record` names the table, as before: no API path for a command-line user."""
    with pytest.raises(InvalidInput) as refused:
        world.services.ledger.record(BUDI, "training", {"training_kind": "MEMASAK"}, actor="test")
    assert "Unknown code 'MEMASAK'; see the training_kinds reference table." in refused.value.errors["training_kind"]
