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
