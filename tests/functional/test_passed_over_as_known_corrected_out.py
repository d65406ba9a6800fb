"""A colleague whom the record known before a decision placed in the unit, but whom no version of the final record
places there (the fact that placed her corrected or retracted since), is compared as known then and named, on the
decision's page, in the API and by `careerlog audit passed-over` alike.

Budi is appointed Pengawas of KOTA-MEDAN BKPSDM on 2018-01-02 over Dewi, clearly stronger and in the unit at his
rank as known then. The colleagues were looked for only among those the final record (`unit_spells`) ever placed in
the unit: a correction of Dewi's appointment unit (to Dinas Pendidikan) or a retraction of her transfer into BKPSDM,
recorded after the decision, left her out of the page (passed_over [] and recorded_later []) and of the command,
while a back-dated transfer out of the unit named her (test_passed_over_cli_as_known.py). On both stores."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_api_posts import STRONGER, posted, record
from tests.functional.test_passed_over_cli_as_known import EARLIER
from tests.unit.test_merit_posts import post

__all__ = ["posted"]  # Budi appointed Pengawas of BKPSDM on 2018-01-02; Dewi (STRONGER) ready for the post
PENGAWAS = f"/api/v1/audits/posts/{BUDI}-3"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def second_pengawas(world: World) -> None:
    """A second Pengawas of BKPSDM (2012), so that the command compares a unit of two decisions."""
    record(world, EARLIER, "appointment", appointment_of(EARLIER, name="Joko Harahap"))
    record(world, EARLIER, "post_appointment", post("PENGAWAS", "2012-01-02", "IV.a"))


@pytest.fixture
def transferred_in(world: World) -> World:
    """Dewi appointed to Dinas Pendidikan in 2010 and transferred into BKPSDM on 2011-01-03 (her version 2), ready
    for the post as in `posted`; Budi appointed Pengawas of BKPSDM on 2018-01-02."""
    record(world, STRONGER, "appointment", appointment_of(STRONGER, name="Dewi Lubis", unit="Dinas Pendidikan"))
    into = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71", "effective_date": "2011-01-03"}
    record(world, STRONGER, "placement", {**into, "reference": "MUT-2011-1"})
    record(world, STRONGER, "post_appointment", post("PELAKSANA", "2011-01-03"))
    for year in range(2010, 2018):
        record(world, STRONGER, "performance_rating", f.rating(year))
    record(world, STRONGER, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    record(world, STRONGER, "training", f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP"))
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    return world


def page_of(world: World) -> dict[str, Any]:
    found: dict[str, Any] = world.get(PENGAWAS, "inspector").get_json()
    return found


def command(store_url: str) -> dict[str, Any]:
    args = ["audit", "passed-over", "--format", "json"]
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.output)
    return found


def assert_compared_as_known_then_once_amended(
    world: World, store_url: str, kind: str, payload: dict[str, Any]
) -> None:
    """Dewi passed over before the amendment of her placing fact (`kind`, `payload`), recorded after Budi's and
    Joko's appointments; after it still so, and named as placed elsewhere, on the page as by the command."""
    before = page_of(world)
    assert ([p["colleague"] for p in before["passed_over"]], before["recorded_later"]) == ([STRONGER], [])
    second_pengawas(world)
    record(world, STRONGER, kind, payload)
    world.catch_up()
    page = page_of(world)
    assert (page["verdict"], page["passed_over_count"]) == ("findings", 1)
    assert [p["colleague"] for p in page["passed_over"]] == [STRONGER]
    assert page["recorded_later"] == [{"colleague": STRONGER, "placed": "elsewhere"}]
    listed = command(store_url)
    budi = [r for r in listed["passed_over"] if r["nip"] == BUDI and r["decision"] == "post"]
    assert [(r["version"], r["colleague"]) for r in budi] == [(3, STRONGER)]
    assert budi[0]["comparison"] == page["passed_over"][0]["comparison"]
    named = [{"colleague": r["colleague"], "placed": r["placed"]} for r in listed["recorded_later"] if r["nip"] == BUDI]
    assert named == page["recorded_later"]
    # as known before Joko's appointment of 2012 she was in the unit too, at his rank
    assert {(r["nip"], r["colleague"], r["placed"]) for r in listed["recorded_later"]} == {
        (BUDI, STRONGER, "elsewhere"),
        (EARLIER, STRONGER, "elsewhere"),
    }


def test_a_colleague_whose_appointment_unit_is_corrected_after_the_decision_is_compared_as_known_then(
    posted: World, store_url: str
) -> None:
    correction = f.correction(1, "2018-06-01", unit="Dinas Pendidikan")
    assert_compared_as_known_then_once_amended(posted, store_url, "correction", correction)


def test_a_colleague_whose_transfer_into_the_unit_is_retracted_after_the_decision_is_compared_as_known_then(
    transferred_in: World, store_url: str
) -> None:
    assert_compared_as_known_then_once_amended(transferred_in, store_url, "retraction", f.retraction(2, "2018-06-01"))


def test_a_correction_recorded_before_the_decision_moves_the_colleague_out_without_a_word(
    world: World, store_url: str
) -> None:
    # the same correction recorded before Budi's appointment: as known then Dewi was elsewhere, nothing to name
    record(world, STRONGER, "appointment", appointment_of(STRONGER, name="Dewi Lubis"))
    record(world, STRONGER, "correction", f.correction(1, "2010-03-01", unit="Dinas Pendidikan"))
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    page = page_of(world)
    assert (page["passed_over"], page["recorded_later"]) == ([], [])
    assert command(store_url)["recorded_later"] == []
