"""Request and response schemas of the API (the event kinds' own are in event_schemas)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema
from webargs.fields import DelimitedList
from werkzeug.datastructures import FileStorage

from careerlog.access import Role
from careerlog.accounts import BAD_USERNAME, USERNAME
from careerlog.application import BLANK_KEY, CONFIRMABLE, MAX_CLIENT_KEY, RECORDABLE_KINDS, UNKNOWN_KIND
from careerlog.domain.errors import QUOTED_VALUES, quoted
from careerlog.domain.nip import eighteen_digits, normalise_nip, not_a_nip
from careerlog.domain.payload import NEAREST_TABLES
from careerlog.domain.unit import near_codes
from careerlog.domain.wording import JOINS, Refusal
from careerlog.reference import FILTER_TABLES, AnyCase, reference, tables_codes
from projections.merit.schemas import RecordingSchema as _RecordingSchema
from projections.queries import AGE_BANDS, HEADCOUNT_FIELDS, ROSTER_FILTERS, ROSTER_SORTS, age_band_label
from web.api.event_schemas import CONFIRMED_TOLD, HistoryEventSchema
from web.api.fields import (
    NIP_PATTERN,
    NOT_BLANK,
    DayEndDateTime,
    DayKnownDateTime,
    PlainDate,
    PlainDateTime,
    PlainNumber,
    UtcDateTime,
    WholeNumber,
    day_alone,
)
from web.api.paging import A_CURSOR, MAX_CURSOR, PageOrCursorSchema
from web.errors import PROBLEM_TYPES, TYPE_BASE, table_path

AGE_BAND_LABELS = [age_band_label(low, high) for low, high in AGE_BANDS]


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


# ---------------------------------------------------------------------- common


class RefillingViewSchema(StrictSchema):
    """A view a 503 `view-filling` refuses to read (projections.framework.Refill)."""

    name = fields.String(metadata={"description": "The view: timeline, roster, training, mentoring, merit, awards."})
    state = fields.String(metadata={"description": "filling (dropped for a new version or new rules) or rebuilding."})
    position = fields.Integer(
        allow_none=True,
        metadata={
            "description": "Filling: the log's event (its position) the view has applied up to; null while rebuilt."
        },
    )
    head = fields.Integer(
        allow_none=True,
        metadata={
            "description": "Filling: the log's event it fills up to, answered again from there; null while rebuilt."
        },
    )


class RulesMismatchViewSchema(StrictSchema):
    """A view a 503 `rules-mismatch` refuses to read (projections.framework.Rejudged)."""

    name = fields.String(metadata={"description": "The view built under rules: merit, awards."})
    built_with = fields.String(metadata={"description": "The digest of the rules the view's rows were built with."})
    server = fields.String(metadata={"description": "The digest of this server's rules (its CAREERLOG_RULES_FILE)."})


PROBLEM_TYPE_DESCRIPTION = (
    "A URI naming the kind of problem: "
    + "; ".join(f"`{TYPE_BASE}{slug}` ({status}: {when})" for slug, status, when in PROBLEM_TYPES)
    + "; `about:blank` for any other (a URL too long, a 500)."
)


class ProblemSchema(StrictSchema):
    """An error (RFC 9457 problem details). Its title, detail and the reasons of `errors` are in Indonesian when
    Accept-Language asks for it (`id`), in English otherwise; the answer's Content-Language names which."""

    type = fields.String(metadata={"description": PROBLEM_TYPE_DESCRIPTION})
    title = fields.String(metadata={"description": "The HTTP status phrase (in the language asked for)."})
    status = fields.Integer()
    detail = fields.String(metadata={"description": "What went wrong, for a person (in the language asked for)."})
    instance = fields.String(metadata={"description": "The request path."})
    errors = fields.Dict(
        keys=fields.String(),
        metadata={
            "description": "The reasons per field (or header) at fault: invalid input (422); a body that is no JSON "
            "(400, `body`) or not labelled JSON (415, `Content-Type`); an Accept header allowing none of the media "
            "types offered (406, `Accept`); a recording outside your scope (403, the field placing it there); a "
            "reference recorded before with other values, or a retracted fact's sent again (409, `reference`); an "
            "Idempotency-Key used before for other values, another kind of fact, a retracted fact or another "
            "record (409, `Idempotency-Key`); an appointment of a NIP already appointed (409, `nip`)."
        },
    )
    views = fields.List(
        fields.Nested(RefillingViewSchema),
        metadata={"description": "A 503 view-filling: the views read that are being filled, and how far."},
    )
    rules = fields.List(
        fields.Nested(RulesMismatchViewSchema),
        metadata={
            "description": "A 503 rules-mismatch: the views read whose rows were built under other rules than this "
            "server's; it answers them again once started with their rules."
        },
    )


class RequestOptionsSchema(Schema):
    """Query parameters the request hooks act on (waiting, CSV); the views never see them.

    A parameter no schema names is refused (422), never silently ignored: a misspelt filter
    would otherwise widen a list or report without a word.
    """

    class Meta:
        unknown = RAISE

    @post_load
    def drop_request_options(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k not in ("wait_for", "format")}


# The query of a write: none (a parameter is refused, 422, not ignored: `?dry_run=true` on a single write recorded).
NO_QUERY = RequestOptionsSchema()


class WaitSchema(RequestOptionsSchema):
    wait_for = WholeNumber(
        validate=validate.Range(min=0),
        metadata={"description": "Wait until the views show the log up to this position (a write's `position`)."},
    )


class FormatSchema(RequestOptionsSchema):
    format = fields.String(
        validate=validate.OneOf(["json", "csv"]),
        metadata={"description": "csv for CSV (or send Accept: text/csv)."},
    )


class ReadQuerySchema(WaitSchema, FormatSchema):
    """Reads of the views: wait for a position, answer in JSON or CSV."""


class CursorPagingSchema(ReadQuerySchema, PageOrCursorSchema):
    """A read of a list by page number inside the window, or after a cursor (web.api.paging)."""


