"""An appointment's recruitment path is one of its employment kind's (rule appointment.recruitment_path, I): a PPPK
through a PNS path (UMUM, IKATAN_DINAS) and a PNS through the PPPK path are refused beside recruitment_path, recorded
or corrected so; a migration keeps a log's appointment, and one stored so refuses no other fact of its record."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.employee import Employee
from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import Recording
from tests import factories as f
from tests.unit.test_employee_record import parse, record, refused

BIRTH, TMT = date(1990, 1, 15), date(2022, 3, 1)


def appoint_pppk(path: str, recording: Recording | None = None) -> Employee:
    payload = f.appointment(BIRTH, TMT, "M", employment_kind="PPPK", rank="IX", recruitment_path=path)
    employee, _ = Employee.appoint(
        f.pppk_nip(BIRTH, 2022, "M"), parse(payload, "appointment"), recording or f.recording()
    )
    return employee


@pytest.mark.parametrize("path", ["UMUM", "IKATAN_DINAS"])
def test_a_pppk_through_a_pns_path_is_refused_naming_the_path(path: str) -> None:
    with pytest.raises(InvalidInput) as e:
        appoint_pppk(path)
    assert e.value.errors == {
        "recruitment_path": [
            f"{path} is not a recruitment path of a PPPK appointment: one of PPPK (rule appointment.recruitment_path). "
            "Check the recruitment path, or the employment kind."
        ]
    }


def test_a_pns_through_the_pppk_path_is_refused_and_through_its_own_recorded() -> None:
    payload = f.appointment(recruitment_path="PPPK")
    with pytest.raises(InvalidInput) as e:
        Employee.appoint(f.nip(), parse(payload, "appointment"), f.recording())
    assert "PPPK is not a recruitment path of a PNS appointment" in e.value.errors["recruitment_path"][0]
    employee, _ = Employee.appoint(f.nip(), parse(f.appointment(recruitment_path="I"), "appointment"), f.recording())
    assert employee.facts[1].values["recruitment_path"] == "IKATAN_DINAS"
    assert appoint_pppk("PPPK").version == 1


def test_a_correction_to_a_path_not_of_the_kind_is_refused_and_a_stored_one_keeps_its_record_correctable() -> None:
    employee = appoint_pppk("PPPK")
    errors = refused(employee, "correction", f.correction(1, "2024-01-05", recruitment_path="UMUM"))
    assert "UMUM is not a recruitment path of a PPPK" in errors["corrected_fields.recruitment_path"][0]
    stored = appoint_pppk("UMUM", Recording(f.NOW, "migration", True, None, True))  # (a migration keeps it)
    record(stored, "training", f.training("2023-05-03", hours=8))
    record(stored, "correction", f.correction(2, "2024-01-05", hours=6))
    record(stored, "correction", f.correction(1, "2024-01-05", recruitment_path="PPPK"))
    assert stored.facts[1].values["recruitment_path"] == "PPPK"
