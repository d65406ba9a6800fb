"""Values no real record can hold are refused with the field and the reason, nothing recorded.

Found by the acceptance pass of 2026-12-01: a correction or retraction dated in the future or
before the employee's birth, a unit rated for year 0 or -10^12 (which the views' INTEGER
column on PostgreSQL cannot hold: every rebuild then failed), and a training cost of 1e400
rupiah (read as infinity: the programmes report answered `Infinity`, which is not JSON, and
its page failed) were all recorded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careerlog.application import unit_subject
from careerlog.domain.employee import MAX_COST, Employee
from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import LedgerAggregate
from careerlog.domain.unit import EARLIEST_RATED_YEAR, Unit
from tests import factories as f

BIRTH = date(1986, 9, 26)
TMT = date(2010, 3, 1)
TODAY = f.NOW.date().isoformat()  # 2026-11-23, the recordings' date
TOO_EARLY = "{} is before {}: no unit of the civil service was rated then."
TOO_COSTLY = f"More than {MAX_COST:,} rupiah: record the cost of this training in rupiah."


def appointed_with_a_training() -> Employee:
    appointment = f._parse("appointment", f.appointment(BIRTH, TMT, "M"))
    employee, _ = Employee.appoint(f.nip(BIRTH, TMT, "M"), appointment, f.recording())
    employee.record(BY_KIND["training"], f._parse("training", f.training("2015-03-06")), f.recording())
    return employee


def rated_unit() -> Unit:
    unit = Unit.register("KOTA-MEDAN", "Bappeda", date(2024, 1, 10), f.recording())
    unit.record(BY_KIND["unit_rating"], f._parse("unit_rating", unit_rating(2023)), f.recording())
    return unit


def unit_rating(year: int, **overrides: Any) -> dict[str, Any]:
    return {"year": year, "predicate": "BAIK", "effective_date": "2024-01-10", "reference": f"SAKIP-{year}"} | overrides


def refused(aggregate: LedgerAggregate, kind: str, payload: dict[str, Any]) -> dict[str, list[str]]:
    """Record, expecting a refusal; check nothing changed and return the reasons."""
    version, pending = aggregate.version, len(aggregate.pending_events)
    with pytest.raises(InvalidInput) as e:
        aggregate.record(BY_KIND[kind], f._parse(kind, payload), f.recording())
    assert aggregate.version == version
    assert len(aggregate.pending_events) == pending
    return e.value.errors


@pytest.mark.parametrize("kind", ["correction", "retraction"])
def test_a_correction_or_retraction_dated_in_the_future_is_refused(kind: str) -> None:
    employee = appointed_with_a_training()
    payload = f.correction(2, "2030-01-01", hours=6) if kind == "correction" else f.retraction(2, "2030-01-01")
    assert refused(employee, kind, payload) == {"effective_date": ["2030-01-01 is in the future."]}


@pytest.mark.parametrize("kind", ["correction", "retraction"])
def test_a_correction_or_retraction_dated_before_birth_is_refused(kind: str) -> None:
    employee = appointed_with_a_training()
    payload = f.correction(2, "1900-01-01", hours=6) if kind == "correction" else f.retraction(2, "1900-01-01")
    assert refused(employee, kind, payload) == {"effective_date": ["1900-01-01 is before the birth date (1986-09-26)."]}


@pytest.mark.parametrize("kind", ["correction", "retraction"])
def test_a_correction_or_retraction_dated_today_is_recorded(kind: str) -> None:
    employee = appointed_with_a_training()
    payload = f.correction(2, TODAY, hours=6) if kind == "correction" else f.retraction(2, TODAY)
    assert employee.record(BY_KIND[kind], f._parse(kind, payload), f.recording()).version == 3


def test_a_unit_correction_dated_in_the_future_is_refused() -> None:
    unit = rated_unit()
    assert refused(unit, "correction", f.correction(2, "2030-01-01", predicate="SANGAT_BAIK")) == {
        "effective_date": ["2030-01-01 is in the future."]
    }


@pytest.mark.parametrize("year", [0, -1, -(10**12), EARLIEST_RATED_YEAR - 1])
def test_a_unit_rating_of_a_year_before_the_earliest_is_refused(year: int) -> None:
    unit = rated_unit()
    assert refused(unit, "unit_rating", unit_rating(year)) == {"year": [TOO_EARLY.format(year, EARLIEST_RATED_YEAR)]}


def test_a_unit_rating_corrected_to_a_year_before_the_earliest_is_refused() -> None:
    unit = rated_unit()
    errors = refused(unit, "correction", f.correction(2, "2024-02-01", year=-(10**12)))
    assert errors == {"corrected_fields.year": [TOO_EARLY.format(-(10**12), EARLIEST_RATED_YEAR)]}


def test_a_unit_rating_of_the_earliest_year_is_recorded() -> None:
    unit = rated_unit()
    payload = unit_rating(EARLIEST_RATED_YEAR)
    assert unit.record(BY_KIND["unit_rating"], f._parse("unit_rating", payload), f.recording()).version == 3


@pytest.mark.parametrize("cost", ["1e400", "1e308", str(MAX_COST + 1)])
def test_a_training_cost_above_the_largest_is_refused(cost: str) -> None:
    employee = appointed_with_a_training()
    errors = refused(employee, "training", f.training("2016-03-06", cost=cost))
    assert errors == {"cost": [TOO_COSTLY]}


def test_a_training_cost_corrected_above_the_largest_is_refused() -> None:
    employee = appointed_with_a_training()
    errors = refused(employee, "correction", f.correction(2, "2016-01-01", cost="1e400"))
    assert errors == {"corrected_fields.cost": [TOO_COSTLY]}


def test_a_training_cost_of_the_largest_is_recorded() -> None:
    employee = appointed_with_a_training()
    payload = f.training("2016-03-06", cost=str(MAX_COST))
    assert employee.record(BY_KIND["training"], f._parse("training", payload), f.recording()).version == 3


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("x" * 501, "Longer than 500 characters."),
        ("a\x00b", "May not contain a NUL character."),
        (" ", "May not be empty."),
    ],
)
def test_a_unit_name_no_text_field_could_hold_is_refused(name: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as e:
        unit_subject("KOTA-MEDAN", name)
    assert e.value.errors == {"unit": [reason]}


def appoint(nip: str, birth: str, tmt: str) -> Employee:
    born, appointed = date.fromisoformat(birth), date.fromisoformat(tmt)
    payload = f._parse("appointment", f.appointment(born, appointed, "M"))
    employee, _ = Employee.appoint(nip, payload, f.recording())
    return employee


@pytest.mark.parametrize(
    ("nip", "birth", "tmt"),
    [("000101012019011001", "0001-01-01", "2019-01-01"), ("194712312019011001", "1947-12-31", "2019-01-01")],
)
def test_an_appointment_past_the_highest_retirement_age_is_refused(nip: str, birth: str, tmt: str) -> None:
    with pytest.raises(InvalidInput) as e:
        appoint(nip, birth, tmt)
    assert e.value.errors == {"birth_date": ["The employee would be over 70 on appointment."]}


def test_an_appointment_at_70_is_recorded() -> None:
    assert appoint("194901012019011001", "1949-01-01", "2019-01-01").version == 1