class WrittenSchema(StrictSchema):
    """The answer to a recording: its version in the record and the log position."""

    subject = fields.String(dump_only=True, metadata={"description": "The NIP (or unit) recorded for."})
    version = fields.Integer(dump_only=True, metadata={"description": "The event's version in the record."})
    kind = fields.String(dump_only=True)
    recorded_at = PlainDateTime(dump_only=True, metadata={"description": "When it was recorded (UTC)."})
    created = fields.Boolean(dump_only=True, metadata={"description": "False when it was already recorded."})
    position = fields.Integer(
        dump_only=True,
        metadata={"description": "The log position to pass as wait_for to read your own write."},
    )
    warnings = fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": "Present when the writer is told something beside the recording, which records nothing "
            "more: a placement of a mentor in another agency names the mentorings it leaves open; a rank promotion "
            "recorded (or corrected) that does not meet a rule the audit judges, by the rules in force on its TMT, "
            "names each such rule, as the audit will flag it (docs/api.md)."
        },
    )


def not_blank(value: str) -> None:
    """A key of spaces alone is refused (an empty one is by its length alone: it holds no spaces either)."""
    if value and not value.strip():
        raise ValidationError(BLANK_KEY)


ONE_KEY = Refusal(
    "Holds a comma: send one Idempotency-Key header, once, with a key of no comma (the header sent twice arrives as "
    "its values joined by a comma, and which one the recording would be kept under is not for the server to guess)."
).reason()


def one_key(value: str) -> None:
    """A key holding a comma is refused: two Idempotency-Key headers reach the app as one value, the two joined by
    ", " (RFC 9110 5.3, as every server and proxy combines a header sent twice), which is no key the client sent."""
    if "," in value:
        raise ValidationError(ONE_KEY)


NOT_UTF8_HEADER = Refusal(
    "Not valid UTF-8: a header's text is sent as UTF-8 bytes (an ASCII key, such as a UUID, is safest); these bytes "
    "are no character."
).reason()


class HeaderText(fields.String):
    """A header's value as the client wrote it: WSGI gives a header's bytes as latin-1 characters (PEP 3333), so a key
    sent as UTF-8, `k\u00e9y`, was stored as `k\u00c3\u00a9y`, which no `careerlog record --client-key` nor import row
    writing the same key matched, and which the 409 quoted so. Read as UTF-8; bytes that are not UTF-8 are refused."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text.isascii():
            return text
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            raise ValidationError(NOT_UTF8_HEADER) from None


class IdempotencyHeaderSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    idempotency_key = HeaderText(
        data_key="Idempotency-Key",
        validate=[validate.Length(min=1, max=MAX_CLIENT_KEY), not_blank, one_key],
        metadata={
            "description": "The same key and body record once; the same key with another body is 409. Not only "
            "spaces; sent once, with no comma (a header sent twice arrives comma-joined: 422, nothing recorded).",
            "pattern": r"^[^,]*\S[^,]*$",
        },
    )


class CorrectionHeadersSchema(IdempotencyHeaderSchema):
    """The headers of a recording that may correct or retract a fact: its Idempotency-Key, and If-Match."""

    if_match = HeaderText(
        data_key="If-Match",
        metadata={
            "description": "A correction's or retraction's condition: the ETag of the fact as you read it (GET "
            '.../events/{target_version}: `"7"`, the version it was last changed in). A fact changed since (corrected '
            "or retracted by another writer meanwhile) is refused, 412 fact-changed, nothing recorded, whatever else "
            "it would be refused for (a fact retracted since: 412, not 422). Without it the correction is recorded as "
            "before, but one setting a field back to its value before another writer's correction of it is asked "
            "(`confirm: fact.changed_since`, 422 beside the field). Sent with a new fact: 422."
        },
    )


# ---------------------------------------------------------------------- employees


CODES_LISTED = 20  # a table of more codes is named, not listed, in the refusal


# (a Refusal, so the API says it in the client's language too: web.languages)
NOT_KNOWN_VALUES = Refusal("Not one of the known values: {named} ({listing}).")
# ... its values quoted, each with the codes it may be ("'V/a' (did you mean 'IV/a'?)", "'x' or 'y'"), and how many
# more it refuses than it quotes: worded too (until 2026-12-08 "did you mean", "or" and "and 3 more" were English in
# the Indonesian)
MEANT = Refusal("{value} (did you mean {near}?)")
EITHER = Refusal("{first} or {rest}")
AND_MORE = Refusal("{named} and {more} more", numbers=("more",))


def folded(refusal: Refusal, parts: list[str]) -> str:
    """Parts put together by a refusal of {first} and {rest} (`, `, " or "), the last first: a Reason of two or more,
    each part kept (a Reason one translated as its own)."""
    found = parts[-1]
    for part in reversed(parts[:-1]):
        found = refusal.reason(first=part, rest=found)
    return found


def worded_values(values: Iterable[Any], quote: Any = quoted) -> str:
    """Values as a refusal lists them (careerlog.domain.errors.quoted_values: the first QUOTED_VALUES quoted, then how
    many more), worded so that each is said in the client's language."""
    values = list(values)
    named = folded(JOINS[", "], [quote(v) for v in values[:QUOTED_VALUES]])
    left = len(values) - QUOTED_VALUES
    return AND_MORE.reason(named=named, more=f"{left:,}") if left > 0 else named


# ... and a table of more codes than CODES_LISTED named by its path (two: a rank's, PNS ranks and PPPK grades), the
# words around it in the client's language, the paths as English's (until 2026-12-07 "see ... and ..." in English alone)
SEE_PATH = Refusal("see GET {path}")
SEE_PATHS = Refusal("see GET {path} and GET {other}")


def see_paths(tables: tuple[str, ...]) -> str:
    """Where a client reads the codes of `tables` (one or two): "see GET /api/v1/reference/agencies"."""
    paths = [table_path(t) for t in tables]
    return SEE_PATH.reason(path=paths[0]) if len(paths) == 1 else SEE_PATHS.reason(path=paths[0], other=paths[1])


