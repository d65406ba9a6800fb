"""The career an employee keeps current for checking new facts equals one built from scratch."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.employee import Career, Employee
from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.unit.test_employee_record import appoint, record


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
