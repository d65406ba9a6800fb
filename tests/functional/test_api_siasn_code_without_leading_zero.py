"""The API reads a legal status written without its leading zero (`2`, CLTN's SIASN `02`) as an import does
(tests/integration/test_import_siasn_code_without_leading_zero.py): it was refused as an unknown code."""

from __future__ import annotations

from tests import factories as f
from tests.functional.conftest import BUDI, World


def test_a_status_sent_without_its_leading_zero_is_recorded_as_its_code(world: World) -> None:
    sent = {"kind": "status_change", **f.status("2", "2024-03-01")}
    response = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=sent)
    assert response.status_code == 201, response.get_data(as_text=True)
    employee = world.services.ledger.get_employee(BUDI)
    assert employee is not None
    [changed] = [fact for fact in employee.active_facts() if fact.kind == "status_change"]
    assert changed.values["status"] == "UNPAID_LEAVE"
