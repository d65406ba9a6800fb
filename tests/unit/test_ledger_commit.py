"""Committing a decision: the event built directly is the one the library's trigger_event would build."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import pytest

from careerlog.domain.employee import Employee
from careerlog.domain.events import ALL_EVENTS, BY_KIND, LedgerEvent, MenteeAssigned
from careerlog.domain.ledger import Decision, Outcome, build_event, event_shape, in_field_order
from careerlog.persistence import CareerMapper, NullTranscoder
from tests import factories as f
from tests.unit.test_employee_record import BIRTH, TMT, parse

RECORDED = datetime(2024, 1, 5, 8, 30, tzinfo=UTC)
DIRECT = [cls for cls in ALL_EVENTS if event_shape(cls).direct]


def test_every_recordable_fact_is_built_directly_and_corrections_retractions_and_creations_are_not() -> None:
    assert {cls.__name__ for cls in ALL_EVENTS if cls not in DIRECT} == {
        "Appointed",
        "UnitRegistered",
        "EventCorrected",
        "EventRetracted",
    }


@pytest.mark.parametrize("cls", DIRECT, ids=lambda cls: cls.__name__)
def test_an_event_built_directly_equals_the_constructed_one_field_for_field_and_stores_the_same_bytes(
    cls: type[LedgerEvent],
) -> None:
    payload = {name: f"value of {name}" for name in event_shape(cls).payload} | {"effective_date": date(2023, 5, 1)}
    recording = f.recording(RECORDED, client_key="K-1")
    built = build_event(cls, "198609262010031001", 7, payload, recording)
    constructed = cls(originator_id="198609262010031001", originator_version=7, **payload, **recording.event_kwargs())
    assert type(built) is cls
    assert built == constructed
    assert list(vars(built).items()) == list(vars(constructed).items())
    mapper = CareerMapper(transcoder=NullTranscoder())
    assert mapper.to_stored_row(built) == mapper.to_stored_row(constructed)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.reference = "changed"  # type: ignore[misc]


def test_values_are_put_in_field_order_only_when_they_are_exactly_the_payload_fields() -> None:
    mirror = {"focus": "Arsip", "mentee_nip": "199001152022212001", "reference": "M-1", "effective_date": TMT}
    ordered = in_field_order(MenteeAssigned, mirror)
    assert ordered == mirror
    assert list(ordered or {}) == ["effective_date", "reference", "mentee_nip", "focus"]
    assert in_field_order(MenteeAssigned, {k: v for k, v in mirror.items() if k != "focus"}) is None
    assert in_field_order(MenteeAssigned, {**mirror, "extra": 1}) is None


def history() -> list[tuple[str, dict[str, Any]]]:
    """Recordings of every path: facts, a mirror given out of field order, a correction, a retraction."""
    return [
        ("rank_promotion", f.promotion("III/b", "2014-04-01")),
        ("training", f.training("2015-06-12", hours=16, start="2015-06-11", cost="1500000")),
        ("performance_rating", f.rating(2015)),
        ("performance_rating", f.rating(2016)),
        ("award", f.award("SL_WIRA_KARYA", "2020-08-17")),
        ("correction", f.correction(4, "2017-01-10", predicate="SANGAT_BAIK")),
        ("retraction", f.retraction(5, "2017-01-11")),
        ("status_change", f.status("UNPAID_LEAVE", "2021-02-01")),
    ]


def make(employee: Employee, kind: str, values: dict[str, Any], *, library: bool) -> Outcome:
    decision = employee.decide(BY_KIND[kind], values, f.recording(RECORDED))
    assert isinstance(decision, Decision)
    if library:  # without the fact and key, commit goes through the library's trigger_event
        decision = dataclasses.replace(decision, key=None, fact=None)
    return decision.commit()


def test_a_record_committed_directly_is_the_record_the_library_path_makes() -> None:
    nip = f.nip(BIRTH, TMT, "M")
    appointment = parse(f.appointment(BIRTH, TMT, "M"), "appointment")
    records = [Employee.appoint(nip, appointment, f.recording(RECORDED))[0] for _ in range(2)]
    steps = [(kind, parse(payload, kind)) for kind, payload in history()]
    mirror = {"focus": "Arsip", "mentee_nip": f.pppk_nip(), "reference": "MENTOR-1", "effective_date": date(2019, 1, 2)}
    steps.insert(5, ("mentee_assigned", mirror))
    for kind, values in steps:
        direct = make(records[0], kind, dict(values), library=False)
        assert direct == make(records[1], kind, dict(values), library=True)
    direct_record, library_record = records
    assert direct_record.version == library_record.version == len(steps) + 1
    assert direct_record.modified_on == library_record.modified_on
    assert direct_record.keys == library_record.keys
    assert direct_record.facts == library_record.facts
    for version, fact in direct_record.facts.items():
        assert list(fact.values) == list(library_record.facts[version].values)
    assert direct_record.events == library_record.events
    assert direct_record.facts[7].values["mentee_nip"] == mirror["mentee_nip"]
    assert [f.version for f in direct_record.current_context().facts] == [
        f.version for f in library_record.current_context().facts
    ]
    direct_events, library_events = direct_record.collect_events(), library_record.collect_events()
    assert [list(vars(e).items()) for e in direct_events] == [list(vars(e).items()) for e in library_events]


def test_a_direct_commit_records_the_fact_as_checked_and_answers_a_replay_with_it() -> None:
    employee = Employee.appoint(
        f.nip(BIRTH, TMT, "M"), parse(f.appointment(BIRTH, TMT, "M"), "appointment"), f.recording(RECORDED)
    )[0]
    values = parse(f.rating(2015), "performance_rating")
    decision = employee.decide(BY_KIND["performance_rating"], values, f.recording(RECORDED))
    assert isinstance(decision, Decision)
    assert decision.fact is not None
    outcome = decision.commit()
    assert outcome == Outcome(employee.id, 2, "performance_rating", RECORDED, True)
    assert employee.facts[2] is decision.fact
    assert decision.fact.event is employee.pending_events[-1] is employee.events[2]
    again = employee.decide(BY_KIND["performance_rating"], values, f.recording(RECORDED))
    assert again == Outcome(employee.id, 2, "performance_rating", RECORDED, False)
