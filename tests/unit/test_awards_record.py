"""Awards in the ledger: what the employee aggregate accepts and refuses, and how the fact reads back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.domain.employee import Employee
from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import AwardGranted
from careerlog.domain.payload import parse_payload
from projections.timeline import timeline_items
from tests import factories as f
from tests.unit.test_employee_record import appoint, record, refused


def test_a_long_service_decoration_is_recorded_with_its_decree() -> None:
    employee = appoint()
    outcome = record(employee, "award", f.award("SLKS_10", "2020-08-17", "2020-08-10", reference="KEPPRES-60/2020"))
    event = employee.pending_events[-1]
    assert outcome.version == 2
    assert isinstance(event, AwardGranted)
    assert (event.award_kind, event.decree_date, event.reference) == ("SLKS_10", date(2020, 8, 10), "KEPPRES-60/2020")


def test_an_alias_of_the_award_kind_is_stored_as_its_code() -> None:
    values = parse_payload(AwardGranted, f.award("satyalancana_karya_satya_20", "2020-08-17"))
    assert values["award_kind"] == "SLKS_20"


def test_an_unknown_award_kind_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(AwardGranted, f.award("BINTANG_JASA", "2020-08-17"))
    assert "award_kind" in e.value.errors
    assert "award_kinds" in e.value.errors["award_kind"][0]


def test_an_award_before_the_appointment_is_refused() -> None:
    employee = appoint()  # TMT 2010-03-01
    errors = refused(employee, "award", f.award("PEGAWAI_TELADAN", "2009-12-01"))
    assert "before the appointment" in errors["effective_date"][0]
    assert "before the appointment" in errors["decree_date"][0]


def test_a_decree_dated_after_the_award_is_refused() -> None:
    errors = refused(appoint(), "award", f.award("SLKS_10", "2020-08-17", "2020-09-01"))
    assert errors == {"decree_date": ["2020-09-01 is after the award's TMT 2020-08-17."]}


def test_the_same_long_service_decoration_is_conferred_once() -> None:
    employee = appoint()
    record(employee, "award", f.award("SLKS_10", "2020-08-17"))
    errors = refused(employee, "award", f.award("SLKS_10", "2021-08-17"))
    assert errors == {"award_kind": ["SLKS_10 was already conferred on 2020-08-17 (version 2)."]}


def test_achievement_awards_may_be_given_more_than_once() -> None:
    employee = appoint()
    record(employee, "award", f.award("PEGAWAI_TELADAN", "2020-08-17"))
    assert record(employee, "award", f.award("PEGAWAI_TELADAN", "2021-08-17")).version == 3


def test_a_long_service_decoration_given_too_early_is_recorded_for_the_audit() -> None:
    employee = appoint()  # 10 years of service only in 2020
    assert record(employee, "award", f.award("SLKS_20", "2015-08-17")).version == 2


def test_a_correction_that_puts_the_decree_after_the_award_is_refused() -> None:
    employee = appoint()
    record(employee, "award", f.award("SLKS_10", "2020-08-17"))
    errors = refused(employee, "correction", f.correction(2, "2020-09-01", decree_date="2020-09-30"))
    assert "decree_date" in str(errors)


def test_a_retracted_decoration_may_be_recorded_again() -> None:
    employee = appoint()
    record(employee, "award", f.award("SLKS_10", "2020-08-17"))
    record(employee, "retraction", f.retraction(2, "2020-09-01"))
    assert record(employee, "award", f.award("SLKS_10", "2020-08-17")).version == 4


def test_an_award_appears_in_the_timeline_with_its_values() -> None:
    builder = f.CareerBuilder()
    builder.add("award", f.award("SLKS_10", "2020-08-17", "2020-08-10", reference="KEPPRES-60/2020"))
    items = timeline_items(builder.record())
    award: dict[str, Any] = items[-1]
    assert (award["kind"], award["effective_date"], award["reference"]) == ("award", "2020-08-17", "KEPPRES-60/2020")
    assert award["values"] == {
        "award_kind": "SLKS_10",
        "awarding_body": "Presiden Republik Indonesia",
        "decree_date": "2020-08-10",
        "effective_date": "2020-08-17",
        "reference": "KEPPRES-60/2020",
    }


def test_careerlog_kinds_lists_the_award_with_its_fields() -> None:
    output = CliRunner().invoke(main, ["kinds"]).output
    assert "award: An award or decoration conferred" in output
    assert "award_kind (string, required, codes: careerlog reference award_kinds)" in output
    assert "decree_date (date, required)" in output
    codes = CliRunner().invoke(main, ["reference", "award_kinds"]).output
    assert "SLKS_30\tSatyalancana Karya Satya XXX Tahun" in codes


def test_the_employee_aggregate_registers_the_award_check() -> None:
    assert "award" in Employee.CHECKS
