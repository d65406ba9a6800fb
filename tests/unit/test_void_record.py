"""A record made under a wrong NIP is voided by retracting its appointment once every other fact of it is retracted:
refused naming each fact still standing, nothing recorded; accepted after; the voided record takes no new fact."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.domain.employee import FACTS_STANDING, VOIDED, Employee
from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import Appointed, AppointedAgain
from careerlog.domain.ledger import Outcome
from careerlog.domain.payload import parse_payload
from projections.career import CareerRecord
from tests import factories as f
from tests.unit.test_employee_record import BIRTH, TMT, appoint, record, refused


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
            "recorded in it until the NIP is appointed afresh, by an ordinary appointment (as a new employee is)."
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


# ------------------------------------------------------------------ appointed afresh after the void


def appoint_again(employee: Employee, **overrides: Any) -> Outcome:
    """The voided NIP appointed afresh (AppointedAgain), as the application records an appointment of it."""
    payload = parse(f.appointment(BIRTH, TMT, "M", **{"name": "Nama Pemilik NIP", "reference": "SK-ASLI", **overrides}))
    return employee.record(AppointedAgain, payload, f.recording())


def parse(payload: dict[str, Any]) -> dict[str, Any]:
    return parse_payload(AppointedAgain, payload)


def voided_record() -> Employee:
    employee = appoint()
    record(employee, "retraction", f.retraction(1, "2021-01-01"))  # 2: voided
    return employee


def test_a_voided_record_is_appointed_afresh_and_stands_again_taking_new_facts() -> None:
    employee = voided_record()
    outcome = appoint_again(employee)
    assert (outcome.version, outcome.kind, outcome.created) == (3, "appointment", True)
    assert employee.voided_by is None
    assert isinstance(employee.events[3], AppointedAgain)
    [fact] = employee.active_facts()
    assert (fact.version, fact.kind, fact.values["name"]) == (3, "appointment", "Nama Pemilik NIP")
    assert employee.current_context().appointment is fact
    assert employee.facts[1].retracted_by == 2  # (the voided appointment and its retraction stay)
    assert record(employee, "training", f.training("2020-01-03")).version == 4  # (no longer voided)


def test_an_appointment_afresh_is_judged_as_a_first_appointment_is() -> None:
    employee = voided_record()
    fresh = {**f.appointment(BIRTH, TMT, "M"), "birth_date": "1987-01-01", "sex": "F", "effective_date": "2030-01-01"}
    with pytest.raises(InvalidInput) as first:
        Employee.appoint(employee.id, parse_payload(Appointed, fresh), f.recording())
    with pytest.raises(InvalidInput) as again:
        employee.record(AppointedAgain, parse(fresh), f.recording())
    assert again.value.errors == first.value.errors
    assert {"birth_date", "sex", "effective_date"} <= again.value.errors.keys()
    assert (employee.version, len(employee.pending_events)) == (2, 2)


def test_a_record_appointed_afresh_is_voided_again_and_appointed_afresh_again() -> None:
    employee = voided_record()
    appoint_again(employee)  # 3
    [reason] = refused(employee, "retraction", f.retraction(1, "2021-01-01"))["target_version"]
    assert "retracted by version 2" in reason  # (the voided appointment stays retracted)
    record(employee, "retraction", f.retraction(3, "2021-01-02"))  # 4: voided again
    assert employee.voided_by == 4
    assert "voided" in refused(employee, "training", f.training("2020-01-03"))["nip"][0]
    assert appoint_again(employee, reference="SK-ASLI-2").version == 5
    assert employee.voided_by is None


def test_an_appointment_afresh_sent_again_is_answered_as_recorded() -> None:
    employee = voided_record()
    first = appoint_again(employee)
    again = appoint_again(employee)
    assert (again.version, again.created) == (first.version, False)
    assert employee.version == 3


def test_the_read_side_record_is_voided_only_while_no_appointment_stands() -> None:
    employee = voided_record()
    assert CareerRecord.from_events(employee.id, employee.events.values()).voided
    appoint_again(employee)
    again = CareerRecord.from_events(employee.id, employee.events.values())
    assert not again.voided
    assert again.void is None
    assert again.appointment is not None
    assert again.appointment.version == 3
    assert again.profile("name") == "Nama Pemilik NIP"
    record(employee, "retraction", f.retraction(3, "2021-01-02"))  # 4
    voided = CareerRecord.from_events(employee.id, employee.events.values())
    assert voided.voided
    assert voided.void is not None
    assert voided.void.version == 4


def test_an_appointment_afresh_is_corrected_as_an_appointment_is() -> None:
    employee = voided_record()
    appoint_again(employee)  # 3
    record(employee, "correction", f.correction(3, "2021-02-01", name="Nama Dibetulkan", unit="Bappeda"))  # 4
    assert employee.facts[3].values["name"] == "Nama Dibetulkan"
    assert employee.facts[3].corrected_by == [4]
    refused_birth = refused(employee, "correction", f.correction(3, "2021-02-01", birth_date="1987-01-01"))
    assert "corrected_fields.birth_date" in refused_birth  # (against the NIP's digits, as the appointment's)
    read = CareerRecord.from_events(employee.id, employee.events.values()).since_void()
    assert [e.version for e in read.entries] == [3, 4]
    assert read.profile("name") == "Nama Dibetulkan"


def test_the_ledger_and_the_views_read_the_last_void_alike_at_every_step() -> None:
    """careerlog.domain.voids.last_void: Employee.void_before and voided_by, CareerRecord.since_void, void, voided
    and viewed (RowBatch.add's) read the one position, through two voids and two appointments afresh."""
    employee = appoint()
    record(employee, "training", f.training("2020-01-03"))  # 2
    steps = [
        lambda: record(employee, "retraction", f.retraction(2, "2021-01-01")),  # 3
        lambda: record(employee, "retraction", f.retraction(1, "2021-01-01")),  # 4: voided
        lambda: appoint_again(employee),  # 5
        lambda: record(employee, "training", f.training("2020-01-04")),  # 6
        lambda: record(employee, "retraction", f.retraction(6, "2021-01-02")),  # 7
        lambda: record(employee, "retraction", f.retraction(5, "2021-01-02")),  # 8: voided again
        lambda: appoint_again(employee, reference="SK-ASLI-2"),  # 9
        lambda: record(employee, "training", f.training("2020-01-05")),  # 10
    ]
    seen = []
    for step in [lambda: None, *steps]:
        step()
        read = CareerRecord.from_events(employee.id, employee.events.values())
        since = read.since_void()
        assert read.voided == (employee.voided_by is not None)
        assert (read.void.version if read.void else None) == employee.voided_by
        assert (since is read) == (employee.void_before == 0)
        assert [e.version for e in since.entries] == [v for v in employee.events if v > employee.void_before]
        viewed = read.viewed()
        assert (None if viewed is None else [e.version for e in viewed.entries]) == (
            None if read.voided else [e.version for e in since.entries]
        )
        seen.append((employee.version, employee.void_before, employee.voided_by))
    assert seen == [
        (2, 0, None),
        (3, 0, None),
        (4, 0, 4),
        (5, 4, None),
        (6, 4, None),
        (7, 4, None),
        (8, 0, 8),
        (9, 8, None),
        (10, 8, None),
    ]


def test_a_record_of_many_facts_standing_names_the_first_few_and_counts_the_rest() -> None:
    """Until 2026-12-06 every fact standing was named in one sentence: some 450 on a demo's record."""
    employee = appoint()
    for day in range(1, 9):  # versions 2 to 9
        record(employee, "training", f.training(f"2020-01-{day:02}"))
    [reason] = refused(employee, "retraction", f.retraction(1, "2021-01-01"))["target_version"]
    assert (
        "still standing: version 2 (training), version 3 (training), version 4 (training), version 5 (training), "
        "version 6 (training) and 3 more (8 in all). Retract each first" in reason
    )
    assert "version 7" not in reason
