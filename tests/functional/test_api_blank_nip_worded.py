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
