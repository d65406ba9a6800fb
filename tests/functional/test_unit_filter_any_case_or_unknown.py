"""A unit filter matches a unit in any letter case or spacing, as unit ratings already do (careerlog.domain.unit
`unit_key`): `unit=bkpsdm` gave nothing against `unit=BKPSDM`, on the audits, fairness, the scorecard and
`careerlog audit fairness`, an empty answer that read as clean. A unit no employee was ever placed in is a 422 naming
`unit` (the command line: exit 1 naming it), never an empty answer. On both stores."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("written", ["BKPSDM", "bkpsdm", "Bkpsdm"])
def test_the_audits_fairness_and_scorecard_read_a_unit_in_any_letter_case(world: World, written: str) -> None:
    promotions = world.get("/api/v1/audits/promotions", "inspector", query_string={"unit": written}).get_json()
    assert promotions["total"] == 1
    fairness = world.get("/api/v1/audits/fairness", "admin", query_string={"by": "sex", "min_cell": 1, "unit": written})
    assert [(g["eligible"], g["promoted"]) for g in fairness.get_json()["groups"]] == [(1, 1)]
    card = world.get(
        "/api/v1/reports/scorecard", "admin", query_string={"agency": "KOTA-MEDAN", "year": 2014, "unit": written}
    )
    assert card.status_code == 200
    assert card.get_json()["unit"] == "BKPSDM"
    clean = card.get_json()["indicators"]["merit.clean_promotions"]["trend"][-1]
    assert clean["denominator"] == 1


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/audits/promotions", {}),
        ("/api/v1/audits/posts", {}),
        ("/api/v1/audits/fairness", {"by": "sex"}),
        ("/api/v1/audits/time-to-promotion", {"by": "sex"}),
        ("/api/v1/reports/scorecard", {"agency": "KOTA-MEDAN", "year": 2014}),
    ],
)
def test_an_unknown_unit_is_refused_naming_it(world: World, path: str, query: dict[str, object]) -> None:
    answer = world.get(path, "admin", query_string={**query, "unit": "Dinas Tidak Ada"})
    assert answer.status_code == 422, answer.get_json()
    assert "Unknown unit 'Dinas Tidak Ada'" in answer.get_json()["errors"]["unit"][0]


def test_the_command_line_reads_a_unit_in_any_case_and_refuses_an_unknown_one(world: World, store_url: str) -> None:
    env = {"CAREERLOG_DATABASE_URL": store_url}
    found = CliRunner().invoke(main, ["audit", "promotions", "--unit", "bkpsdm", "--format", "json"], env=env)
    assert found.exit_code == 0, found.output
    assert '"BKPSDM"' in found.output
    refused = CliRunner().invoke(main, ["audit", "fairness", "--unit", "dinas tidak ada", "--format", "json"], env=env)
    assert refused.exit_code == 1, refused.output
    assert "Unknown unit 'dinas tidak ada'" in refused.output


@pytest.mark.parametrize("written", ["bkpsdm", "  Bkpsdm "])
def test_the_headcount_and_the_roster_read_a_unit_in_any_letter_case(world: World, written: str) -> None:
    """The headcount report and the roster matched the unit's exact text (tester, 2026-12-05: `unit=dinas
    kesehatan` 0 against 83 on the headcount, 0 against 229 on /employees): they narrow through Services.within."""
    query = {"by": "sex", "agency": "KOTA-MEDAN"}
    exact = world.get("/api/v1/reports/headcount", "admin", query_string={**query, "unit": "BKPSDM"}).get_json()
    assert exact["total"] > 0
    found = world.get("/api/v1/reports/headcount", "admin", query_string={**query, "unit": written})
    assert found.status_code == 200
    assert found.get_json()["total"] == exact["total"]
    listed = world.get("/api/v1/employees", "admin", query_string={"unit": "BKPSDM"}).get_json()["items"]
    assert listed
    same = world.get("/api/v1/employees", "admin", query_string={"unit": written})
    assert same.status_code == 200
    assert [i["nip"] for i in same.get_json()["items"]] == [i["nip"] for i in listed]


@pytest.mark.parametrize(
    ("path", "query"),
    [("/api/v1/reports/headcount", {"by": "sex", "agency": "KOTA-MEDAN"}), ("/api/v1/employees", {})],
)
def test_an_unknown_unit_of_the_headcount_or_the_roster_is_refused_naming_it(
    world: World, path: str, query: dict[str, object]
) -> None:
    answer = world.get(path, "admin", query_string={**query, "unit": "nope"})
    assert answer.status_code == 422, answer.get_json()
    assert "Unknown unit 'nope'" in answer.get_json()["errors"]["unit"][0]
