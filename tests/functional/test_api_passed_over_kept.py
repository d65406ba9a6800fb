"""GET /api/v1/audits/passed-over keeps its pairs per worker (web.kept.kept_passed_over): computed once for a scope,
period and position of the views, computed anew once an event is applied, and every answer logged as the reads it is,
a kept one too (until 2026-12-07 the pairs were computed on every request: 6-10 s of CPU at 2,000 employees). Computed
anew, they reuse each unit's 202 and post comparisons whose inputs the event left as they were (KeptUnits): an event
of another unit's employee leaves a unit's kept, one of a colleague's, or placing someone in the unit, computes it
anew (until later on 2026-12-07 every unit was compared again after any event: 5-9 s at 2,000 employees). Each answer
after an event is the one computed with nothing kept, whichever of a unit's inputs alone changed: a record's version
(a fact migrated as known before a decision), the staff's views (a unit compared while they lagged the ledger) or the
rules. On both stores."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from careerlog.application import Migration
from careerlog.reference import RULES_FILE_ENV
from projections.merit.passed_over import DecisionPassedOverQueries
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, TEST_CONFIG, World
from tests.functional.test_access_log_passed_over_recorded_later import MOVED, moved_in, of_another_unit, reads_of
from tests.functional.test_api_posts import leadership_training, ready_colleague, record
from tests.functional.test_passed_over_cli_judged_rules import other_rules
from tests.functional.test_view_judged_otherwise_not_served import rebuilt_under
from tests.guard_clock import a_second_passes
from tests.unit.test_merit_posts import post

__all__ = ["other_rules"]  # the bundled rules with merit.passed_over's min_better 3 instead of 2


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_FOLLOW": False}  # the views follow the log when a test catches up, and only then


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


def appointed_beside_dewi(world: World, pkp: bool = True) -> None:
    """Budi appointed Pengawas in 2018, Dewi of his unit and rank ready for the post (without the PKP, `pkp` False:
    not qualified for it)."""
    ready_colleague(world, pkp)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()


def test_a_units_kept_comparison_follows_a_colleagues_training_migrated_as_known_before_the_decision(
    world: World,
) -> None:
    # Dewi of Budi's unit without the PKP when he was appointed Pengawas: not qualified for the post, no pair. The PKP
    # migrated since (an import --migration) with its recorded time of 2017 was known before his post: she was
    # qualified then, and clearly stronger. No view the unit's comparison reads changes (UnitStaff.state): only her
    # record's last version in the ledger (LedgerRecords.versions) tells its kept comparison from the fresh one
    appointed_beside_dewi(world, pkp=False)
    assert answered(world) == ([], [])
    migrated = Migration(recorded_at=datetime(2017, 7, 3, tzinfo=UTC), recorded_by="legacy")
    world.services.ledger.record(MOVED, "training", leadership_training(), actor="admin", migration=migrated)
    world.catch_up()
    assert answered(world) == ([(BUDI, MOVED)], [])


def test_a_units_comparison_kept_while_the_views_lagged_the_ledger_is_computed_anew_once_they_caught_up(
    world: World,
) -> None:
    # Dewi moved to Dinas Pendidikan and appointed Pengawas there on Budi's TMT, recorded since: one appointed to that
    # kind of post that day is not his colleague (her decision another unit's). Budi's unit compared while the views
    # had yet to apply it reads the ledger's last versions after it already; once they apply it, only what the unit's
    # staff views hold (UnitStaff.state: her post among the decisions its staff received, her spell there ending)
    # tells its kept comparison from the fresh one
    appointed_beside_dewi(world)
    assert answered(world) == ([(BUDI, MOVED)], [])
    moved = {"agency": "KOTA-MEDAN", "unit": "Dinas Pendidikan", "region": "12.71", "effective_date": "2018-01-02"}
    record(world, MOVED, "placement", {**moved, "reference": "MUT-2018-01"})
    record(world, MOVED, "post_appointment", {**post("PENGAWAS", "2018-01-02", "IV.a"), "unit": "Dinas Pendidikan"})
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]  # (another scope, computed as the views read)
    world.catch_up()
    assert answered(world) == ([], [])


def test_a_units_kept_comparison_is_computed_anew_under_other_rules(
    world: World, store_url: str, other_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules changed (the views judged again under them, then the server reading them: test_scorecard_kept's
    way): with min_better 3, Dewi, stronger than Budi on two measures (performance and training), is no longer
    clearly stronger; the unit's decisions, staff and records are as they were."""
    monkeypatch.delenv(RULES_FILE_ENV, raising=False)
    appointed_beside_dewi(world)
    assert answered(world) == ([(BUDI, MOVED)], [])
    rebuilt_under(store_url, other_rules, monkeypatch)
    monkeypatch.setenv(RULES_FILE_ENV, str(other_rules))
    a_second_passes(monkeypatch)  # the web process looks at the views' rules at most once a second
    assert answered(world) == ([], [])
