"""A CPNS is confirmed as PNS at the end of the probation year (reference section 4, S; rule confirmation.probation):
a confirmation dated before it is refused beside its date, naming the appointment's TMT and the first day it may
carry; so is a correction moving it before that day, or one of the appointment's TMT leaving a standing
confirmation before it. A confirmation on the day the probation ends is recorded; a migration keeps its log's; a
rules file giving the rule other years, or none in force on the TMT, is read so."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from careerlog.domain.ledger import Recording
from careerlog.probation import probation_end
from careerlog.reference import ConfigurationError, Rule, Rules, checked_params, rules
from projections.career import confirmation_due
from tests import factories as f
from tests.unit.test_employee_record import appoint, record, refused

EARLY = (
    "2010-09-01 is before the end of the probation year: appointed as CPNS on 2010-03-01, the employee is confirmed "
    "as PNS on 2011-03-01 at the earliest (rule confirmation.probation). Check the confirmation's date, or the "
    "appointment's TMT."
)


def correction(version: int, **fields: Any) -> dict[str, Any]:
    return {
        "target_version": version,
        "corrected_fields": fields,
        "reason": "Salah catat",
        "effective_date": "2026-01-05",
        "reference": "K-1",
    }


def test_a_confirmation_before_the_probation_year_ends_is_refused_beside_its_date() -> None:
    employee = appoint()  # a CPNS appointed on 2010-03-01
    assert refused(employee, "confirmation", f.confirmation("2010-09-01")) == {"effective_date": [EARLY]}
    assert record(employee, "confirmation", f.confirmation("2011-03-01")).version == 2  # the day it ends


def test_a_confirmation_corrected_before_the_probation_ends_is_refused_beside_the_corrected_date() -> None:
    employee = appoint()
    record(employee, "confirmation", f.confirmation("2011-03-01"))  # version 2
    found = refused(employee, "correction", correction(2, effective_date="2010-09-01"))
    assert found == {"corrected_fields.effective_date": [EARLY]}
    record(employee, "correction", correction(2, effective_date="2011-04-01"))


def test_an_appointment_tmt_corrected_past_a_standing_confirmation_is_refused() -> None:
    employee = appoint()
    record(employee, "confirmation", f.confirmation("2011-03-15"))  # version 2
    found = refused(employee, "correction", correction(1, effective_date="2010-03-20"))
    assert found == {
        "corrected_fields.effective_date": [
            "2011-03-15 is before the end of the probation year: appointed as CPNS on 2010-03-20, the employee is "
            "confirmed as PNS on 2011-03-20 at the earliest (rule confirmation.probation). Check the confirmation's "
            "date, or the appointment's TMT."
        ]
    }
    record(employee, "correction", correction(1, effective_date="2010-03-10"))  # the confirmation still after it


def test_a_migration_keeps_an_early_confirmation_of_its_log() -> None:
    employee = appoint()
    recording = Recording(f.NOW, "test", False, None, reproduced=True)
    employee.record(*_parsed("confirmation", f.confirmation("2010-09-01")), recording)
    assert employee.facts[2].effective_date == date(2010, 9, 1)


def _parsed(kind: str, payload: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    from careerlog.domain.events import BY_KIND
    from tests.unit.test_employee_record import parse

    return BY_KIND[kind], parse(payload, kind)


def test_the_probation_years_are_the_rules_and_none_in_force_leaves_the_day_unjudged() -> None:
    book = rules()
    assert probation_end(book, date(2010, 3, 1)) == date(2011, 3, 1)
    assert confirmation_due(date(2020, 2, 29), book) == date(2021, 2, 28)
    longer = Rules([_with_years(r, 2) if r.id == "confirmation.probation" else r for r in book.all])
    assert probation_end(longer, date(2018, 1, 2)) == date(2020, 1, 2)
    assert confirmation_due(date(1998, 1, 2), book) == date(1999, 1, 2)  # before 2000: no version, one year shown
    with pytest.raises(ConfigurationError, match=r"params.years must be a whole number from 0 to 5"):
        checked_params("confirmation.probation", {"years": -1}, "rule confirmation.probation")


def _with_years(rule: Rule, years: int) -> Rule:
    return dataclasses.replace(rule, params={**rule.params, "years": years})
