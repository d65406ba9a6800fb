"""`careerlog audit passed-over` compares a post appointment's (or a 202 promotion's) colleagues as known before the
decision, as the decision's own page and the API do, also in a unit where it compares more than one decision.

Budi is appointed Pengawas of KOTA-MEDAN BKPSDM on 2018-01-02 over Dewi, clearly stronger and in the unit at his
rank; a transfer of Dewi to Dinas Pendidikan effective 2017-07-01 is recorded only after the decision (back-dated).
The page and the API compare her as known then and name her (`recorded_later`, placed elsewhere). The command
compared a unit of two such decisions or more over the final record's colleagues (`UnitStaff`): Dewi, whom the final
record places elsewhere, was missing from its list while the page read the decision passed her over, and it did not
name her at all. On both stores."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_api_posts import STRONGER, posted, record
from tests.unit.test_merit_posts import post

__all__ = ["posted"]  # Budi appointed Pengawas of BKPSDM on 2018-01-02; Dewi (STRONGER) ready for the post
PENGAWAS = f"/api/v1/audits/posts/{BUDI}-3"
EARLIER = f.nip(date(1980, 4, 4), date(2005, 3, 1), "M", sequence=762)  # KOTA-MEDAN BKPSDM, Pengawas in 2012


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def transferred(posted: World) -> World:
    """A second Pengawas of BKPSDM (2012), so that the command compares a unit of two decisions, and Dewi's
    transfer out of the unit before Budi's TMT, recorded after his appointment."""
    record(posted, EARLIER, "appointment", appointment_of(EARLIER, name="Joko Harahap"))
    record(posted, EARLIER, "post_appointment", post("PENGAWAS", "2012-01-02", "IV.a"))
    transfer = {
        "agency": "KOTA-MEDAN",
        "unit": "Dinas Pendidikan",
        "region": "12.71",
        "effective_date": "2017-07-01",
        "reference": "MUT-2017-9",
    }
    record(posted, STRONGER, "placement", transfer)
    posted.catch_up()
    return posted


def command(world: World, store_url: str, *options: str) -> str:
    result = CliRunner().invoke(main, ["audit", "passed-over", *options], env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 0, result.output
    return result.output


def test_the_command_and_the_api_agree_on_a_post_whose_colleague_a_back_dated_transfer_moved_out(
    transferred: World, store_url: str
) -> None:
    page: dict[str, Any] = transferred.get(PENGAWAS, "inspector").get_json()
    assert (page["verdict"], page["passed_over_count"]) == ("findings", 1)
    assert [p["colleague"] for p in page["passed_over"]] == [STRONGER]
    assert page["recorded_later"] == [{"colleague": STRONGER, "placed": "elsewhere"}]

    listed = json.loads(command(transferred, store_url, "--format", "json"))
    budi = [r for r in listed["passed_over"] if r["nip"] == BUDI and r["decision"] == "post"]
    assert [(r["version"], r["colleague"], r["severity"]) for r in budi] == [
        (page["version"], p["colleague"], p["severity"]) for p in page["passed_over"]
    ]
    assert budi[0]["comparison"] == page["passed_over"][0]["comparison"]
    named = [r for r in listed["recorded_later"] if r["nip"] == BUDI]
    assert [{"colleague": r["colleague"], "placed": r["placed"]} for r in named] == page["recorded_later"]
    assert {(r["version"], r["decision"], r["kind"], r["tmt"]) for r in named} == {
        (3, "post", "PENGAWAS", "2018-01-02")
    }

    table = command(transferred, store_url)
    assert "placed otherwise by a record made after the decision" in table
    assert any(BUDI in line and STRONGER in line and "elsewhere" in line for line in table.splitlines())
