"""GET /api/v1/audits/passed-over: the decisions that passed over a clearly stronger colleague, of every kind compared
(the regular promotions and the 202 promotions and managerial posts, which the lists of promotions and posts do not
compare: their own pages do), as `careerlog audit passed-over --format json` lists them. It was a 404: a 202 or a
post that passed someone over was found only on its own page and by the command. Both stores."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import STRONGER, posted

__all__ = ["posted"]  # Budi appointed Pengawas of KOTA-MEDAN BKPSDM on 2018-01-02 over Dewi (STRONGER), stronger
PASSED_OVER = "/api/v1/audits/passed-over"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def command(store_url: str, *options: str) -> dict[str, list[dict[str, object]]]:
    result = CliRunner().invoke(
        main, ["audit", "passed-over", "--format", "json", *options], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    assert result.exit_code == 0, result.output
    found: dict[str, list[dict[str, object]]] = json.loads(result.output)
    return found


def test_the_api_lists_the_post_that_passed_a_colleague_over_as_the_command(posted: World, store_url: str) -> None:
    response = posted.get(PASSED_OVER, "inspector")
    assert response.status_code == 200, response.get_json()  # (was 404)
    listed = response.get_json()
    assert [(r["nip"], r["decision"], r["kind"], r["colleague"]) for r in listed["passed_over"]] == [
        (BUDI, "post", "PENGAWAS", STRONGER)
    ]
    assert listed == command(store_url)
    # its own page says so; the posts' list does not compare it (not_compared)
    page = posted.get(f"/api/v1/audits/posts/{BUDI}-{listed['passed_over'][0]['version']}", "inspector").get_json()
    assert [p["colleague"] for p in page["passed_over"]] == [STRONGER]


def test_the_api_filters_by_tmt_and_place_as_the_command(posted: World, store_url: str) -> None:
    for query, options in [
        ("from=2018-01-03", ("--from", "2018-01-03")),
        ("to=2018-01-02&agency=kota-medan", ("--to", "2018-01-02", "--agency", "KOTA-MEDAN")),
        ("agency=KAB-KARO", ("--agency", "KAB-KARO")),
    ]:
        listed = posted.get(f"{PASSED_OVER}?{query}", "inspector").get_json()
        assert listed == command(store_url, *options), query
    assert posted.get(f"{PASSED_OVER}?from=2018-01-03", "inspector").get_json()["passed_over"] == []


def test_the_api_writes_the_pairs_as_csv(posted: World) -> None:
    response = posted.get(f"{PASSED_OVER}?format=csv", "inspector")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["nip"], r["kind"], r["colleague"]) for r in rows] == [(BUDI, "PENGAWAS", STRONGER)]


def test_a_date_not_yyyy_mm_dd_is_refused_naming_it(posted: World) -> None:
    response = posted.get(f"{PASSED_OVER}?to=20180102", "inspector")
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"to": ["Must be a date YYYY-MM-DD."]}
