"""GET /api/v1/audits/passed-over keeps its pairs per worker (web.kept.kept_passed_over): computed once for a scope,
period and position of the views, computed anew once an event is applied, and every answer logged as the reads it is,
a kept one too (until 2026-12-07 the pairs were computed on every request: 6-10 s of CPU at 2,000 employees). Computed
anew, they reuse each unit's 202 and post comparisons whose inputs the event left as they were (KeptUnits): an event
of another unit's employee leaves a unit's kept, one of a colleague's, or placing someone in the unit, computes it
anew (until later on 2026-12-07 every unit was compared again after any event: 5-9 s at 2,000 employees). Each answer
after an event is the one computed with nothing kept. On both stores."""

from __future__ import annotations

from typing import Any

import pytest

from projections.merit.passed_over import DecisionPassedOverQueries
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_access_log_passed_over_recorded_later import MOVED, moved_in, of_another_unit, reads_of
from tests.functional.test_api_posts import ready_colleague, record
from tests.unit.test_merit_posts import post


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def counted(world: World, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Each computation of the pairs, by its scope and period."""
    computed: list[tuple[Any, ...]] = []
    pairs = world.services.passed_over_pairs

    def counting(scope: Any, start: Any, end: Any, units: Any = None) -> dict[str, Any]:
        computed.append((dict(scope), start, end))
        return pairs(scope, start, end, units)

    monkeypatch.setattr(world.services, "passed_over_pairs", counting)
    return computed


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Each unit whose 202 and post decisions are compared (not kept), by its decisions' subjects."""
    units: list[tuple[str, ...]] = []
    as_known = DecisionPassedOverQueries.as_known

    def counting(self: DecisionPassedOverQueries, staff: Any, pools: Any) -> Any:
        units.append(tuple(pool.decision["subject"] for pool in pools))
        return as_known(self, staff, pools)

    monkeypatch.setattr(DecisionPassedOverQueries, "as_known", counting)
    return units


def answered(world: World) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The national inspector's pairs and colleagues placed otherwise by a later record; asserted to be those computed
    with nothing kept."""
    body = world.get("/api/v1/audits/passed-over", "inspector").get_json()
    fresh = world.services.passed_over_pairs({}, None, None)
    found = (
        [(r["nip"], r["colleague"]) for r in body["passed_over"]],
        [(r["nip"], r["colleague"], r["placed"]) for r in body["recorded_later"]],
    )
    assert found == (
        [(r["nip"], r["colleague"]) for r in fresh["passed_over"]],
        [(r["nip"], r["colleague"], r["placed"]) for r in fresh["recorded_later"]],
    )
    return found


def pairs_of(world: World, who: str, query: str = "") -> list[tuple[str, str]]:
    body = world.get(f"/api/v1/audits/passed-over{query}", who).get_json()
    return [(r["nip"], r["colleague"]) for r in body["passed_over"]]


def test_the_passed_over_pairs_are_computed_once_per_scope_until_an_event_is_applied(
    world: World, counted: list[tuple[Any, ...]]
) -> None:
    ready_colleague(world)
    world.catch_up()
    assert pairs_of(world, "inspector_medan") == []
    assert pairs_of(world, "inspector_medan") == []
    assert len(counted) == 1  # the second answer kept
    assert pairs_of(world, "inspector_medan", "?from=2000-01-01") == []  # another period: its own
    assert pairs_of(world, "inspector") == []  # another scope (national): its own
    assert len(counted) == 3
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]  # the event applied: computed anew
    assert len(counted) == 4


def test_a_kept_passed_over_answer_is_logged_as_read_each_time(world: World, counted: list[tuple[Any, ...]]) -> None:
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    before = reads_of(world, MOVED)
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]
    assert len(counted) == 1
    assert reads_of(world, MOVED) == [("inspector-medan", "audits"), ("inspector-medan", "audits"), *before]


def test_a_units_comparison_is_kept_across_an_event_of_another_units_employee(
    world: World, counted: list[tuple[Any, ...]], compared: list[tuple[str, ...]]
) -> None:
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    assert pairs_of(world, "inspector") == [(BUDI, MOVED)]
    record(world, RINA, "training", f.training("2020-06-30", 2, "2020-06-30", training_kind="SEMINAR"))  # (KAB-KARO)
    world.catch_up()
    assert pairs_of(world, "inspector") == [(BUDI, MOVED)]
    assert len(counted) == 2  # the pairs computed anew once the event was applied,
    assert compared == [(BUDI,)]  # Budi's unit compared once: kept across it


def test_a_units_kept_comparison_follows_a_transfer_of_a_colleague_recorded_later(world: World) -> None:
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    assert answered(world) == ([(BUDI, MOVED)], [])
    # a transfer effective before Budi's post, recorded since: Dewi placed elsewhere by a later record
    moved = {"agency": "KOTA-MEDAN", "unit": "Dinas Pendidikan", "region": "12.71", "effective_date": "2017-07-01"}
    record(world, MOVED, "placement", {**moved, "reference": "MUT-2017-12"})
    world.catch_up()
    assert answered(world) == ([(BUDI, MOVED)], [(BUDI, MOVED, "elsewhere")])


def test_a_units_kept_comparison_follows_a_colleague_placed_in_it_by_a_record_made_later(world: World) -> None:
    # Dewi of another unit (Dinas Pendidikan) when Budi was appointed; a transfer into his unit effective before it,
    # recorded since: she joins the unit's staff, named as placed here by a later record
    of_another_unit(world)
    world.catch_up()
    assert answered(world) == ([], [])
    moved_in(world)
    world.catch_up()
    assert answered(world) == ([], [(BUDI, MOVED, "here")])