class EachOneOf(validate.Validator):
    """Every value of a list is one of `choices`; the refusal is one reason for the list naming the values that are
    not (a OneOf on the values would key its reasons by position, without the value: {"by": {"1": [...]}})."""

    def __init__(self, choices: Iterable[str], listing: str | None = None):
        self.known = list(choices)  # (not `choices`: apispec would list them as the enum of the list itself)
        self.listing = listing or ", ".join(self.known)

    def __call__(self, value: Any) -> Any:
        unknown = [v for v in value if v not in self.known]
        if unknown:
            named = worded_values(unknown, self.named)
            raise ValidationError(NOT_KNOWN_VALUES.reason(named=named, listing=self.listing))
        return value

    def named(self, value: Any) -> str:
        """An unknown value as the refusal names it."""
        return quoted(value)


class KnownCodes(EachOneOf):
    """Every value of a repeatable filter is a code of its tables; the refusal names the unknown values and the
    codes (or the commands listing them), once for the filter (not per position)."""

    def __init__(self, tables: tuple[str, ...]):
        codes = [c for name in tables for c in reference().table(name).codes]
        listed = len(codes) <= CODES_LISTED
        super().__init__(codes, None if listed else see_paths(tables))
        self.codes = codes
        self.tables = tables
        self._bare: dict[str, list[str]] = {}
        for code in codes:
            self._bare.setdefault(bare(code), []).append(code)

    def named(self, value: Any) -> str:
        """An unknown value as its refusal names it: quoted, with the one code it is but for its letter case and
        punctuation (`s1`, `S1` for S-1: education's codes have a hyphen), "(did you mean 'S-1'?)". Not read as
        that code: a filter reads a code in any letter case, no other spelling (careerlog.reference.AnyCase).
        Until 2026-12-06 `education=s1` was refused with the codes alone."""
        found = self._bare.get(bare(value), []) if isinstance(value, str) else []
        if len(found) != 1:
            found = self.near(value) if isinstance(value, str) else []
        if not found:
            return quoted(value)
        return MEANT.reason(value=quoted(value), near=folded(EITHER, [quoted(code) for code in found]))

    def near(self, value: str) -> list[str]:
        """The codes an unknown value is near, as the import suggests them (careerlog.domain.payload.unknown_code): a
        region's code with its zero left out (`12.7`: 12.07), else an agency by its code or name (Table.nearest:
        `KOTA-MEDN`: KOTA-MEDAN), else the codes one or two edits from it in any case (`word_edits`, two for a code
        of TYPO_LONG letters or more, none for a code of fewer than NEAR_SHORTEST: `99` is no typo of 19), at most
        three. Reference codes only, which GET /api/v1/reference lists to
        every reader: no recorded name is shown. Until 2026-12-06 a near miss was refused with the codes alone."""
        found: list[str] = []
        for name in self.tables:
            table = reference().table(name)
            found += [code.code for code in table.zeros_left_out(value)]
            if not found and name in NEAREST_TABLES:
                found += [code.code for code in table.nearest(value)]
        return list(dict.fromkeys(found or near_codes(value, self.codes)))[:3]


def bare(text: str) -> str:
    """A code's letters and digits alone, in any case (`S-1`, `s1`, `S 1` alike): how an unknown value is matched to
    the code it may mean (KnownCodes.named)."""
    return "".join(c for c in text if c.isalnum()).casefold()


class AnyCaseChoice(fields.String):
    """One of `choices` written in any letter case (`Sex` is `sex`, as a filter reads `kota-medan` as KOTA-MEDAN); a
    value of none is kept as written, for the refusal to name it."""

    def __init__(self, choices: list[str], **options: Any):
        super().__init__(**options)
        self.by_case = {c.casefold(): c for c in choices}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        return self.by_case.get(text.strip().casefold(), text)


# A `by` of more fields than it groups by, or of none (said so, naming them: until 2026-12-06 marshmallow's "Length
# must be between 1 and 2.")
TOO_MANY_FIELDS = Refusal("At most {most} fields to group by, got {count}: {named}.", numbers=("most", "count"))
NO_FIELD = Refusal("At least one field to group by.").reason()


class FieldCount(validate.Validator):
    """A `by` of 1 to `most` fields (TOO_MANY_FIELDS, NO_FIELD)."""

    def __init__(self, most: int):
        self.most = most

    def __call__(self, value: Any) -> Any:
        if not value:
            raise ValidationError(NO_FIELD)
        if len(value) > self.most:
            named = worded_values(value)
            raise ValidationError(TOO_MANY_FIELDS.reason(most=self.most, count=len(value), named=named))
        return value


