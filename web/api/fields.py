"""Fields for data the views already hold as plain JSON (ISO dates, decimal strings)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import ValidationError, fields

from careerlog.domain.ledger import latest_today
from careerlog.domain.payload import (
    BOOLEAN_NOT_INTEGER,
    TEXT_NOT_INTEGER,
    WRITTEN_OUT_DIGITS,
    WrittenWithExponent,
    ascii_number,
    unknown_code,
    with_exponent,
)
from careerlog.domain.wording import Refusal
from careerlog.textfiles import changes_marked

# A day as the API and the pages document it, YYYY-MM-DD in ASCII digits (projections.reading.ISO_DAY, which the
# command line's audits read too): date.fromisoformat (and marshmallow's Date, which calls it) also reads ISO 8601's
# basic and week forms, 20200101 and 2020-W01-1 (2019-12-30), which no page or document offers and which a reader
# would not take for the day it means.
from projections.fields import Flag as Flag
from projections.fields import PlainDate as PlainDate
from projections.fields import PlainDateTime as PlainDateTime
from projections.reading import ISO_DAY as ISO_DAY
from projections.reading import plain_day as plain_day
from projections.training import FIRST_YEAR, YEAR_BETWEEN

# What the OpenAPI document says of a text refused empty or only spaces: a character other than a space
NOT_BLANK = {"minLength": 1, "pattern": r"\S"}
OUT_OF_RANGE = Refusal("Out of range: the moment in UTC would be before year 1 or after 9999.").reason()
# A moment's refusal (UtcDateTime): the forms it takes, and the zone of one written without an offset (docs/api.md);
# a Refusal, so the API says it in the client's language (web.languages: marshmallow hands it on as a plain text, which
# the catalogue's entry of it translates; until 2026-12-08 in English whatever was asked)
DATE_TIME_FORMAT = Refusal(
    "Must be a date and time YYYY-MM-DDTHH:MM[:SS] with an offset (Z, +07:00 for WIB), or a date YYYY-MM-DD; "
    "one without an offset is read as UTC."
).reason()
# An identity number as the API takes it, for the OpenAPI document: 18 digits, the spaces, dots and dashes people type
# between them aside (careerlog.domain.nip.normalise_nip)
NIP_PATTERN = r"^[\s.\-]*(?:[0-9][\s.\-]*){18}$"
# ... and a recording's, which may follow its label as a decree prints it ("NIP. 1998...", "NI PPPK: ..."; JSON
# Schema's patterns have no flag for letter case: careerlog.domain.nip.NUMBER_LABEL)
NIP_LABELLED_PATTERN = r"^\s*(?:(?:[Nn][Ii][Pp]|[Nn][Ii]\s*[Pp][Pp][Pp][Kk])\s*[.:]?)?[\s.\-]*(?:[0-9][\s.\-]*){18}$"


class UtcDateTime(fields.AwareDateTime):
    """A moment with its offset (UTC when it has none) that is also a moment in UTC: 9999-12-31T23:59-12:00 is not.
    Its day is written YYYY-MM-DD, as PlainDate's (then a time after T or a space, or nothing): not in ISO 8601's
    basic or week form (20230101, 2023-W01-1), which Python reads and RFC 3339's date-time, the document's, does not."""

    # the forms it takes and how one without an offset is read, as PlainDate's refusal names its form (until
    # 2026-12-06 marshmallow's "Not a valid datetime.", `known_at=2019-13-01` told neither)
    default_error_messages = {"invalid": DATE_TIME_FORMAT}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        if isinstance(value, str) and not (ISO_DAY.fullmatch(value[:10]) and value[10:11] in ("", "T", "t", " ")):
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError(OUT_OF_RANGE) from None


class DayEndDateTime(UtcDateTime):
    """The end of a period (the access log's `until`, not included): a moment, or a day alone (YYYY-MM-DD), which
    covers that whole day, read as the next day's midnight (UTC), as an audit's `to` covers its day. Read as the
    day's own midnight, `until=2026-12-05` left out the reads of 5 December, and `since=2026-12-05&until=2026-12-05`
    answered an empty page, as if nobody had read anything that day. The last day, 9999-12-31, reaches the last
    moment there is."""

    # (how far past the day's own midnight a day alone is read: DayKnownDateTime reads its last moment)
    past_midnight = timedelta(days=1)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        if not day_alone(value):
            return moment
        try:
            return moment + self.past_midnight
        except OverflowError:
            return datetime.max.replace(tzinfo=UTC)


class DayKnownDateTime(DayEndDateTime):
    """A moment of knowledge (a timeline's `known_at`, what had been recorded by then, that moment included): a
    moment, or a day alone (YYYY-MM-DD), which covers that whole day, read as its last moment (23:59:59.999999 UTC),
    as the access log's `until` covers its day. Read as the day's own midnight, `known_at=2026-10-18` left out what was
    recorded on 18 October (a fact recorded at 04:22 UTC that day: a tester, 2026-12-08)."""

    past_midnight = timedelta(days=1, microseconds=-1)


def day_alone(value: Any) -> bool:
    """Whether a period's bound was written as a day alone (YYYY-MM-DD), not a moment."""
    return isinstance(value, str) and ISO_DAY.fullmatch(value) is not None


class AsciiDigits:
    """A number field that refuses a text written otherwise than `ascii_number` with its own "invalid" message
    ("Not a valid integer.", "Not a valid number."), as it refuses any text that is no number: the field is named.
    A text written with an exponent ("1e3", as a spreadsheet shows a long number, rounded) is refused as such
    (payload.EXPONENT), after the field's own bounds (its validators): one beyond them is refused with theirs. A JSON
    number is read as before, whatever its form (the JSON parser has read it)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and with_exponent(value) and not getattr(self, "strict", False):
            return self.with_exponent(WrittenWithExponent(value))
        return super()._deserialize(value, attr, data, **kwargs)  # type: ignore[misc]

    def with_exponent(self, cell: WrittenWithExponent) -> Any:
        """A text written with an exponent: refused after the field's bounds, judged on the number it reads as."""
        try:
            number = self.num_type(cell.written_out())  # type: ignore[attr-defined]
        except (ValueError, InvalidOperation, OverflowError):
            number = None  # (no number of the field's type: "1.5e0" for a whole number)
        if number is not None and abs(Decimal(cell.written_out()).adjusted()) <= WRITTEN_OUT_DIGITS:
            self._validate(number)  # type: ignore[attr-defined]
        raise ValidationError(cell.refusal())

    def _validated(self, value: Any) -> Any:
        if isinstance(value, str) and not ascii_number(value.strip()):  # (spaces around it, a no-break one too, let be)
            raise self.make_error("invalid", input=value)  # type: ignore[attr-defined]
        return super()._validated(value)  # type: ignore[misc]


class WholeNumber(AsciiDigits, fields.Integer):
    """An integer: a JSON number, or a text of digits 0-9 (a query parameter, a path). An event's (strict: a JSON
    number alone) refuses a text and a boolean for what each is (TEXT_NOT_INTEGER, BOOLEAN_NOT_INTEGER), a fraction
    with its "invalid" message (a training's JP: HOURS_NOT_WHOLE)."""

    def _validated(self, value: Any) -> Any:
        if self.strict and isinstance(value, bool):
            raise ValidationError(BOOLEAN_NOT_INTEGER)
        if self.strict and isinstance(value, str):
            raise ValidationError(TEXT_NOT_INTEGER)
        return super()._validated(value)


class FlatList(fields.List[Any]):
    """A repeatable query parameter whose values' refusals are one list of reasons for the parameter, each once, as
    every filter's (web.api.schemas.EachOneOf), not keyed by position (`{"year": {"0": [...]}}`, until 2026-12-05)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except ValidationError as error:
            if not isinstance(error.messages, dict):
                raise
            said = (m for reasons in error.messages.values() for m in (reasons if isinstance(reasons, list) else []))
            raise ValidationError(list(dict.fromkeys(said))) from error


class PlainNumber(AsciiDigits, fields.Float):
    """A number: a JSON number, or a text of digits 0-9 with a point (a query parameter)."""


class PlainDecimal(AsciiDigits, fields.Decimal):
    """A decimal amount: a JSON number or string (digits 0-9) on input, a string on output. A string written with an
    exponent is handed on to the ledger as WrittenWithExponent, which judges the amount against its field's bounds
    first (a cost of "1e400": its bound's refusal) and refuses it (careerlog.application.CareerLog.execute)."""

    def __init__(self, **kwargs: Any):
        super().__init__(as_string=True, **kwargs)

    def with_exponent(self, cell: WrittenWithExponent) -> Any:
        return cell

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


class Changes(fields.Dict):
    """A correction's corrected values (corrected_fields): an object, its values plain JSON as the ledger reads them,
    except a number's text written with an exponent ("1e3"), handed on as the fields above hand theirs on
    (careerlog.textfiles.changes_marked: refused naming corrected_fields.<field>, after the field's bounds)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        # (marshmallow 4 leaves Mapping._deserialize unannotated)
        return changes_marked(super()._deserialize(value, attr, data, **kwargs))  # type: ignore[no-untyped-call]


class Code(fields.String):
    """A code of a reference table: any accepted spelling in, the canonical code out."""

    def __init__(self, table: str, **kwargs: Any):
        from marshmallow import validate

        from careerlog.reference import reference

        self.table = reference().table(table)
        super().__init__(validate=validate.OneOf(self.table.codes), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text not in self.table:  # (in the ledger's words, as an import says it: "Pilihan" starts 201, 202, ...;
            raise ValidationError(unknown_code(text, self.table.name))  # until 2026-12-06 "Unknown code" alone)
        return self.table.normalise(text)


# What the OpenAPI document says of a year `a_past_year` checks: from FIRST_YEAR to this year, its maximum set to this
# year as the document is given out (THIS_YEAR: web.api.YearsBoundSpec; the document is written once a process, and a
# process may serve past New Year). Until 2026-12-08 the minimum alone, and the programmes report's years neither.
THIS_YEAR = "x-maximum-this-year"
PAST_YEAR = {"minimum": FIRST_YEAR, THIS_YEAR: True}


def a_past_year(year: int) -> None:
    """A year from the first the reports read to this one (this year anywhere in Indonesia): the one check of every
    year a query takes (a report's, the scorecard's, grade inflation's), so that a year out of range is worded one
    way, "Must be between 1900 and 2026, got 1800." (until 2026-12-06 one below 1900 was "Must be greater than or
    equal to 1900." where the same year after this one was refused so).
    A list's years are judged with its other values, so that one answer gives every value's reason
    (`year=0&year=abc&year=3000`: until 2026-12-06 "Not a valid integer." alone, the years out of range refused on the
    next request, one by one); the reports' own bound is the same (projections.training `bounded`)."""
    last = latest_today().year
    if not FIRST_YEAR <= year <= last:
        raise ValidationError(YEAR_BETWEEN.reason(low=FIRST_YEAR, high=last, number=year))
