"""The scope before the input (web.api.scope; tests/functional/test_scope_refused_before_arguments.py tries every
case on SQLite) on both stores: the employee's scope is judged on the ledger, the audited decision's on the merit
view, each read again when the request is about to be refused for what it sent."""

from __future__ import annotations

import pytest

from careerlog.access import Scope
from tests.functional.conftest import BUDI, MISSING, World
from tests.functional.openapi_walk import record_audited_post


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_record_outside_the_scope_answers_as_none_whatever_was_sent(world: World) -> None:
    record_audited_post(world)
    accounts = world.services.accounts
    accounts.create("inspector-karo", display_name="Karo", role="inspector", scope=Scope(agencies=("KAB-KARO",)))
    world.tokens["inspector_karo"] = accounts.issue_token("inspector-karo", days=30).token
    before = world.log()
    for nip in (BUDI, MISSING):
        assert world.get(f"/api/v1/employees/{nip}/timeline?as_of=soon", "hr_karo").status_code == 404
        assert world.post(f"/api/v1/employees/{nip}/events", "hr_karo", json={"kind": "x"}).status_code == 404
        for decision in (f"promotions/{nip}-2", f"posts/{nip}-3"):
            answer = world.get(f"/api/v1/audits/{decision}?wait_for=soon", "inspector_karo")
            assert answer.status_code == 404, decision
    assert world.post("/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", "hr_karo", json={}).status_code == 403
    for agency in ("KOTA-MEDAN", "kota-medan"):  # (in any case: until 2026-12-06 kota-medan's 422 of the year)
        assert world.get(f"/api/v1/reports/scorecard?agency={agency}&year=soon", "policy_karo").status_code == 403
    assert world.get("/api/v1/reports/headcount?agency=kota-medan&colour=red", "policy_karo").status_code == 403
    within = [
        world.get(f"/api/v1/employees/{BUDI}/timeline?as_of=soon", "hr"),
        world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={"kind": "x"}),
        world.get(f"/api/v1/audits/posts/{BUDI}-3?wait_for=soon", "inspector"),
    ]
    assert [answer.status_code for answer in within] == [422, 422, 422]
    assert world.log() == before