class Grouping(DelimitedList):
    """A `by` split at its commas, one with a field left empty beside a comma (`by=sex,`, `by=,sex`, 3,000 commas)
    refused whole, as a code filter's is (AnyCase.empty_part, EMPTY_PART), not as the unknown value '' (until
    2026-12-06 "Not one of the known values: ''", once per empty part: 3,001 of them for 3,000 commas)."""

    def __init__(self, choices: list[str], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.any_case = AnyCase(choices)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if (empty := self.any_case.empty_part([value])) is not None:
            raise ValidationError(empty)
        return super()._deserialize(value, attr, data, **kwargs)  # type: ignore[no-untyped-call]


def grouping(choices: Iterable[str], most: int, **options: Any) -> DelimitedList:
    """A comma-separated `by` of 1 to `most` of these choices (listed in the OpenAPI document), each in any letter
    case (AnyCaseChoice; until 2026-12-06 `by=Sex` was refused), each value checked by EachOneOf; a field left empty
    beside a comma refused (Grouping)."""
    choices = list(choices)
    return Grouping(
        choices,
        AnyCaseChoice(choices, metadata={"enum": choices}),
        validate=[FieldCount(most), EachOneOf(choices)],
        metadata={"minItems": 1, "maxItems": most, **options.pop("metadata", {})},
        **options,
    )


# A filter given empty (`rule=`, `unit=`, or only spaces) is refused naming it, as every parameter refuses a value it
# does not take (an empty agency, severity or verdict is no code of theirs): read as no filter it answered the whole
# list under a filter the client meant to apply, and read as the value "" it matched no one. (The pages read a blank
# filter as "all": their forms send one for it, web.pages.common.one.)
EMPTY_FILTER = Refusal("Must not be empty: leave the parameter out to filter by nothing.").reason()


NO_KIND = Refusal(
    "Must not be empty: leave the parameter out to take the kind from the file's name or its kind column."
).reason()


def filled_or(value: str, reason: str) -> None:
    """A parameter's one value is not empty (nor only spaces), refused with this reason."""
    if not value.strip():
        raise ValidationError(reason)


def filled(value: str) -> None:
    """A filter's one value is not empty (EMPTY_FILTER)."""
    filled_or(value, EMPTY_FILTER)


# (NOT_BLANK: what the OpenAPI document says of a text refused empty or only spaces, filled, EachFilled, ImportKind,
# so that a client, or a fuzzer, working from the document does not send `unit=` as valid.)


def filled_text(description: str) -> fields.String:
    """A parameter of free text, one value, refused empty (EMPTY_FILTER), and documented so."""
    return fields.String(validate=filled, metadata={**NOT_BLANK, "description": description})


class EachFilled(validate.Validator):
    """No value of a repeatable filter is empty: one reason for the list (EMPTY_FILTER), not one per position."""

    def __call__(self, value: Any) -> Any:
        if any(not v.strip() for v in value):
            raise ValidationError(EMPTY_FILTER)
        return value


def text_filter(description: str) -> fields.List[str]:
    """A repeatable filter of free text (a unit, a post level, a programme): any text but an empty one."""
    return fields.List(fields.String(metadata=NOT_BLANK), validate=EachFilled(), metadata={"description": description})


class CodeFilter(fields.List[str]):
    """A repeatable filter of codes: each value read in any letter case, the spaces around it aside, as the code it
    is (careerlog.reference.AnyCase: `kind=pengawas`, `agency=kota-medan` are PENGAWAS, KOTA-MEDAN, and the answer
    says so), then checked by `known` (EachOneOf, exactly): a value that is no code in any case is refused as typed,
    naming it and the codes (or their reference endpoints). Listed in the OpenAPI document with the canonical codes as
    the values' enum. Until 2026-12-05 a code in another case was refused (`kind=pengawas`: a 422).
    Several codes are asked by repeating the parameter or as one comma-separated value (`status=ACTIVE,RETIRED`)
    when no code of its tables holds a comma (none does); until 2026-12-06 a comma-separated list was refused as one
    unknown value, while docs/api.md said "every status by listing them".
    The codes of reference tables (`known` a KnownCodes) are read by their tables' one reader
    (careerlog.reference.tables_codes: a roster filter's is filter_codes', which the services and the pages read by
    too), others (the audited posts' levels) by their own; several codes split as AnyCase.each splits them. A value
    with a code left empty beside a comma (`agency=KAB-KARO,`, AnyCase.empty_part) is refused whole (EMPTY_PART), as
    the pages refuse it (until 2026-12-06 as the unknown code '', "Not one of the known values: ''")."""

    def __init__(self, known: EachOneOf, **kwargs: Any):
        super().__init__(fields.String(metadata={"enum": known.known}), validate=known, **kwargs)
        self.any_case = tables_codes(known.tables) if isinstance(known, KnownCodes) else AnyCase(known.known)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str | None]:
        if isinstance(value, list):
            if (empty := self.any_case.empty_part(value)) is not None:  # (`agency=KAB-KARO,`: the pages alike)
                raise ValidationError(empty)
            value = self.any_case.each(value)
        values = super()._deserialize(value, attr, data, **kwargs)
        return [None if v is None else self.any_case.read_or_as_typed(v) for v in values]


def filter_field(name: str, tables: tuple[str, ...] | None = None) -> fields.Field[Any]:
    """A repeatable filter; of a coded field, its values read as codes in any case and checked against its tables
    (CodeFilter); of free text, none empty (EachFilled)."""
    description = {"description": f"Only these {name} values (repeatable), codes in any letter case."}
    tables = tables or FILTER_TABLES.get(name)
    if tables is None:
        return text_filter(f"Only these {name} values (repeatable).")
    return CodeFilter(KnownCodes(tables), metadata=description)


def _filter_fields() -> dict[str, fields.Field[Any]]:
    return {name: filter_field(name) for name in ROSTER_FILTERS}


RosterFilterSchema = type("RosterFilterSchema", (ReadQuerySchema,), {**_filter_fields(), "__doc__": "Roster filters."})


class RosterQuerySchema(CursorPagingSchema, RosterFilterSchema):  # type: ignore[valid-type,misc]
    q = filled_text("Search names and NIPs (a NIP may be written with spaces, dots or dashes).")
    sort = fields.String(
        load_default="name",
        validate=validate.OneOf([*ROSTER_SORTS, *(f"-{s}" for s in ROSTER_SORTS)]),
        metadata={
            "description": "Sort by a field; a leading - sorts descending (ties by NIP). `rank`: the PNS ranks in "
            "their order (I/a to IV/e), then the PPPK grades in theirs (I to XVII); rows without a value last "
            "ascending."
        },
    )
    min_years_in_rank = PlainNumber(validate=validate.Range(min=0))
    age_band = fields.String(validate=validate.OneOf(AGE_BAND_LABELS))
    after = fields.String(
        validate=validate.Length(min=1, max=MAX_CURSOR),
        metadata={
            **A_CURSOR,
            "description": "Read on after this cursor (a page's `next`, with the same sort) instead of by page "
            "number: as fast on the last page as on the first.",
        },
    )


