"""A penalty's length (its kind's months, d5adb64) is judged when it is recorded or its dates or kind are corrected,
not in a penalty recorded before the check nor in a migration's, which keeps what its log holds.

Before, every correction or retraction re-checked the record's penalties by it: a record holding a POTONG_TUKIN_6
of 2021-01-01 ending 2031-01-01 (as the demo's, recorded before that release) refused a retraction of an unrelated
training ("This change would make version 2 (penalty) inconsistent: end_date: ..."), and a migration import of a log
(`careerlog export` of a store holding it: the documented backup) refused the penalty's row, so the backup could not
be restored whole.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from careerlog.domain.employee import Employee
from careerlog.domain.events import BY_KIND
from tests import factories as f
from tests.unit.test_employee_record import appoint, parse, record, refused

TOO_LONG = {
    "level": "MEDIUM",
    "penalty_kind": "POTONG_TUKIN_6",
    "effective_date": "2021-01-01",
    "end_date": "2031-01-01",
    "reference": "HD-1",
}
MIGRATION = replace(f.recording(), migrated=True, reproduced=True)


def holding_a_penalty_recorded_before_the_check() -> Employee:
    """An employee whose log, imported by a migration, holds the too-long penalty (version 2) and a training (3)."""
    employee = appoint()
    assert employee.record(BY_KIND["penalty"], parse(TOO_LONG, "penalty"), MIGRATION).created
    assert record(employee, "training", f.training("2022-01-05", start="2022-01-01", reference="T-1")).created
    return employee


def test_a_migration_keeps_a_penalty_its_log_holds_past_its_kinds_months() -> None:
    employee = holding_a_penalty_recorded_before_the_check()
    assert employee.fact(2).values["end_date"].isoformat() == "2031-01-01"


def test_another_fact_of_the_record_is_still_corrected_and_retracted() -> None:
    employee = holding_a_penalty_recorded_before_the_check()
    assert record(employee, "correction", f.correction(3, "2022-02-01", hours=10)).created
    assert record(employee, "retraction", f.retraction(3, "2022-02-02")).created


def test_the_penalty_sent_again_is_already_recorded() -> None:
    employee = holding_a_penalty_recorded_before_the_check()
    outcome = record(employee, "penalty", TOO_LONG)
    assert (outcome.version, outcome.created) == (2, False)


def correction(**fields: Any) -> dict[str, Any]:
    return f.correction(2, "2022-02-01", **fields)


def test_the_penalty_is_judged_anew_when_its_dates_or_kind_are_corrected() -> None:
    employee = holding_a_penalty_recorded_before_the_check()
    assert record(employee, "correction", correction(reference="HD-1a")).created  # (not its length)
    assert "corrected_fields.end_date" in refused(employee, "correction", correction(end_date="2030-01-01"))
    assert "corrected_fields.end_date" in refused(employee, "correction", correction(effective_date="2021-02-01"))
    assert record(employee, "correction", correction(end_date="2021-06-30")).created
