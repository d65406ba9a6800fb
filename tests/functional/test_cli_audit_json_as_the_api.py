"""`careerlog audit promotions --format json` (and `audit posts`) writes each audited decision as the API's list of
them does (GET /api/v1/audits/promotions, /posts): the same schema dumps both (projections.merit.schemas.
DecisionSchema), so the same keys and types: the decision's `id`, the employee's `nip` and `corrected` true or false,
where the command line wrote the view's row, `subject` and `corrected: 0` or 1, and neither `id` nor `judged`. Its
table and CSV name the NIP's column `nip` too. `careerlog audit promotion NIP VERSION --format json` writes one
decision as GET /api/v1/audits/promotions|posts|appointments/{nip}-{version} does (projections.merit.schemas.
AuditSchema dumps both): until 2026-12-06 the view's row (`subject`, `corrected: 0`, no `id` nor `judged`), found by
an exploratory tester; its text said a decision not judged as Python's `None`. On both stores."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World
from tests.unit.test_merit_posts import post


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # the world's store: SQLite, and PostgreSQL too (CI=true)


def cli_listed(store_url: str, command: str, fmt: str = "json") -> str:
    done = CliRunner().invoke(main, ["audit", command, "--format", fmt], env={"CAREERLOG_DATABASE_URL": store_url})
    assert done.exit_code == 0, done.output
    return done.stdout


def api_listed(world: World, path: str) -> list[dict[str, Any]]:
    answer = world.get(f"/api/v1/audits/{path}?per_page=100")
    assert answer.status_code == 200, answer.get_json()
    return list(answer.get_json()["items"])


@pytest.mark.parametrize("command", ["promotions", "posts"])
def test_the_command_lines_json_of_the_audited_decisions_is_the_apis(
    world: World, store_url: str, command: str
) -> None:
    ledger = world.services.ledger
    ledger.record(BUDI, "correction", f.correction(2, "2014-04-01", reference="SK-KP/2014/7"), actor="test")
    ledger.record(BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), actor="test")  # (version 4)
    world.catch_up()
    listed = json.loads(cli_listed(store_url, command))["decisions"]
    assert listed == api_listed(world, command)
    budi = next(d for d in listed if d["nip"] == BUDI)
    assert "subject" not in budi
    if command == "promotions":
        assert (budi["id"], budi["corrected"], budi["judged"]) == (f"{BUDI}-2", True, True)
    else:
        assert (budi["id"], budi["corrected"]) == (f"{BUDI}-4", False)


def test_the_command_lines_csv_of_the_audited_promotions_names_the_nip_as_the_api(world: World, store_url: str) -> None:
    header, *rows = cli_listed(store_url, "promotions", "csv").splitlines()
    assert header == (
        "tmt,nip,version,kind,rank_before,rank_after,agency,unit,verdict,finding_count,max_severity,passed_over_count"
    )
    assert [row.split(",")[1] for row in rows] == [BUDI]


@pytest.mark.parametrize(
    ("nip", "version", "path", "judged"), [(BUDI, 2, "promotions", True), (RINA, 1, "appointments", False)]
)
def test_the_command_lines_json_of_one_decision_is_the_apis(
    world: World, store_url: str, nip: str, version: int, path: str, judged: bool
) -> None:
    env = {"CAREERLOG_DATABASE_URL": store_url}
    done = CliRunner().invoke(main, ["audit", "promotion", nip, str(version), "--format", "json"], env=env)
    assert done.exit_code == 0, done.output
    shown = json.loads(done.stdout)
    api = world.get(f"/api/v1/audits/{path}/{nip}-{version}", "inspector")
    assert api.status_code == 200, api.get_json()
    assert shown == api.get_json()
    assert (shown["id"], shown["nip"], shown["corrected"], shown["judged"]) == (f"{nip}-{version}", nip, False, judged)
    assert "subject" not in shown


def test_the_command_line_says_a_decision_not_judged_in_words(world: World, store_url: str) -> None:
    world.services.ledger.record(RINA, "rank_promotion", f.promotion("III/b", "1999-10-01"), actor="test")  # v2
    world.catch_up()
    env = {"CAREERLOG_DATABASE_URL": store_url}
    done = CliRunner().invoke(main, ["audit", "promotion", RINA, "2"], env=env)
    assert done.exit_code == 0, done.output
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"{RINA} v2 promotion 101 III/a -> III/b TMT 1999-10-01 recorded ")
    assert first.endswith(": not judged: no rule in force then"), first
    assert "None" not in done.stdout
    missing = CliRunner().invoke(main, ["audit", "promotion", RINA, "3"], env=env)  # no decision: as the API's 404
    assert missing.exit_code == 1
    assert f"No audited decision 3 of {RINA}." in missing.output
