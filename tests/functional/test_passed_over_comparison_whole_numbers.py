"""A passed-over pair's comparison writes its whole measures as whole numbers: training JP (lesson hours, whole by the
record), days in rank and the education's order are integers (`"training_jp": {"promoted": 0, "colleague": 40}`,
not 40.0), in the command's and the API's JSON and CSV alike (one schema dumps both,
projections.merit.schemas.PassedOverListSchema) and in a decision's passed_over (web.api.audit_schemas); performance,
a mean of SKP scores (4.5), stays a fraction. The OpenAPI document says so (integer and number). `careerlog audit
promotion NIP VERSION` writes a decision's comparison as the API's decision does (it wrote training JP 80.0)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from careerlog.cli import main
from projections.merit.passed_over import flat_pair
from projections.merit.schemas import PassedOverListSchema
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import STRONGER, posted
from web.api.audit_schemas import PassedOverSchema

__all__ = ["posted"]  # Budi appointed Pengawas of BKPSDM on 2018-01-02 (version 3) over Dewi (STRONGER)

# a pair as found: the measures as the comparison reads them (performance and training JP floats)
COMPARISON = {
    "performance": {"promoted": 4.0, "colleague": 4.5},
    "training_jp": {"promoted": 0.0, "colleague": 40.0},
    "days_in_rank": {"promoted": 1461, "colleague": 1492},
    "education": {"promoted": 7, "colleague": 8},
}
PAIR = {
    "tmt": "2024-04-01",
    "nip": "199001012015031001",
    "version": 12,
    "decision": "promotion",
    "kind": "101",
    "rank": "III/a",
    "agency": "KOTA-MEDAN",
    "unit": "Dinas Kesehatan",
    "colleague": "199002022015032002",
    "severity": "medium",
    "comparison": COMPARISON,
}
WRITTEN = (
    '{"performance": {"promoted": 4.0, "colleague": 4.5}, "training_jp": {"promoted": 0, "colleague": 40}, '
    '"days_in_rank": {"promoted": 1461, "colleague": 1492}, "education": {"promoted": 7, "colleague": 8}}'
)


def test_the_list_writes_whole_measures_as_integers_and_performance_as_a_fraction() -> None:
    dumped = PassedOverListSchema().dump({"passed_over": [PAIR], "recorded_later": []})
    assert json.dumps(dumped["passed_over"][0]["comparison"]) == WRITTEN
    row = flat_pair(dumped["passed_over"][0])
    assert [row["nip_training_jp"], row["colleague_training_jp"]] == [0, 40]
    assert all(type(row[f"{whose}_training_jp"]) is int for whose in ("nip", "colleague"))
    assert [row["nip_performance"], row["colleague_performance"]] == [4.0, 4.5]


def test_a_decisions_passed_over_writes_them_alike() -> None:
    dumped = PassedOverSchema().dump({**PAIR, "subject": PAIR["nip"], "round_date": PAIR["tmt"]})
    assert json.dumps(dumped["comparison"]) == WRITTEN


def test_the_openapi_document_types_each_measure(client: FlaskClient) -> None:
    schemas: dict[str, Any] = client.get("/api/openapi.json").get_json()["components"]["schemas"]

    def nested(prop: dict[str, Any]) -> dict[str, Any]:
        """The properties of the schema a nested field refers to (`$ref`, or apispec's allOf of one)."""
        ref = prop.get("$ref") or prop["allOf"][0]["$ref"]
        properties: dict[str, Any] = schemas[ref.rpartition("/")[2]]["properties"]
        return properties

    whole = ("training_jp", "days_in_rank", "education")
    for pair in ("PassedOverPair", "PassedOver"):
        measures = nested(schemas[pair]["properties"]["comparison"])
        for measure, kind in [("performance", "number"), *((m, "integer") for m in whole)]:
            values = nested(measures[measure])
            assert {values[k]["type"] for k in ("promoted", "appointed", "colleague")} == {kind}, (pair, measure)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_decisions_command_writes_the_comparison_as_the_api_does(posted: World, store_url: str) -> None:
    page: dict[str, Any] = posted.get(f"/api/v1/audits/posts/{BUDI}-3", "inspector").get_json()
    (api,) = [p["comparison"] for p in page["passed_over"] if p["colleague"] == STRONGER]
    assert api["training_jp"] == {"appointed": 0, "colleague": 80}
    env = {"CAREERLOG_DATABASE_URL": store_url}
    done = CliRunner().invoke(main, ["audit", "promotion", BUDI, "3", "--format", "json"], env=env)
    assert done.exit_code == 0, done.output
    (cli,) = [p["comparison"] for p in json.loads(done.output)["passed_over"] if p["colleague"] == STRONGER]
    assert json.dumps(cli) == json.dumps(api)
    shown = CliRunner().invoke(main, ["audit", "promotion", BUDI, "3"], env=env)
    assert "  training_jp: appointed 0, colleague 80\n" in shown.output
