"""The career an employee keeps current for checking new facts equals one built from scratch."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.employee import Career, Employee
from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.unit.test_employee_record import appoint, record, refused


def shape(career: Career) -> tuple[object, ...]:
    return (
        [fact.version for fact in career.facts],
        {kind: [fact.version for fact in facts] for kind, facts in career.by_kind.items() if facts},
        career.appointment.version if career.appointment else None,
        career.separation.version if career.separation else None,
    )


def assert_current(employee: Employee) -> None:
    assert shape(employee.current_context()) == shape(Career(employee.id, employee.active_facts()))


def test_facts_recorded_out_of_date_order_keep_the_career_in_effective_date_order() -> None:
    employee = appoint()
    assert_current(employee)
    record(employee, "training", f.training("2016-05-10"))
    record(employee, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    record(employee, "training", f.training("2012-02-03"))
    assert_current(employee)
    assert [fact.kind for fact in employee.current_context().facts] == [
        "appointment",
        "training",
        "rank_promotion",
        "training",
    ]


def test_corrections_and_retractions_are_reflected_in_the_kept_career() -> None:
    employee = appoint()
    record(employee, "rank_promotion", f.promotion("III/b", "2014-04-01"))
    record(employee, "training", f.training("2015-06-01"))
    employee.current_context()
    record(employee, "correction", f.correction(2, "2016-01-01", effective_date="2016-04-01"))
    assert_current(employee)
    assert [fact.kind for fact in employee.current_context().facts][1:] == ["training", "rank_promotion"]
    record(employee, "retraction", f.retraction(3, "2016-02-01"))
    assert_current(employee)
    assert "training" not in {fact.kind for fact in employee.current_context().facts}


def test_a_separation_kept_in_the_career_refuses_later_facts() -> None:
    employee = appoint()
    employee.current_context()
    record(employee, "status_change", f.status("DECEASED", "2020-01-01"))
    assert_current(employee)
    separation = employee.current_context().separation
    assert separation is not None
    assert separation.effective_date == date(2020, 1, 1)
    with pytest.raises(InvalidInput):
        record(employee, "training", f.training("2021-03-01"))


def feedback(programme: str, day: str, reference: str) -> dict[str, object]:
    return {"programme_id": programme, "rating": 4, "relevance": 4, "effective_date": day, "reference": reference}


def by_programme(career: Career) -> dict[tuple[str, object], list[int]]:
    """Each (kind, programme) of trainings and feedback as `of_programme` gives it: the facts' versions."""
    names = {(f.kind, f.get("programme_id")) for f in career.facts if f.kind in ("training", "training_feedback")}
    return {(kind, p): [fact.version for fact in career.of_programme(kind, p)] for kind, p in sorted(names, key=str)}


def test_trainings_and_feedback_kept_by_programme_as_in_a_career_built_from_scratch() -> None:
    """The programmes are kept once asked for (a feedback's check) and follow facts recorded out of order."""
    employee = appoint()
    record(employee, "training", f.training("2016-05-10", programme_id="P-1"))  # version 2
    record(employee, "training_feedback", feedback("P-1", "2016-05-20", "FB-1"))  # 3: the programmes made
    record(employee, "training", f.training("2012-02-03", programme_id="P-2"))  # 4, before the others
    record(employee, "training", f.training("2014-02-03", programme_id="P-1"))  # 5, between them
    record(employee, "training", f.training("2015-02-03"))  # 6, no programme
    assert employee.current_context().programmes is not None
    assert by_programme(employee.current_context()) == by_programme(Career(employee.id, employee.active_facts()))
    assert employee.current_context().of_programme("training", "P-1") == [employee.facts[5], employee.facts[2]]
    errors = refused(employee, "training_feedback", feedback("P-1", "2016-06-01", "FB-2"))
    assert errors == {
        "programme_id": ["Feedback on 'P-1' is already recorded (version 3); correct it instead."],
    }
    errors = refused(employee, "training_feedback", feedback("P-2", "2012-01-01", "FB-3"))
    assert errors == {"effective_date": ["Is before the training in that programme ended."]}
    record(employee, "training_feedback", feedback("P-2", "2012-03-01", "FB-4"))  # 7, out of order
    assert_current(employee)
    assert by_programme(employee.current_context()) == by_programme(Career(employee.id, employee.active_facts()))


def test_a_session_counts_only_the_mentoring_starts_and_ends_of_its_mentor_in_date_order() -> None:
    """Sessions recorded out of date order: open from the start, still open on the day it ends, closed after."""
    employee = appoint()
    mentor = f.nip(date(1975, 2, 3), date(2000, 3, 1), "M", sequence=11)

    def mentoring(kind: str, day: str, reference: str) -> dict[str, object]:
        return {"mentor_nip": mentor, "effective_date": day, "reference": reference} | (
            {"focus": "Kepemimpinan"} if kind == "mentoring_start" else {}
        )

    def session(day: str, reference: str) -> dict[str, object]:
        return {"mentor_nip": mentor, "topic": "Arsip", "minutes": 60, "effective_date": day, "reference": reference}

    record(employee, "mentoring_start", mentoring("mentoring_start", "2019-01-02", "M-0"))
    record(employee, "training", f.training("2021-01-03"))  # another kind, after every mentoring
    record(employee, "mentoring_end", mentoring("mentoring_end", "2019-02-28", "M-1"))
    record(employee, "mentoring_start", mentoring("mentoring_start", "2020-03-02", "M-2"))
    record(employee, "mentoring_end", mentoring("mentoring_end", "2020-06-30", "M-3"))
    record(employee, "mentoring_session", session("2020-06-30", "S-1"))  # the day it ends: still open
    record(employee, "mentoring_session", session("2019-02-01", "S-2"))
    for day in ("2019-03-01", "2020-03-01", "2020-07-01", "2018-12-31"):
        errors = refused(employee, "mentoring_session", session(day, f"S-{day}"))
        assert errors == {"mentor_nip": [f"No mentoring with {mentor} is open on {day}."]}
    errors = refused(employee, "mentoring_start", mentoring("mentoring_start", "2020-04-01", "M-4"))
    assert errors == {
        "effective_date": [  # (naming the mentor and the start it is open since, which until 2026-12-05 it did not)
            f"The mentoring with {mentor} started while already open (this record, 2020-04-01): it is open since "
            "2020-03-02 (version 5)."
        ],
    }
