"""A work unit, whose own performance rating bounds the spread of its staff's ratings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careerlog.domain.errors import FieldErrors, InvalidInput
from careerlog.domain.events import LedgerEvent, UnitRegistered
from careerlog.domain.ledger import (
    IN_FUTURE,
    RATED,
    YEAR_AFTER_RATING,
    Decision,
    Fact,
    LedgerAggregate,
    Outcome,
    Recording,
    caseless,
)
from careerlog.domain.payload import parse_payload
from careerlog.domain.ratings import BEFORE_YEAR_END, earliest_date
from careerlog.domain.wording import Refusal
from careerlog.reference import rules

# No unit of Indonesia's civil service was rated before the Republic: an earlier year is a mistake, and
# the views keep the year in an INTEGER column (PostgreSQL's holds no year such as -10^12).
EARLIEST_RATED_YEAR = 1945
BEFORE_RATINGS = Refusal("{year} is before {earliest}: no unit of the civil service was rated then.")
KEEP_REGISTRATION = Refusal("A unit's registration cannot be retracted.").reason()


def unit_id(agency: str, unit: str) -> str:
    """The aggregate id of a unit: its agency code and its name."""
    return f"UNIT:{agency}:{unit}"


def unit_key(name: str) -> str:
    """A unit's name as names are compared (never stored so): without its letter case, surrounding spaces or runs of
    spaces within, so that `Dinas Kesehatan`, `dinas kesehatan` and ` Dinas  Kesehatan ` name one unit, and whatever
    its Unicode normalization form (`Bagian Umum Café` with é, or e and a combining accent), as `reference_key`."""
    return caseless(" ".join(name.split()))


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


def rated_before_year_end(values: Mapping[str, Any]) -> str | None:
    """BEFORE_YEAR_END of a unit's rating (its values) dated before the earliest day a rating of its year may carry
    (rule skp.rated_after_year_end, as an employee's rating: by default the year's last day), or None. A year's
    rating of the unit, like its staff's, is given once the year has ended."""
    year, on = values.get("year"), values.get("effective_date")
    if type(year) is not int or not isinstance(on, date):
        return None
    earliest = earliest_date(year, rules())
    if earliest is None or on >= earliest:
        return None
    return BEFORE_YEAR_END.reason(year=str(year), earliest=earliest.isoformat(), date=on.isoformat())


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

    def decide(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
    ) -> Decision | Outcome:
        """The ledger's decision, and a rating dated before its year has ended refused (`date_judged`): judged when a
        rating is recorded, or its year or date corrected, never of the ratings stored (one stored from before
        2026-12-05 refuses no correction of another), nor of a migration, which keeps what its log holds. A
        recording made already is answered as before."""
        refused = None if recording.reproduced else self.date_judged(event_cls, values)
        if refused is None:
            return LedgerAggregate.decide(self, event_cls, values, recording)
        field, reason = refused
        try:
            decided = LedgerAggregate.decide(self, event_cls, values, recording)
        except InvalidInput as e:  # (a new rating's named with its other problems; a correction's after them)
            if event_cls.KIND == "correction":
                raise
            errors = dict(e.errors)
            errors[field] = [*errors.get(field, []), reason]
            raise InvalidInput(errors) from None
        if isinstance(decided, Outcome):
            return decided
        raise InvalidInput(reason, field)

    def date_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> tuple[str, str] | None:
        """(field, refusal) of a rating dated before its year has ended (`rated_before_year_end`): recorded, or
        corrected in its year or date (beside `corrected_fields.effective_date`, as an employee's rating is)."""
        if event_cls.KIND == "unit_rating":
            found = rated_before_year_end(values)
            return None if found is None else ("effective_date", found)
        if event_cls.KIND != "correction":
            return None
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        raw = values.get("corrected_fields")
        if target is None or target.kind != "unit_rating" or not isinstance(raw, Mapping):
            return None
        if not {"year", "effective_date"} & raw.keys():
            return None
        try:
            changes = parse_payload(target.event_class, raw, partial=True)
        except InvalidInput:
            return None  # (refused by the ledger, naming the field)
        found = rated_before_year_end({**target.values, **changes})
        return None if found is None else ("corrected_fields.effective_date", found)

    def check_fact(self, context: Any, fact: Fact, errors: FieldErrors, *, new: bool) -> None:
        if new and fact.effective_date > fact.recorded_on:
            errors.add("effective_date", IN_FUTURE.reason(day=fact.effective_date.isoformat()))
        super().check_fact(context, fact, errors, new=new)

    def check_retractable(self, target: Fact) -> None:
        if target.kind == "unit_registration":
            raise InvalidInput(KEEP_REGISTRATION, "target_version")
