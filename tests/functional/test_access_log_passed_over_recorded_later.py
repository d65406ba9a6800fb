"""GET /api/v1/audits/passed-over names, besides its pairs, the colleagues a record made after a 202 promotion or a
post appointment places otherwise (`recorded_later`). Each one named is a read of their record, logged where the
decision was made, as the decision's own page logs them (test_access_log_decision_colleagues): until 2026-12-06 the
list logged only its pairs' employees and colleagues. On both stores."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_api_posts import STRONGER, ready_colleague, record
from tests.unit.test_merit_posts import post

# of KOTA-MEDAN's Dinas Pendidikan as known when Budi was appointed Pengawas of BKPSDM; a transfer to BKPSDM effective
# before it, recorded after it, places her there: named `here`, not compared
MOVED = STRONGER


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def of_another_unit(world: World) -> None:
    """Dewi ready for the post as test_api_posts' colleague, but of Dinas Pendidikan when Budi was appointed."""
    record(world, MOVED, "appointment", appointment_of(MOVED, name="Dewi Lubis", unit="Dinas Pendidikan"))
    record(world, MOVED, "post_appointment", {**post("PELAKSANA", "2010-03-01"), "unit": "Dinas Pendidikan"})
    for year in range(2010, 2018):
        record(world, MOVED, "performance_rating", f.rating(year))
    record(world, MOVED, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))


def moved_in(world: World) -> None:
    """Dewi placed in Budi's unit from before his post, by a record made after it."""
    moved = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71", "effective_date": "2017-07-01"}
    record(world, MOVED, "placement", {**moved, "reference": "MUT-2017-12"})


@pytest.fixture
def moved_in_later(world: World) -> World:
    """Dewi of Dinas Pendidikan when Budi was appointed, placed in his unit from before it by a later record."""
    of_another_unit(world)
    moved_in(world)
    world.catch_up()
    return world


def reads_of(world: World, nip: str, who: str = "admin") -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}&per_page=100", who).get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


def test_a_colleague_the_passed_over_list_names_as_placed_by_a_later_record_is_logged_as_read(
    moved_in_later: World,
) -> None:
    before = reads_of(moved_in_later, MOVED)
    body = moved_in_later.get("/api/v1/audits/passed-over", "inspector_medan").get_json()
    named = [r for r in body["recorded_later"] if r["colleague"] == MOVED]
    assert [(r["nip"], r["decision"], r["placed"]) for r in named] == [(BUDI, "post", "here")]
    assert all(r["colleague"] != MOVED for r in body["passed_over"])  # (named, not compared)
    assert reads_of(moved_in_later, MOVED) == [("inspector-medan", "audits"), *before]
    # logged where the decision was made (KOTA-MEDAN): the inspectors of that scope see the read
    assert ("inspector-medan", "audits") in reads_of(moved_in_later, MOVED, "inspector_medan")


def test_a_colleague_passed_over_and_placed_elsewhere_by_a_later_record_is_one_read(world: World) -> None:
    # Dewi of Budi's unit when he was appointed Pengawas, compared (passed over); a transfer effective before it,
    # recorded since, places her elsewhere: named in `recorded_later` too, but one read, as the decision's page logs
    # her (until 2026-12-06 the list logged her twice, once as a pair's colleague and once as placed)
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    moved = {"agency": "KOTA-MEDAN", "unit": "Dinas Pendidikan", "region": "12.71", "effective_date": "2017-07-01"}
    record(world, MOVED, "placement", {**moved, "reference": "MUT-2017-12"})
    world.catch_up()
    before = reads_of(world, MOVED)
    body = world.get("/api/v1/audits/passed-over", "inspector_medan").get_json()
    assert [(r["nip"], r["decision"]) for r in body["passed_over"] if r["colleague"] == MOVED] == [(BUDI, "post")]
    named = [r for r in body["recorded_later"] if r["colleague"] == MOVED]
    assert [(r["nip"], r["decision"], r["placed"]) for r in named] == [(BUDI, "post", "elsewhere")]
    assert reads_of(world, MOVED) == [("inspector-medan", "audits"), *before]
