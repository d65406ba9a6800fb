"""A CPNS becomes PNS only with the basic training (reference section 4: Latsar "is a condition of becoming PNS at the
end of the probation year", S; rule confirmation.latsar): a confirmation as PNS recorded with no Latsar (or the
Diklat Prajabatan before it, recorded under the same kind) of the record ended on or before its date is refused
beside latsar_certificate, saying what to record first; so is a correction moving a confirmation's date before every
Latsar. A confirmation stored without one stays as recorded and correctable, a migration keeps its log's, and a
confirmation of a day no version of the rule is in force on (before PP 11/2017, 30 March 2017) is not judged. Until
2026-12-05 a confirmation with no Latsar recorded was saved with no warning."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from careerlog.domain.employee import Career, Employee, latsar_missing_refusal
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import Recording
from careerlog.reference import ConfigurationError, Rules, checked_params, rules
from tests import factories as f
from tests.unit.test_employee_record import parse, record, refused

MISSING = (
    "No basic training (Latsar, or Diklat Prajabatan before it) ended on or before 2020-03-01 is recorded for this "
    "employee, and a CPNS becomes PNS only with it (rule confirmation.latsar). Record the training first (as a "
    "training of kind Latsar, with its certificate and end date), then the confirmation."
)


BIRTH, TMT = date(1994, 9, 26), date(2019, 3, 1)


def appoint() -> Employee:
    """A CPNS appointed on 2019-03-01, under PP 11/2017 (the rule's version in force since 2017-03-30)."""
    employee, _ = Employee.appoint(
        f.nip(BIRTH, TMT, "M"), parse(f.appointment(BIRTH, TMT, "M"), "appointment"), f.recording()
    )
    return employee


def latsar(end: str, **overrides: Any) -> dict[str, Any]:
    return f.training(end, hours=80, start="2019-09-01", training_kind="LATSAR", **overrides)


def correction(version: int, **fields: Any) -> dict[str, Any]:
    return {
        "target_version": version,
        "corrected_fields": fields,
        "reason": "Salah catat",
        "effective_date": "2026-01-05",
        "reference": "K-1",
    }


def migrated() -> Recording:
    return Recording(f.NOW, "test", True, None, reproduced=True)


def test_a_confirmation_with_no_latsar_recorded_is_refused_beside_its_certificate() -> None:
    employee = appoint()  # a CPNS appointed on 2010-03-01
    assert refused(employee, "confirmation", f.confirmation("2020-03-01")) == {"latsar_certificate": [MISSING]}
    record(employee, "training", f.training("2019-10-30"))  # another kind of training meets nothing
    assert refused(employee, "confirmation", f.confirmation("2020-03-01")) == {"latsar_certificate": [MISSING]}
    record(employee, "training", latsar("2020-03-02"))  # ended after the confirmation's day
    assert refused(employee, "confirmation", f.confirmation("2020-03-01")) == {"latsar_certificate": [MISSING]}


def test_a_confirmation_with_a_latsar_ended_by_its_date_is_recorded() -> None:
    employee = appoint()
    record(employee, "training", latsar("2020-03-01", title="Pelatihan Dasar CPNS Golongan III"))  # version 2
    assert record(employee, "confirmation", f.confirmation("2020-03-01")).version == 3


def test_a_confirmation_corrected_before_its_latsar_ended_is_refused_beside_the_corrected_date() -> None:
    employee = appoint()
    record(employee, "training", latsar("2020-03-10"))  # version 2
    record(employee, "confirmation", f.confirmation("2020-04-01"))  # version 3
    moved = MISSING.replace("2020-03-01", "2020-03-05")
    assert refused(employee, "correction", correction(3, effective_date="2020-03-05")) == {
        "corrected_fields.effective_date": [moved]
    }
    record(employee, "correction", correction(3, effective_date="2020-03-10"))


def test_a_stored_confirmation_without_latsar_stays_and_a_migration_keeps_its_logs() -> None:
    employee = appoint()
    employee.record(BY_KIND["confirmation"], parse(f.confirmation("2020-03-01"), "confirmation"), migrated())
    assert employee.facts[2].effective_date == date(2020, 3, 1)
    record(employee, "correction", correction(2, effective_date="2020-04-01"))  # still correctable
    retraction = {"target_version": 2, "reason": "Salah catat", "effective_date": "2026-01-05", "reference": "R-1"}
    record(employee, "retraction", retraction)  # and retractable
    assert not employee.facts[2].active


def test_a_confirmation_before_the_rule_is_not_judged_and_the_kinds_are_the_rules() -> None:
    book = rules()
    employee = appoint()
    career = Career(employee.id, [])
    assert latsar_missing_refusal(career, date(2017, 3, 29), book) is None  # before PP 11/2017: no version
    assert latsar_missing_refusal(career, date(2017, 3, 30), book) is not None
    off = Rules([r for r in book.all if r.id != "confirmation.latsar"])
    assert latsar_missing_refusal(career, date(2020, 1, 1), off) is None  # a rules file without the rule
    widened = Rules(
        [dataclasses.replace(r, params={"kinds": ["TEKNIS"]}) if r.id == "confirmation.latsar" else r for r in book.all]
    )
    record(employee, "training", f.training("2019-10-30"))
    training = employee.current_context()
    assert latsar_missing_refusal(training, date(2020, 3, 1), widened) is None
    assert latsar_missing_refusal(training, date(2020, 3, 1), book) is not None
    with pytest.raises(ConfigurationError, match=r"params.kinds must be a non-empty list of training kinds"):
        checked_params("confirmation.latsar", {"kinds": []}, "rule confirmation.latsar")