class EmployeeSchema(StrictSchema):
    """Where an employee stands now (the roster view)."""

    nip = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    sex = fields.String(dump_only=True)
    birth_date = PlainDate(dump_only=True)
    employment_kind = fields.String(dump_only=True)
    confirmed = fields.Boolean(dump_only=True)
    status = fields.String(dump_only=True)
    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    region = fields.String(dump_only=True)
    rank = fields.String(dump_only=True, allow_none=True)
    rank_since = PlainDate(dump_only=True, allow_none=True)
    years_in_rank = fields.Float(dump_only=True, allow_none=True)
    appointed_on = PlainDate(dump_only=True, allow_none=True)
    years_of_service = fields.Float(dump_only=True, allow_none=True)
    age_band = fields.String(dump_only=True)
    education = fields.String(dump_only=True, allow_none=True)
    post_kind = fields.String(dump_only=True, allow_none=True)
    post_level = fields.String(dump_only=True, allow_none=True)
    post_title = fields.String(dump_only=True, allow_none=True)
    recruitment_path = fields.String(dump_only=True, allow_none=True)
    separated_on = PlainDate(dump_only=True, allow_none=True)
    last_recorded_at = PlainDateTime(dump_only=True)


class PageOfSchema(StrictSchema):
    """A page of a list: `items` (in each subclass), how many match in all, which page, its size."""

    total = fields.Integer(dump_only=True, metadata={"description": "How many match, on every page."})
    page = fields.Integer(dump_only=True)
    per_page = fields.Integer(dump_only=True)


class CursorPageOfSchema(PageOfSchema):
    """A page of a list read by number or after a cursor, with the next page's cursor (also in the `Link` header)."""

    page = fields.Integer(dump_only=True, allow_none=True, metadata={"description": "null for a page read `after`."})
    next = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The cursor of the next page (pass it as `after`); null on the last page."},
    )


class RosterPageSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(EmployeeSchema), dump_only=True)


class PastRetirementQuerySchema(CursorPagingSchema, RosterFilterSchema):  # type: ignore[valid-type,misc]
    """The roster's filters, and a page by number or after a cursor."""


class PastRetirementSchema(StrictSchema):
    """A PNS in service whose expected end of service by rule retirement.age (unconfirmed) is past, with no
    separation recorded: the retirement is for HR to record (or the birth date or post to correct)."""

    nip = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    birth_date = PlainDate(dump_only=True)
    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    region = fields.String(dump_only=True)
    rank = fields.String(dump_only=True)
    post_kind = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The post held now, the age is reckoned from."}
    )
    post_level = fields.String(dump_only=True, allow_none=True)
    post_title = fields.String(dump_only=True, allow_none=True)
    retirement_age = fields.Integer(dump_only=True, metadata={"description": "The age of that post by the rule."})
    expected_end = PlainDate(
        dump_only=True, metadata={"description": "The last day of the month that age was reached (before today)."}
    )
    rule = fields.String(dump_only=True, metadata={"description": "retirement.age (docs/rules.md)."})
    rule_status = fields.String(
        dump_only=True, metadata={"description": "How sure the rule is: S, M or I (docs/rules.md); M as shipped."}
    )
    rule_confirmed = fields.Boolean(
        dump_only=True, metadata={"description": "false unless the rule is S: the ages are unconfirmed as shipped."}
    )


class PastRetirementPageSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(PastRetirementSchema), dump_only=True)


class WithheldSchema(StrictSchema):
    """A part of a record's history withheld from the reader (docs/security.md, "A NIP voided and appointed afresh"):
    the entries of a voided record, outside the reader's scope, or those of the record appointed afresh after its
    void, outside it; said without their contents."""

    first_version = fields.Integer(dump_only=True)
    last_version = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "None: to the end (the record appointed afresh)."}
    )
    entries = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "How many (a voided record's part; else none)."}
    )
    voided_on = fields.Date(
        dump_only=True, allow_none=True, metadata={"description": "The void's day (a voided record's part; else none)."}
    )
    note = fields.String(dump_only=True, metadata={"description": "The same, said in words."})


class HistorySchema(StrictSchema):
    """Every event recorded for an employee, oldest first: facts, corrections, retractions. Of a NIP voided and
    appointed afresh, the entries of the voided record and those of the fresh record are each read within their own
    scope: a part outside the reader's is left out and named in `withheld` (empty for nearly every record)."""

    nip = fields.String(dump_only=True)
    items = fields.List(fields.Nested(HistoryEventSchema), dump_only=True)
    withheld = fields.List(fields.Nested(WithheldSchema), dump_only=True)


class FactSchema(StrictSchema):
    """One fact of an employee's record as it stands: the events that made it (the fact as recorded, its corrections
    and its retraction, oldest first, as the history holds them). Its ETag is the version it was last changed in."""

    nip = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True, metadata={"description": "The fact's version (its target_version)."})
    kind = fields.String(dump_only=True)
    retracted = fields.Boolean(dump_only=True)
    changed_in = fields.Integer(
        dump_only=True,
        metadata={
            "description": "The version of the last event that changed the fact (its retraction or last correction; "
            'none: its own): the ETag, quoted (`"7"`), that If-Match sends with a correction or retraction of it.'
        },
    )
    items = fields.List(fields.Nested(HistoryEventSchema), dump_only=True)


class TimelineQuerySchema(ReadQuerySchema):
    as_of = PlainDate(metadata={"description": "Only facts in effect by this date."})
    known_at = DayKnownDateTime(
        default_timezone=UTC,
        metadata={
            "description": "Only what had been recorded by then, that moment included (ISO 8601; UTC if no offset; a "
            "day alone, YYYY-MM-DD, covers that whole day in UTC); answered in UTC, as every time the API gives."
        },
    )


# the words of each check a recorded event's `confirmed` may hold, and the checks never stored, from CONFIRMABLE
STORED_TOLD = [told for check in CONFIRMABLE if (told := CONFIRMED_TOLD[check]) is not None]
NOT_STORED = [check for check in CONFIRMABLE if CONFIRMED_TOLD[check] is None]


def confirmed_field(what: str) -> fields.List[str]:
    """The checks the writer confirmed when recording `what` (stored with its event)."""
    return fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": f"The checks whose refusal the writer confirmed when recording {what}, stored with it: "
            + "; ".join(told for told in STORED_TOLD)
            + "; empty when the recording needed no confirmation, and for every event recorded before confirmations "
            "were stored. Never stored: " + ", ".join(f"`{check}`" for check in NOT_STORED) + "."
        },
    )


