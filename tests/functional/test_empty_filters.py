"""A query parameter given empty (`rule=`, `unit=`) is refused by the API naming it, as `severity=`, `agency=` and
every other parameter already were: `rule=` was read as no filter (the whole list, under a filter the client
meant to apply), `unit=` as the unit "" (nobody), and both answered 200. The inspector's pages read a blank filter as
"all", as their forms send it for "all", and every one of them alike. The command line's audits and reports refuse an
option given empty as the API does (exit 2 naming it), as they refused `--severity ""`."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator import oas30_format_checker as oas30_format

from careerlog.cli import FilledText, main
from tests.functional.conftest import World
from tests.functional.openapi_walk import filled, record_audited_post
from tests.functional.test_ascii_digits import NEEDED
from tests.functional.test_pages_auth import log_in
from tests.unit.test_cli_numbers import every_parameter

EMPTY = "Must not be empty: leave the parameter out to filter by nothing."


def test_every_query_parameter_given_empty_is_422_naming_it(world: World) -> None:
    record_audited_post(world)  # (the posts' page's query is read about a post there is)
    asked = 0
    for path, operations in world.get("/api/openapi.json").get_json()["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] != "query":
                continue
            name = parameter["name"]
            address = filled(path)  # (records there are: one that is not there is a 404 before its query, 85a5449)
            query = {**{k: v for k, v in NEEDED.get(path, {}).items() if k != name}, name: ""}
            answer = world.get(address, query_string=query)
            assert answer.status_code == 422, (path, name)
            assert name in answer.get_json()["errors"], (path, name)
            asked += 1
    assert asked > 150


def test_an_empty_free_text_filter_says_to_leave_it_out(world: World) -> None:
    for path, name in (
        ("/api/v1/audits/promotions", "rule"),
        ("/api/v1/audits/promotions", "unit"),
        ("/api/v1/employees", "q"),
        ("/api/v1/reports/programmes", "programme_id"),
        ("/api/v1/reports/mentoring", "focus"),
    ):
        answer = world.get(path, query_string={name: " "})
        assert answer.status_code == 422, (path, name)
        assert answer.get_json()["errors"] == {name: [EMPTY]}, (path, name)
    answer = world.get("/api/v1/audits/promotions", query_string=[("unit", "Umum"), ("unit", "")])
    assert answer.get_json()["errors"] == {"unit": [EMPTY]}
    answer = world.get("/api/v1/reports/scorecard", query_string={"agency": "KOTA-MEDAN", "year": "2024", "region": ""})
    assert answer.get_json()["errors"] == {"region": [EMPTY]}


def test_the_inspectors_lists_read_every_blank_filter_as_all(world: World) -> None:
    log_in(world, "inspector")
    blank = dict.fromkeys(("agency", "unit", "region", "kind", "from", "to", "rule", "severity", "verdict"), "")
    for path in ("/pages/audits.csv", "/pages/audits/posts.csv"):
        every = world.client.get(path)
        assert every.status_code == 200
        for name in blank:
            answer = world.client.get(path, query_string={name: ""})
            assert (answer.status_code, answer.data) == (200, every.data), (path, name)
        assert world.client.get(path, query_string=blank).data == every.data


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "promotions", "--rule", ""],
        ["audit", "posts", "--unit", " "],
        ["audit", "promotions", "--agency", ""],
        ["audit", "fairness", "--region", ""],
        ["audit", "grade-inflation", "--unit", ""],
        ["report", "scorecard", "--agency", "KOTA-MEDAN", "--region", ""],
    ],
)
def test_the_command_line_refuses_an_empty_filter_naming_the_option(args: list[str], tmp_path: Path) -> None:
    # (--rule "" listed every promotion, as --agency "" did; --severity "" was refused as no choice of its)
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path}/none.db"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{args[-2]}': must not be empty: leave the option out" in result.output


def test_every_text_option_of_the_audits_and_reports_refuses_an_empty_value() -> None:
    options = [
        (path, p)
        for path, p in every_parameter(main)
        if isinstance(p, click.Option) and path.startswith(("careerlog audit", "careerlog report"))
    ]
    assert len(options) > 40
    texts = [(path, p) for path, p in options if isinstance(p.type, click.types.StringParamType)]
    assert len(texts) > 30
    assert [(path, p.name) for path, p in texts if not isinstance(p.type, FilledText)] == []


def test_the_openapi_document_admits_no_empty_value_of_a_query_parameter(world: World) -> None:
    """Each query parameter refused given empty (above) says so in the OpenAPI document: its schema (a repeatable
    filter's items) admits neither "" nor only spaces. The free-text filters (`unit`, `q`, `rule`, `level` (a
    coded one since 2026-12-05), `programme_id`, `focus`, the scorecard's `unit` and `region`) and the import's
    `kind` were documented as any string, so that a client generated from the document, or a fuzzer
    (schemathesis), sent `unit=` as valid and was refused 422."""
    spec = world.get("/api/openapi.json").get_json()
    admitted = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []) if method in ("get", "post") else []:
                if parameter["in"] != "query":
                    continue
                schema = parameter["schema"]
                one = schema["items"] if schema.get("type") == "array" else schema
                validator = OAS30Validator({**one, "components": spec["components"]}, format_checker=oas30_format)
                admitted += [(method, path, parameter["name"], v) for v in ("", "  ") if validator.is_valid(v)]
    assert sorted({(name, value) for _, _, name, value in admitted}) == [], admitted
