"""An appointment whose `nip` is given blank (`""`, spaces) to the API or the command line was refused with an
import's reason, "each row needs the employee's NIP. A NIP cell merged over several rows in a spreadsheet is saved on
the first of them alone: unmerge it ...": the API's body and `careerlog record` have no rows nor cells. A blank NIP
is now refused as any field given blank, "May not be empty.", with the body's other problems; an imported row of no
NIP keeps the merged cells' reason (tests/integration/test_import_row_without_nip.py)."""

from __future__ import annotations

import pytest

from careerlog.application import NO_NIP
from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import EMPTY
from tests.functional.conftest import BUDI, World, appointment_of


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_appointment_of_a_blank_nip_is_refused_as_a_field_given_empty(world: World, blank: str) -> None:
    body = {**appointment_of(BUDI, reference="SK-BLANK"), "nip": blank}
    response = world.post("/api/v1/employees", "hr", json=body)
    assert response.status_code == 422, response.get_json()
    assert response.content_type == "application/problem+json"
    assert response.get_json()["errors"] == {"nip": [EMPTY]}


def test_a_recording_of_a_blank_nip_is_refused_without_the_imports_reason(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        world.services.ledger.record("", "appointment", appointment_of(BUDI, reference="SK-BLANK"), actor="cli")
    assert refused.value.errors["nip"] == [EMPTY]
    assert NO_NIP not in str(refused.value)


@pytest.mark.parametrize("given", ["UNIT:NOPE:Dinas Kesehatan", "UNIT:KOTA-MEDAN:Dinas Kesehatan", "UNIT:KOTA-MEDAN:"])
def test_an_appointment_of_a_units_key_as_its_nip_is_refused_naming_nip(world: World, given: str) -> None:
    """An appointment makes an employee's record: a unit's key given as its NIP (as `careerlog history` shows a unit)
    was read as the unit's (application.subject_of), refused naming `agency`, the body's own field, for an agency
    not known ('UNIT:NOPE:...'), `unit` for an empty name, and `kind` for a known one; it is no NIP."""
    body = {**appointment_of(BUDI, reference="SK-UNIT"), "nip": given}
    response = world.post("/api/v1/employees", "hr", json=body)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    assert set(errors) == {"nip"}, errors
    assert "18 digits" in errors["nip"][0]
