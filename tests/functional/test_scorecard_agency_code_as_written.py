"""The scorecard reads its agency and region as every other agency and region filter does (the roster, the audits,
fairness, the reports): a code of its reference table (`KOTA-MEDAN`, `12.71`), in any letter case since 2026-12-05
(`kota-medan`: tests/functional/test_coded_filters_in_any_case.py). Another spelling (`kota-medann`, a region's name
`Kota Medan`) is refused naming the field, a 422 as the roster's `agency=kota-medann` is, on the API, the page and
`careerlog report scorecard` (exit 1, as `careerlog audit --agency kota-medann`).
Before, the scorecard alone read any case and the names, while its OpenAPI document listed the codes alone
(docs/scorecard.md). SQLite world: the store matters not."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

SPELLINGS = {
    "agency": ("kota-medann", "agency=kota-medann"),
    "region": ("Kota Medan", "agency=KOTA-MEDAN&region=Kota%20Medan"),
}


@pytest.mark.parametrize("field", SPELLINGS)
def test_a_code_not_written_as_its_table_writes_it_is_refused_as_the_roster_refuses_it(
    world: World, store_url: str, field: str
) -> None:
    value, query = SPELLINGS[field]
    roster = world.get(f"/api/v1/employees?{field}={value}", "inspector")
    card = world.get(f"/api/v1/reports/scorecard?{query}&year=2024", "inspector")
    assert (card.status_code, list(card.get_json()["errors"])) == (roster.status_code, [field]) == (422, [field])
    log_in(world, "inspector")
    assert world.client.get(f"/pages/scorecard?{query}&year=2024").status_code == 422
    world.catch_up()
    option = ["--region", value] if field == "region" else []
    agency = "KOTA-MEDAN" if field == "region" else value
    args = ["report", "scorecard", "--agency", agency, *option, "--year", "2024"]
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 1, result.output
    assert f"{field}: Unknown {field} {value!r}" in result.output, result.output
    assert (
        world.get("/api/v1/reports/scorecard?agency=KOTA-MEDAN&region=12.71&year=2024", "inspector").status_code == 200
    )
