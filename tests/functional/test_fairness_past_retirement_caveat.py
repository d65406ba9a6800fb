"""The fairness answer (API, page, command) says how many records past their expected end of service with no
separation recorded are in its pools: a PNS born in 1962, expected to leave at 58 in January 2020 (ratings recorded
on), was eligible and not promoted in every round after, counted as passed over; since merit view 42 those rounds
stop at the expected end (merit.rounds_reach's stop_at_retirement), and only the rounds they were promoted in after
it (here two of 2021) stay in the pools, counted. On both stores."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

OLD = f.nip(date(1962, 1, 15), date(1990, 3, 1), "M", sequence=781)  # expected end of service 2020-01-31
FAIRNESS_2021 = "by=sex&from=2021-01-01&to=2021-12-31"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def aged(world: World) -> World:
    def rec(kind: str, payload: dict[str, Any]) -> None:
        world.services.ledger.record(OLD, kind, payload, actor="test")

    rec("appointment", f.appointment(date(1962, 1, 15), date(1990, 3, 1), "M", rank="III/b", education="S-2"))
    rec("confirmation", {"latsar_certificate": "L-1", "effective_date": "1991-03-01", "reference": "SK-PNS-781"})
    rec("rank_promotion", f.promotion("III/c", "2014-04-01"))
    rec("rank_promotion", f.promotion("III/d", "2021-04-01"))  # past the expected end: the rounds kept
    rec("rank_promotion", f.promotion("IV/a", "2021-10-01"))
    for year in range(2011, 2026):
        rec("performance_rating", f.rating(year, "BAIK"))
    world.catch_up()
    return world


def test_the_api_answer_counts_the_records_past_retirement_in_its_pools(aged: World) -> None:
    body = aged.get(f"/api/v1/audits/fairness?{FAIRNESS_2021}", "inspector").get_json()
    assert body["past_retirement"] == {
        "records": 1,
        "rounds": 2,
        "promoted": 2,
        "rule": "retirement.age",
        "rule_status": "M",
    }
    earlier = aged.get("/api/v1/audits/fairness?by=sex&from=2019-01-01&to=2019-12-31", "inspector").get_json()
    assert earlier["past_retirement"]["records"] == 0  # rounds before the expected end are no caveat


def test_the_page_shows_the_caveat_and_the_command_says_it(aged: World, store_url: str) -> None:
    log_in(aged, "inspector")
    page = aged.client.get(f"/pages/fairness?{FAIRNESS_2021}&lang=en").get_data(as_text=True)
    assert 'id="past-retirement"' in page
    assert "records past their expected end of service with no separation recorded" in page
    assert "with 2 rounds after that day counted, 2 of them promoted" in page
    assert "Their rounds stop at that day but those they were promoted in (rule merit.rounds_reach)" in page
    indonesian = aged.client.get(f"/pages/fairness?{FAIRNESS_2021}&lang=id").get_data(as_text=True)
    assert "dengan 2 putaran setelah hari itu ikut dihitung, 2 di antaranya naik pangkat" in indonesian
    assert "Putaran mereka berhenti pada hari itu kecuali putaran tempat mereka naik pangkat" in indonesian
    quiet = aged.client.get("/pages/fairness?by=sex&from=2019-01-01&to=2019-12-31&lang=en").get_data(as_text=True)
    assert 'id="past-retirement"' not in quiet
    env = {"CAREERLOG_DATABASE_URL": store_url}
    table = CliRunner().invoke(main, ["audit", "fairness", "--from", "2021-01-01", "--to", "2021-12-31"], env=env)
    assert table.exit_code == 0, table.output
    assert "with 2 rounds after it counted, 2 promoted" in table.output
    assert "their rounds stop at that day but those promoted in (merit.rounds_reach" in table.output
    answer = CliRunner().invoke(main, ["audit", "fairness", "--from", "2021-01-01", "--format", "json"], env=env)
    assert json.loads(answer.output)["past_retirement"]["records"] == 1