class RecordingSchema(_RecordingSchema):
    """A recording's fields (projections.merit.schemas.RecordingSchema's, which the command line dumps with), its
    `confirmed` described: the checks a writer may confirm, in web.api.event_schemas' words."""

    confirmed = confirmed_field("it")


class CorrectionSchema(RecordingSchema):
    effective_date = PlainDate(dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    fields_ = fields.Dict(data_key="fields", attribute="fields", dump_only=True)


class RetractionSchema(RecordingSchema):
    effective_date = PlainDate(dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)


class TimelineItemSchema(StrictSchema):
    """A fact with its current values, its original values and what corrected or retracted it."""

    version = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    effective_date = PlainDate(dump_only=True)
    recorded_at = PlainDateTime(dump_only=True)
    reference = fields.String(dump_only=True)
    recorded_by = fields.String(dump_only=True)
    migrated = fields.Boolean(dump_only=True)
    values = fields.Dict(dump_only=True)
    original = fields.Dict(dump_only=True)
    confirmed = confirmed_field("the fact")
    corrections = fields.List(fields.Nested(CorrectionSchema), dump_only=True)
    retracted = fields.Nested(RetractionSchema, dump_only=True, allow_none=True)
    counted_once_with = fields.Integer(
        dump_only=True,
        metadata={
            "description": "A training only, and only one that is a probable duplicate (rule training.counted_once, "
            "docs/rules.md: one training with a training recorded before it as rule training.duplicate reads two, the "
            "check a writer recording or correcting it is asked, neither retracted, the two not confirmed as attended "
            "twice): the version of that training. Its JP are counted once, with that training's, in the yearly JP, "
            "the training reports and the audit; absent otherwise."
        },
    )


class TimelineSchema(StrictSchema):
    nip = fields.String(dump_only=True)
    as_of = PlainDate(dump_only=True, allow_none=True)
    known_at = PlainDateTime(dump_only=True, allow_none=True)
    items = fields.List(fields.Nested(TimelineItemSchema), dump_only=True)


# ---------------------------------------------------------------------- reports


class HeadcountQuerySchema(RosterFilterSchema):  # type: ignore[valid-type,misc]
    by = grouping(
        HEADCOUNT_FIELDS,
        4,
        required=True,
        metadata={
            "description": "Fields to count by, comma-separated (e.g. agency,rank), each once.",
            "uniqueItems": True,
        },
    )


def suppressed_flag() -> fields.Boolean:
    """A report row's flag: its figures are withheld (null) because they describe too few people."""
    return fields.Boolean(
        dump_only=True, metadata={"description": "True: too few people to show its figures (null), docs/security.md."}
    )


HeadcountRowSchema = type(
    "HeadcountRowSchema",
    (StrictSchema,),
    {
        **{name: fields.String(dump_only=True, allow_none=True) for name in HEADCOUNT_FIELDS},
        "count": fields.Integer(dump_only=True, allow_none=True),
        "suppressed": suppressed_flag(),
        "__doc__": "One group: the values of the `by` fields and how many employees it has.",
    },
)


class HeadcountSchema(StrictSchema):
    by = fields.List(fields.String(), dump_only=True)
    items = fields.List(fields.Nested(HeadcountRowSchema), dump_only=True)
    total = fields.Integer(dump_only=True, allow_none=True, metadata={"description": "Null when below the minimum."})
    statuses = fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": "The legal statuses counted (codes of `statuses`): the `status` filter's, else ACTIVE "
            "alone, or every status when counted by `status`."
        },
    )
    total_all_statuses = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The people of every status under the other filters (`total` of them counted); null when "
            "withheld from a reader of aggregates: below the minimum, a small group beside the same count without "
            "one of the filters, the people not counted a small group, or `total` withheld."
        },
    )
    total_all_statuses_suppressed = fields.Boolean(
        dump_only=True, metadata={"description": "Whether `total_all_statuses` is withheld."}
    )
    disclosure = fields.String(
        dump_only=True,
        metadata={
            "description": "How the figures protect the people counted (docs/security.md): `exact` (a reader who may "
            "read records), `withheld` (small cells and the cells that would give them away null, `suppressed`, the "
            "rest exact) or `perturbed` (the cell-key method: every figure of at least CAREERLOG_MIN_CELL people the "
            "true count plus small noise, at most 2 either way, that the same people always get; a smaller cell null, "
            "`suppressed`; a filter takes one value; the rows need not add up to `total`, nor `total` to "
            "`total_all_statuses`: each is perturbed on its own).",
            "enum": ["exact", "withheld", "perturbed"],
        },
    )


# ---------------------------------------------------------------------- imports


