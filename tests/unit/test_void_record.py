"""A record made under a wrong NIP is voided by retracting its appointment once every other fact of it is retracted:
refused naming each fact still standing, nothing recorded; accepted after; the voided record takes no new fact."""

from __future__ import annotations

import pytest

from careerlog.domain.employee import FACTS_STANDING, VOIDED
from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.unit.test_employee_record import appoint, record, refused


def test_the_appointment_is_refused_retraction_naming_every_fact_still_standing() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))  # 2
    record(employee, "rank_promotion", f.promotion("III/b", "2014-04-01"))  # 3
    record(employee, "training", f.training("2020-02-03"))  # 4
    record(employee, "retraction", f.retraction(4, "2021-01-01"))  # 5: retracted, not standing
    [reason] = refused(employee, "retraction", f.retraction(1, "2021-01-01"))["target_version"]
    assert reason == (
        "The appointment is retracted (the record voided, as one made under a wrong NIP) only once every other fact "
        "of this record is retracted; still standing: version 2 (training), version 3 (rank_promotion). Retract each "
        "first (a mentee_assigned by retracting the mentoring_start in the mentee's record), or correct the "
        "appointment if the NIP is right."
    )
    assert reason.refusal is FACTS_STANDING  # type: ignore[attr-defined]


def test_the_appointment_is_retracted_once_every_other_fact_is_voiding_the_record() -> None:
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))  # 2
    record(employee, "retraction", f.retraction(2, "2021-01-01"))  # 3
    outcome = record(employee, "retraction", f.retraction(1, "2021-01-01"))
    assert outcome.version == 4
    assert outcome.created
    assert employee.facts[1].retracted_by == 4
    assert employee.voided_by == 4
    assert employee.active_facts() == []


def test_an_appointment_alone_is_retracted() -> None:
    employee = appoint()
    record(employee, "retraction", f.retraction(1, "2021-01-01"))
    assert employee.voided_by == 2


def test_a_voided_record_takes_no_new_fact_and_nothing_is_recorded() -> None:
    employee = appoint()
    record(employee, "retraction", f.retraction(1, "2021-01-01"))  # 2
    version, pending = employee.version, len(employee.pending_events)
    for kind, payload in (
        ("training", f.training("2020-01-03")),
        ("rank_promotion", f.promotion("III/b", "2014-04-01")),
    ):
        with pytest.raises(InvalidInput) as e:
            record(employee, kind, payload)
        [reason] = e.value.errors["nip"]
        assert reason == (
            f"The record of NIP {employee.id} was voided: its appointment was retracted by version 2. Nothing more is "
            "recorded in it."
        )
        assert reason.refusal is VOIDED  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput) as e:  # nor is the appointment corrected, or retracted again
        record(employee, "correction", f.correction(1, "2021-02-01", name="Nama Lain"))
    assert "retracted by version 2" in e.value.errors["target_version"][0]
    assert employee.version == version
    assert len(employee.pending_events) == pending


def test_a_retraction_sent_again_after_the_void_is_answered_as_recorded() -> None:
    employee = appoint()
    void = f.retraction(1, "2021-01-01")
    first = record(employee, "retraction", void)
    again = record(employee, "retraction", void)
    assert (again.version, again.created) == (first.version, False)
