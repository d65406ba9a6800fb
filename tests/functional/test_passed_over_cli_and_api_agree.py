"""`careerlog audit passed-over` and GET /api/v1/audits/passed-over give the same pairs field for field (one schema
dumps both: projections.merit.schemas.PassedOverPairSchema), each with the decision's `version` and the path of its
page (`page`), a regular (101) promotion's too: the API left `version` out of a 101's row (documented null) and the
command wrote it with a `round_date` the API did not. Their CSVs are the same flat columns: the decision's NIP, version
and page, and the comparison as one column per measure and person (`nip_performance`, `colleague_performance`...),
where the API's CSV held it as JSON in one cell and the command's had neither it nor `version`. On both stores."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from projections.merit.passed_over import PASSED_OVER_CSV_COLUMNS
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passing_over
from tests.functional.test_api_posts import STRONGER, posted
from tests.functional.test_pages_auth import log_in

__all__ = ["posted"]  # Budi appointed Pengawas of KOTA-MEDAN BKPSDM on 2018-01-02 over Dewi (STRONGER)
PASSED_OVER = "/api/v1/audits/passed-over"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def passed(world: World) -> World:
    """Budi promoted to III/c on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)."""
    return passing_over(world)


def command(store_url: str, fmt: str) -> str:
    result = CliRunner().invoke(
        main, ["audit", "passed-over", "--format", fmt], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def promotion_version(world: World) -> int:
    items = world.get("/api/v1/audits/promotions?per_page=100", "inspector").get_json()["items"]
    [listed] = [i for i in items if i["nip"] == BUDI and i["tmt"] == "2018-04-01"]
    return int(listed["version"])


def test_a_regular_promotions_pair_is_the_same_in_the_command_and_the_api_with_its_version(
    passed: World, store_url: str
) -> None:
    answer = passed.get(PASSED_OVER, "inspector").get_json()
    [pair] = answer["passed_over"]
    version = promotion_version(passed)
    assert (pair["nip"], pair["kind"], pair["colleague"], pair["version"]) == (BUDI, "101", STRONGER, version)
    assert pair["page"] == f"/pages/audits/{BUDI}/{version}"
    assert "round_date" not in pair
    assert json.loads(command(store_url, "json")) == answer  # (the command added `round_date`, the API no `version`)


def test_the_page_of_each_pair_is_its_decisions_page(passed: World) -> None:
    [pair] = passed.get(PASSED_OVER, "inspector").get_json()["passed_over"]
    log_in(passed, "inspector")
    page = passed.client.get(pair["page"])
    assert page.status_code == 200
    assert STRONGER in page.get_data(as_text=True)


def flat_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("made", ["passed", "posted"])
def test_the_command_and_the_api_write_the_same_flat_csv(
    made: str, store_url: str, request: pytest.FixtureRequest
) -> None:
    world: World = request.getfixturevalue(made)
    answer = world.get(f"{PASSED_OVER}?format=csv", "inspector").get_data(as_text=True)
    header = answer.splitlines()[0].split(",")
    assert header == list(PASSED_OVER_CSV_COLUMNS)
    assert "comparison" not in header
    assert "{" not in answer  # (was one JSON cell)
    rows = flat_rows(answer)
    assert rows == flat_rows(command(store_url, "csv"))  # (the command's had no version, no comparison)
    [row] = rows
    pair: dict[str, Any] = world.get(PASSED_OVER, "inspector").get_json()["passed_over"][0]
    assert (row["nip"], row["version"], row["page"]) == (BUDI, str(pair["version"]), pair["page"])
    side = "promoted" if made == "passed" else "appointed"
    for measure, values in pair["comparison"].items():
        assert float(row[f"nip_{measure}"]) == values[side], measure
        assert float(row[f"colleague_{measure}"]) == values["colleague"], measure
    assert float(row["colleague_performance"]) > float(row["nip_performance"])