class ImportKind(fields.String):
    """An import's kind: an event kind's code in any letter case (`Training` is training), as `careerlog import
    --kind` reads it (click's Choice, case_sensitive=False), loaded as the code; empty, or a kind no event has, is
    refused naming it. Before, `kind=Training` refused every row as of another kind than `Training`, and an unknown
    kind was each row's refusal (a CSV) or not read at all (JSON Lines)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        filled_or(text, NO_KIND)
        if text.lower() not in RECORDABLE_KINDS:  # (the kinds an import records: until 2026-12-06 any event's)
            raise ValidationError(UNKNOWN_KIND.reason(kind=quoted(text), known=", ".join(sorted(RECORDABLE_KINDS))))
        return text.lower()


class ImportQuerySchema(FormatSchema):
    """The query of an import: any other parameter is refused (422), as on every write (a misspelt `dryrun=true`
    imported for real)."""

    dry_run = fields.Boolean(load_default=False, metadata={"description": "Check every row, record nothing."})
    file_format = fields.String(
        validate=validate.OneOf(["jsonl", "csv", "xlsx"]),
        metadata={"description": "jsonl, csv or xlsx (default: from the file name)."},
    )
    kind = ImportKind(
        metadata={
            **NOT_BLANK,
            "description": "Event kind of every row of a CSV file or workbook (default: from its name or kind column), "
            "in any letter case as `careerlog import --kind` reads it: " + ", ".join(sorted(RECORDABLE_KINDS)) + ".",
        },
    )


NOT_A_FILE = Refusal(
    "Is a text, not a file: send the file itself as the form's file part (curl -F 'file=@events.jsonl', the @ naming "
    "the file to send)."
).reason()


def uploaded(value: Any) -> None:
    """A form's `file` that is a file (werkzeug's FileStorage), not a text field of the form (`-F 'file=events.jsonl'`,
    the @ left out, or a urlencoded form), which the import read as an upload and failed on: a 500."""
    if not isinstance(value, FileStorage):
        raise ValidationError(NOT_A_FILE)


class ImportFileSchema(StrictSchema):
    """The form of an import: the file alone (BodyParser.load_files reads the form's other fields and files with it,
    refused here: `dry_run=true` sent in the form, not the query, imported for real)."""

    file = fields.Raw(
        required=True,
        validate=uploaded,
        metadata={
            "type": "string",
            "format": "binary",
            "description": "JSON Lines (.jsonl), CSV (.csv) or an Excel Workbook (.xlsx).",
        },
    )


class RowProblemSchema(StrictSchema):
    line = fields.Integer(dump_only=True)
    subject = fields.String(dump_only=True, allow_none=True)
    kind = fields.String(dump_only=True, allow_none=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), dump_only=True)
    values = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        dump_only=True,
        metadata={"description": "Each refused field's cell as it was typed, cut to 40 characters (ending in …)."},
    )


class RowSeenSchema(StrictSchema):
    """A row already recorded: its line, the record, the version the row has there, and the earlier line of the
    same file it repeats (null when it repeats none: recorded before the file)."""

    line = fields.Integer(dump_only=True)
    subject = fields.String(dump_only=True)
    kind = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    repeats_line = fields.Integer(dump_only=True, allow_none=True)


class ImportReportSchema(StrictSchema):
    """The import's report, as the command line's --report writes it."""

    rows = fields.Integer(dump_only=True)
    recorded = fields.Integer(dump_only=True)
    already_recorded = fields.Integer(dump_only=True)
    rejected = fields.List(fields.Nested(RowProblemSchema), dump_only=True)
    already_recorded_rows = fields.List(
        fields.Nested(RowSeenSchema),
        dump_only=True,
        metadata={"description": "The first 20 rows already recorded (already_recorded counts them all), by line."},
    )
    recorded_rows = fields.List(
        fields.Nested(RowSeenSchema),
        dump_only=True,
        metadata={
            "description": "The first 20 rows recorded (a dry run: that would be; recorded counts them all), by "
            "line, each with the version it has in its record (repeats_line null)."
        },
    )
    notes = fields.List(
        fields.Nested(RowProblemSchema),
        dump_only=True,
        metadata={
            "description": "Columns read but never recorded (line 1), each with why: a row number or remarks "
            "(No, Keterangan), or the employee's name checked against each row's NIP (Nama)."
        },
    )
    warnings = fields.List(
        fields.Nested(RowProblemSchema),
        dump_only=True,
        metadata={
            "description": "Rows recorded (a dry run: that would be) with a warning beside a field, recording nothing "
            "more: a placement of a mentor in another agency names the mentorings it leaves open; a rank promotion "
            "(or a correction of one) recorded that does not meet a rule the audit judges names each such rule beside "
            "new_rank (a correction's beside target_version), a dry run's worded \"Would be recorded; ...\"; a row "
            "recorded with a confirmation it needed names the questions it confirmed beside confirm (docs/api.md, "
            "docs/import-format.md)."
        },
    )
    recorded_by_kind = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        dump_only=True,
        metadata={
            "description": "The rows recorded (a dry run: that would be) of each kind, by the kind's code, each row's "
            "kind as its file gives it (a CSV file's kind column too)."
        },
    )
    dry_run = fields.Boolean(dump_only=True)
    file_refused = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "The file was refused as a whole (its header, or its rows' kind not known): no row of it "
            "was read, its one refusal in rejected (line 1) the file's, not a row's; rows counts it as 1."
        },
    )
    position = fields.Integer(dump_only=True)


class ImportJobSchema(StrictSchema):
    """An import of a file of more rows than CAREERLOG_IMPORT_JOB_ROWS, run in the background (a job: `POST
    /api/v1/imports` answers 202 with its URL, `GET /api/v1/imports/{job_id}` its state): its counts so far, then
    its report, or why it stopped."""

    id = fields.String(dump_only=True, metadata={"description": "The job's id, in its URL."})
    state = fields.String(
        dump_only=True,
        metadata={
            "description": "queued (waiting), running, done (its report in `report`) or failed (why in `errors`).",
            "enum": ["queued", "running", "done", "failed"],
        },
    )
    file_name = fields.String(dump_only=True, attribute="name", metadata={"description": "The file's name."})
    kind = fields.String(dump_only=True, allow_none=True, metadata={"description": "The kind given, if any."})
    dry_run = fields.Boolean(dump_only=True)
    created_at = fields.String(dump_only=True, metadata={"description": "When it was made (UTC, ISO 8601)."})
    finished_at = fields.String(dump_only=True, allow_none=True, metadata={"description": "When it ended."})
    runs = fields.Integer(
        dump_only=True,
        metadata={
            "description": "How many times it was taken up: more than 1 when a server process stopped and another "
            "took it up again, the rows the first run recorded then reported as already recorded. The file is read "
            "3 times at most: a job taken up a fourth time (each run stopped before it was done) is failed without "
            "being read again, `runs` then 4 and `errors` saying it stopped 3 times."
        },
    )
    rows_total = fields.Integer(dump_only=True, metadata={"description": "The file's rows, counted on upload."})
    rows_read = fields.Integer(dump_only=True, metadata={"description": "The rows read so far."})
    recorded = fields.Integer(dump_only=True, metadata={"description": "Recorded so far (a dry run: would be)."})
    already_recorded = fields.Integer(dump_only=True)
    refused = fields.Integer(dump_only=True, metadata={"description": "The rows refused so far."})
    report = fields.Nested(
        ImportReportSchema,
        dump_only=True,
        allow_none=True,
        metadata={"description": "Once done: the report a smaller file's import answers with; null before."},
    )
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Once failed: why, by field (`file`, `_schema`), as a 422 names them; the rows recorded "
            "before it stopped stay recorded. Null otherwise."
        },
    )


# ---------------------------------------------------------------------- accounts


class ScopeSchema(StrictSchema):
    national = fields.Boolean(dump_only=True)
    agencies = fields.List(fields.String(), dump_only=True)
    regions = fields.List(fields.String(), dump_only=True)


class AccountSchema(StrictSchema):
    username = fields.String(dump_only=True)
    display_name = fields.String(dump_only=True)
    role = fields.Enum(Role, by_value=True, dump_only=True)
    scope = fields.Nested(ScopeSchema, dump_only=True)
    nip = fields.String(dump_only=True, allow_none=True)


class TokenSchema(StrictSchema):
    prefix = fields.String(dump_only=True)
    expires_at = PlainDateTime(dump_only=True)


class MeSchema(StrictSchema):
    """Who you are to the API: your account, scope, token and what your role may do."""

    account = fields.Nested(AccountSchema, dump_only=True)
    token = fields.Nested(TokenSchema, dump_only=True)
    permissions = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        dump_only=True,
        metadata={"description": "Action: own, scope or all."},
    )


def each_nip(values: list[str]) -> None:
    """Each value an NIP or NI PPPK of 18 digits (the spaces, dots and dashes people type aside): a value that cannot
    be one is refused, naming it, rather than read as a record nobody read (an empty list)."""
    for value in values:
        if not eighteen_digits(normalise_nip(value)):
            raise ValidationError(not_a_nip(value))


NO_SUCH_NAME = Refusal("No account can be named {name}: {why}")  # (the name quoted and cut as every refusal quotes)


def each_username(values: list[str]) -> None:
    """Each value a user name an account may have: one no account can have (upper case, a space) is refused, naming
    it, rather than read as an account that read nothing (an empty list)."""
    for value in values:
        if not USERNAME.match(value):
            raise ValidationError(NO_SUCH_NAME.reason(name=quoted(value), why=BAD_USERNAME))


def nip_filter(description: str) -> fields.List[str]:
    """A repeatable filter of NIPs: each 18 digits once the separators people type are left out (fullwidth digits
    read as 0-9: normalise_nip), else refused naming `nip` (`each_nip`), not read as a record with nothing listed."""
    return fields.List(
        fields.String(metadata={"pattern": NIP_PATTERN}), validate=each_nip, metadata={"description": description}
    )


BEFORE_SINCE = Refusal("Must not be before 'since' ({since}), got {until}.")


class AccessLogQuerySchema(FormatSchema, PageOrCursorSchema):
    nip = nip_filter(
        "Only reads of these records (18 digits each; spaces, dots and dashes aside); to an employee, their own "
        "alone: another is refused (403 naming `nip`)."
    )
    username = fields.List(
        fields.String(metadata={"pattern": USERNAME.pattern}),
        validate=each_username,
        metadata={"description": "Only reads by these accounts (their user names: lower case, 2-64 characters)."},
    )
    since = UtcDateTime(
        default_timezone=UTC,
        metadata={"description": "Only reads at or after this moment (UTC without an offset; a day alone: its start)."},
    )
    until = DayEndDateTime(
        default_timezone=UTC,
        metadata={
            "description": "Only reads before this moment (UTC without an offset); a day alone covers that whole day "
            "(`since=2026-12-05&until=2026-12-05`: the reads of 5 December)."
        },
    )

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def until_not_before_since(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        since, until = data.get("since"), data.get("until")
        if since is None or until is None:
            return
        written = original.get("until") if hasattr(original, "get") else None
        if until < since or (day_alone(written) and until <= since):  # (a day ending by `since`: no moment of it)
            shown = written if day_alone(written) else until.isoformat()
            raise ValidationError(BEFORE_SINCE.reason(since=since.isoformat(), until=shown), field_name="until")


class AccessEntrySchema(StrictSchema):
    at = PlainDateTime(dump_only=True)
    username = fields.String(dump_only=True, metadata={"description": "Who read the record."})
    role = fields.String(dump_only=True)
    nip = fields.String(dump_only=True, metadata={"description": "Whose record was read."})
    agency = fields.String(dump_only=True, allow_none=True)
    region = fields.String(dump_only=True, allow_none=True)
    action = fields.String(
        dump_only=True,
        metadata={
            "description": 'What was read (docs/security.md, "Access log: which reads"): profile, history, timeline, '
            "eligibility, career_page, roster, search (a search by name), mentee (a mentee shown on their mentor's "
            "record), audits, audit, awards or write_check (a write or import, dry run or not, refused against the "
            "record: its refusal may name the record's facts)."
        },
    )


class AccessLogSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(AccessEntrySchema), dump_only=True)


class AccountChangesQuerySchema(FormatSchema, PageOrCursorSchema):
    """A page of the account changes, by number or after a cursor."""


class AccountChangeSchema(StrictSchema):
    at = PlainDateTime(dump_only=True)
    username = fields.String(
        dump_only=True, metadata={"description": "Who made the change: an account, or the system user (cli)."}
    )
    via = fields.String(dump_only=True, metadata={"description": "page, cli, or code (neither named)."})
    action = fields.String(dump_only=True, metadata={"description": "created, disabled or unlocked."})
    account = fields.String(dump_only=True, metadata={"description": "The account created, disabled or unlocked."})
    role = fields.String(dump_only=True, metadata={"description": "The account's role."})
    scope = fields.String(dump_only=True, metadata={"description": "The account's scope then, in words."})
    cleared = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "unlocked: the failed page log-ins the unlock cleared (at least 1); null for the other "
            "actions."
        },
    )


class AccountChangesSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(AccountChangeSchema), dump_only=True)
