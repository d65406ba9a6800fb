"""A blocking status change (unpaid leave, suspension: promotion.legal_status) effective by a promotion's TMT but
recorded after the decision is late evidence (evidence.recorded_after), as a late penalty is; a status that bars
nothing (a return to duty, pre-retirement) recorded late is not, nor one of a kind the rule exempts (211).

Found by helper inspecthunt (2026-12-03): a CLTN recorded after the promotion it bars left the decision compliant
with no mention, while a penalty recorded after the decision is listed as evidence recorded after it.
"""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_promotion_training_year_away_not_asked import confirmed


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def promoted(world: World, sequence: int) -> tuple[str, int]:
    """`confirmed`, trained 20 JP a year from 2012 to 2015 and promoted to III/b on 1 April 2016: compliant as
    recorded."""
    nip, ledger = confirmed(world, sequence), world.services.ledger
    for year in range(2012, 2016):
        ledger.record(nip, "training", f.training(f"{year}-06-30", hours=20, start=f"{year}-06-26"), actor="test")
    decision = ledger.record(nip, "rank_promotion", f.promotion("III/b", "2016-04-01"), actor="test")
    return nip, decision.version


def audited(world: World, nip: str, version: int) -> dict[str, list[str]]:
    """Per finding rule of the decision's audit, the kinds of its evidence."""
    world.catch_up()
    body = world.get(f"/api/v1/audits/promotions/{nip}-{version}", "admin").get_json()
    return {x["rule"]: [e["kind"] for e in x["evidence"]] for x in body["findings"]}


@pytest.mark.parametrize("status", ["UNPAID_LEAVE", "SUSPENDED"])
def test_a_blocking_status_recorded_after_the_promotion_is_late_evidence(world: World, status: str) -> None:
    nip, version = promoted(world, 811)
    assert audited(world, nip, version) == {}
    world.services.ledger.record(nip, "status_change", f.status(status, "2015-06-01"), actor="test")
    assert audited(world, nip, version) == {"evidence.recorded_after": ["status_change"]}


def test_a_late_penalty_and_a_late_blocking_status_are_both_late_evidence(world: World) -> None:
    nip, version = promoted(world, 812)
    ledger = world.services.ledger
    penalty = {"level": "MEDIUM", "penalty_kind": "PENUNDAAN_KP_1", "effective_date": "2015-05-01"}
    ledger.record(nip, "penalty", penalty | {"reference": "HD-812"}, actor="test")
    ledger.record(nip, "status_change", f.status("UNPAID_LEAVE", "2015-06-01"), actor="test")
    assert audited(world, nip, version) == {"evidence.recorded_after": ["penalty", "status_change"]}


def test_a_status_barring_nothing_recorded_after_the_promotion_is_not_late_evidence(world: World) -> None:
    nip, version = promoted(world, 813)
    world.services.ledger.record(nip, "status_change", f.status("PRE_RETIREMENT", "2015-06-01"), actor="test")
    world.services.ledger.record(nip, "status_change", f.status("ACTIVE", "2015-09-01"), actor="test")
    assert audited(world, nip, version) == {}


def test_a_late_blocking_status_before_a_kind_the_rule_exempts_is_not_late_evidence(world: World) -> None:
    nip, ledger = confirmed(world, 814), world.services.ledger
    ledger.record(nip, "status_change", f.status("DECEASED", "2018-01-15"), actor="test")
    decision = ledger.record(nip, "rank_promotion", f.promotion("III/b", "2018-01-15", kind="211"), actor="test")
    assert "evidence.recorded_after" not in audited(world, nip, decision.version)
    ledger.record(nip, "status_change", f.status("UNPAID_LEAVE", "2017-06-01"), actor="test")  # exempt: 211
    assert "evidence.recorded_after" not in audited(world, nip, decision.version)
