"""A work unit, whose own performance rating bounds the spread of its staff's ratings."""

from __future__ import annotations

from datetime import date
from typing import Any

from careerlog.domain.errors import FieldErrors, InvalidInput
from careerlog.domain.events import UnitRegistered
from careerlog.domain.ledger import IN_FUTURE, RATED, YEAR_AFTER_RATING, Fact, LedgerAggregate, Recording
from careerlog.domain.wording import Refusal

# No unit of Indonesia's civil service was rated before the Republic: an earlier year is a mistake, and
# the views keep the year in an INTEGER column (PostgreSQL's holds no year such as -10^12).
EARLIEST_RATED_YEAR = 1945
BEFORE_RATINGS = Refusal("{year} is before {earliest}: no unit of the civil service was rated then.")
KEEP_REGISTRATION = Refusal("A unit's registration cannot be retracted.").reason()


def unit_id(agency: str, unit: str) -> str:
    """The aggregate id of a unit: its agency code and its name."""
    return f"UNIT:{agency}:{unit}"


def unit_of(subject: str) -> tuple[str, str]:
    """The agency code and unit name of a unit's subject (`unit_id`'s inverse): the name is the rest after the agency,
    whatever it holds (`UNIT:KOTA-MEDAN:Bagian: Umum/TU` is Bagian: Umum/TU of KOTA-MEDAN; no agency code holds a
    ':'). A part missing from a key typed short (`UNIT:KOTA-MEDAN`) reads as empty, which `unit_subject` refuses
    naming its field."""
    _, agency, unit = [*subject.split(":", 2), "", ""][:3]
    return agency, unit


def check_unit_rating(facts: list[Fact], fact: Fact, errors: FieldErrors) -> None:
    year = fact.values["year"]
    if year > fact.effective_date.year:
        errors.add("year", YEAR_AFTER_RATING.reason(year=year, day=fact.effective_date.isoformat()))
    elif year < EARLIEST_RATED_YEAR:
        errors.add("year", BEFORE_RATINGS.reason(year=year, earliest=EARLIEST_RATED_YEAR))
    for other in facts:
        if other.kind == "unit_rating" and other.version != fact.version and other.get("year") == year:
            errors.add("year", RATED.reason(year=year, version=other.version))


class Unit(LedgerAggregate):
    """A unit of an agency and its yearly organisational ratings."""

    CHECKS = {"unit_rating": check_unit_rating}
    # a rating's year after its date is refused beside `year`, a correction of its date alone beside `effective_date`
    JUDGED_AGAINST = {("unit_rating", "year"): "effective_date"}

    @classmethod
    def register(cls, agency: str, unit: str, effective_date: date, recording: Recording) -> Unit:
        """A unit's record, opened by its first rating (dated as that rating)."""
        return cls._create(
            UnitRegistered,
            id=unit_id(agency, unit),
            agency=agency,
            unit=unit,
            effective_date=effective_date,
            reference=unit_id(agency, unit),
            # derived from the rating: the rating's client key is the rating's alone (given to the registration
            # too, it made a first rating sent with an Idempotency-Key a conflict with its own registration)
            **{**recording.event_kwargs(), "client_key": None},
        )

    def check_fact(self, context: Any, fact: Fact, errors: FieldErrors, *, new: bool) -> None:
        if new and fact.effective_date > fact.recorded_on:
            errors.add("effective_date", IN_FUTURE.reason(day=fact.effective_date.isoformat()))
        super().check_fact(context, fact, errors, new=new)

    def check_retractable(self, target: Fact) -> None:
        if target.kind == "unit_registration":
            raise InvalidInput(KEEP_REGISTRATION, "target_version")
