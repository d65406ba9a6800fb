"""Inspectors: the audited promotions, awards and starts of study leave of a period and scope, one promotion's
findings, and fairness."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping
from datetime import date
from typing import Any, TypedDict
from urllib.parse import unquote_plus, urlsplit

from flask import abort, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from markupsafe import Markup
from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import MultiDict

from careerlog.access import Action, OutsideScope, narrow, row_filters
from careerlog.accounts import Account
from careerlog.domain.errors import InvalidInput, quoted, quoted_values
from careerlog.domain.nip import eighteen_digits, normalise_nip, not_a_nip
from careerlog.domain.payload import UNKNOWN_FIELD, whole_number
from careerlog.domain.wording import NO_SUCH_ISO_DAY
from careerlog.reference import AnyCase, reference, rules
from projections.merit.fairness import COUNTS, FOUR_FIFTHS, MAX_MIN_CELL, NO_ROUND, NOBODY_PROMOTED, ROUND, with_pool
from projections.merit.groups import DIMENSIONS
from projections.merit.passed_over import MEASURES, PASSED_OVER_CSV_COLUMNS, flat_pair
from projections.merit.queries import LIST_RULES, NOT_COMPARED, compared_alone, judged_by
from projections.merit.rules import SEVERITY_ORDER
from projections.merit.schemas import PassedOverPairSchema, RecordedLaterPairSchema
from projections.queries import Page
from projections.reading import ISO_DAY, after_today
from projections.suppression import REFERENCE_WITHHELD
from web import kept
from web.api.audit_schemas import RULE_SEPARATOR, DecisionSchema, flat_decision
from web.api.audits import fairness_schema, time_to_promotion_schema
from web.api.common import interval_cells, row_columns
from web.api.fields import plain_day
from web.api.paging import last_page
from web.pages import Unread, charts, local_number
from web.pages.columns import DEFAULT_LEVEL, decision_column_labels, statistics_column_labels
from web.pages.common import (
    allowed,
    blp,
    coded_values,
    filters_from,
    given_twice,
    one,
    page,
    readable,
    services,
    whole,
)
from web.pages.errors import error_page
from web.pages.export import columns_of, csv_download, csv_stream, download
from web.pages.labels import (
    code_label,
    code_name,
    group_name,
    kind_label,
    promotion_kind_label,
    promotion_kind_name,
    reference_name,
    rule_label,
    severity_label,
)
from web.services import FILTERS_OUTSIDE, refuse_filters_outside, regions_within, seats_meet

SCOPE = ("agency", "unit", "region")  # the statistics' scope filters, as the API's (web.api.audits)
# the audited decisions' lists: `kind` the promotion kind or the post kind; `nip` whose decisions (as the API's)
DECISION_FILTERS = ("agency", "unit", "region", "kind", "nip")
KIND_TABLES = {"promotion": "promotion_kinds", "post": "post_kinds", "appointment": "education"}
SCOPE_ARGUMENTS = ("from", "to", "agency", "unit", "region")  # (a list's place and period)
COMPARED_ON_ITS_PAGE = "202"  # a promotion kind whose colleagues are compared on each decision's own page only
AWARD_FILTERS = ("agency", "unit", "region", "kind")
STUDY_LEAVE_FILTERS = ("agency", "unit", "region", "employment_kind")
AUDIT_CSV_LIMIT = 100_000
# The highest version a decision page looks for: the API's decision id takes one of 1 to 9 digits (web.api.audits,
# DECISION_ID); a longer one is no decision, answered not found without asking the store
MOST_VERSION = 999_999_999
# The address's arguments each page reads besides its filters; any other is refused (a 422 naming it), never
# silently ignored: a list or a statistic read without a filter its reader asked for says nothing of the pool.
PAGE_ARGUMENTS = ("from", "to", "page", "lang")
DECISION_ARGUMENTS = {
    "promotion": (*PAGE_ARGUMENTS, *DECISION_FILTERS, "rule", "severity", "verdict", "passed_over"),
    "post": (*PAGE_ARGUMENTS, *DECISION_FILTERS, "rule", "severity", "verdict"),
    "appointment": (*PAGE_ARGUMENTS, *DECISION_FILTERS, "rule", "severity", "verdict"),
}
STATISTICS_ARGUMENTS = ("from", "to", "lang", *SCOPE, "by", "min_cell", "count")
# The time-to-promotion downloads' (/pages/time-to-promotion.csv, .xlsx): the selection rates' `count` is no argument
# of theirs (time to promotion counts rank spells, by no pool), refused as the API's /audits/time-to-promotion refuses
# it; the fairness page links them without it (`query_without`)
TIME_ARGUMENTS = tuple(name for name in STATISTICS_ARGUMENTS if name != "count")
DECISION_PAGE_ARGUMENTS = ("lang",)  # a decision's page reads its language alone
# The arguments each page reads one value of: given more than once, they are refused (a 422 naming them), as the
# API refuses them, not read as the first alone (`verdict=findings&verdict=compliant` listed the findings only).
# The filters (agency, unit, region, kind) take several values; the fairness page's `by` two (its intersection).
SINGLE = ("from", "to")
DECISION_SINGLE = (*SINGLE, "rule", "severity", "verdict", "passed_over")
AWARD_SINGLE = (*SINGLE, "verdict")
STUDY_LEAVE_SINGLE = (*SINGLE, "verdict", "rule", "severity")
STATISTICS_SINGLE = (*SINGLE, "min_cell", "count")
TIME_SINGLE = tuple(name for name in STATISTICS_SINGLE if name != "count")


def unknown_arguments(known: tuple[str, ...]) -> dict[str, list[str]]:
    """The form's error for each argument of the address the page does not read (a misspelt filter, one of another
    page), under its name, as the API refuses an unknown field (`{"foo": [...]}`, under `_schema` until 2026-12-06)."""
    filters = ", ".join(name for name in known if name not in ("page", "lang"))
    return {
        name: [
            Unread(
                _("%(name)s is not a filter of this page; its filters are %(known)s.", name=name, known=filters)
                if filters
                else _("%(name)s is not a filter of this page, which has none.", name=name)  # ("are ." named none)
            )
        ]
        for name in sorted(set(request.args) - set(known))
    }


def filtered_by_nothing(known: tuple[str, ...]) -> None:
    """InvalidInput (a 422 page) naming each argument of the address that a page of no filter does not read (the
    list past the retirement day, the account changes): `?agency=...` (a filter of the API's list) listed everything
    under an address that read as filtered, as no list page with filters does."""
    errors = unknown_arguments(known)
    if errors:
        raise InvalidInput(errors)


# The awards' list's `kind`: an award kind, as the API's (`kind=XX` listed no award under a filter reading "all")
AWARD_KINDS = "award_kinds"


def refused(known: tuple[str, ...], kind: str | None = None, *, several: bool = True) -> dict[str, list[str]]:
    """The form's errors for the address's arguments the page does not read, and for each value of a coded filter
    among them (an agency, a region, an employment kind; a list's `kind` of the reference table `kind`) that is no
    code in any letter case: a value no table holds matches no one (the API refuses it), and the form would show
    "all" chosen above an empty list. Read by the filter's one reader, as filters_from reads it
    (web.pages.common.coded_values, careerlog.reference.filter_codes: `kota-medan` is KOTA-MEDAN, and
    `KAB-KARO,KOTA-MEDAN` two codes); until 2026-12-06 by a table of each page's own. A value with a code left empty
    beside a comma (`KAB-KARO,`) is refused too (`empty_part`), in the API's words, where the filters take `several`
    codes (not the scorecard's one agency and region, whose own reader refuses `KAB-KARO,` as the unknown agency
    'KAB-KARO,', as its API does)."""
    errors = unknown_arguments(known)
    for name in known:
        codes = coded_values(name, kind)
        if codes is None:
            continue
        errors |= empty_part(name, codes) if several else {}
        unknown = [v for v in codes.each(request.args.getlist(name)) if v.strip() and codes.read(v) is None]
        if unknown:
            # (each cut, the first few: careerlog.domain.errors; how many more in the page's language, "dan 1.295
            # lagi", until 2026-12-06 in the API's English inside the translated reason)
            listed = quoted_values(unknown, more=more_in_language)
            # (what a page's reader can follow: the form's list beside the field, or a region's code as it is
            # written, typed in its box on the audit pages; until 2026-12-06 the API's reference table, "see GET
            # /api/v1/reference/agencies", and before that the command `careerlog reference TABLE`)
            errors[name] = [
                *errors.get(name, []),
                _(
                    "Not a known code: %(codes)s; write a region's code, such as 12 (a province) or 12.71 (a regency "
                    "or city in it).",
                    codes=listed,
                )
                if name == "region"
                else _("Not a known code: %(codes)s; choose one from the list.", codes=listed),
            ]
    return errors


def more_in_language(named: str, more: int) -> str:
    """The values a page's refusal names, then how many more, in the visitor's language (`quoted_values`)."""
    return _("%(values)s and %(more)s more", values=named, more=local_number(more))


def empty_part(name: str, codes: AnyCase) -> dict[str, list[str]]:
    """The form's error beside a coded filter given with a code left empty beside a comma (`agency=KAB-KARO,`,
    careerlog.reference.AnyCase.empty_part), in the API's words: the page read it as its other codes alone, a list
    under a filter other than the one asked (until 2026-12-06, while the API refused it)."""
    reason = codes.empty_part(request.args.getlist(name))
    return {} if reason is None else {name: [reason]}


def period(args: MultiDict[str, str]) -> tuple[date | None, date | None, dict[str, list[str]]]:
    """The from/to dates of the filter form, with an error beside each that is not a date."""
    found: dict[str, date | None] = {}
    errors: dict[str, list[str]] = {}
    for name in ("from", "to"):
        value = one(args, name)
        try:
            found[name] = plain_day(value) if value else None  # YYYY-MM-DD alone, as the API reads it
        except ValueError:
            # (a day of the form the calendar has not, 2025-02-30, worded as the API words it: until 2026-12-07 the
            # page said "Must be a date YYYY-MM-DD." of it, which it was)
            errors[name] = [NO_SUCH_ISO_DAY if ISO_DAY.fullmatch(value or "") else _("Must be a date YYYY-MM-DD.")]
            found[name] = None
    start, end = found["from"], found["to"]
    if start and (refusal := after_today(start)) is not None:  # (as every audit refuses it: the API, the commands)
        errors["from"] = [refusal]
    if start and end and end < start:  # (the API's 422 too: an empty list would say there is nothing)
        errors["to"] = [_("Must not be before %(day)s, the start of the period.", day=format_date(start, "medium"))]
    return start, end, errors


def filter_choices(account: Account, decision: str = "promotion") -> dict[str, Any]:
    table = KIND_TABLES[decision]  # a post kind by its name in the visitor's language (Supervisory post in English)
    return {
        "agencies": agencies_within(account),
        "rules": sorted({r.id for r in rules().all if judged_by(r.id) and r.id.startswith(LIST_RULES[decision])}),
        "severities": list(SEVERITY_ORDER),
        "dimensions": list(DIMENSIONS),
        "kinds": [
            (k.code, promotion_kind_label(k.code) if decision == "promotion" else reference_name(table, k.code))
            for k in reference().table(table)
        ],
    }


def unknown_kinds(decision: str) -> dict[str, list[str]]:
    """The form's error for `kind` values that are no code of the list's kinds (promotion or post kinds), as the
    API's `kind` (a 422 naming the values), not an empty list."""
    known = reference().table(KIND_TABLES[decision]).any_case  # (in any case, as `refused` reads the others)
    unknown = [v for v in known.each(request.args.getlist("kind")) if v.strip() and known.read(v) is None]
    if not unknown:
        return empty_part("kind", known)
    codes = ", ".join(map(quoted, unknown))
    if decision == "post":
        return {"kind": [_("Not a post kind: %(codes)s.", codes=codes)]}
    if decision == "appointment":
        return {"kind": [_("Not an education level: %(codes)s.", codes=codes)]}
    return {"kind": [_("Not a promotion kind: %(codes)s.", codes=codes)]}


def agencies_within(account: Account, action: Action = Action.RUN_AUDITS) -> list[tuple[str, str]]:
    """The agencies the account's audits (or another action's reads: the reports) reach, as (code, name): those
    with staff on the roster where the account reaches (web/scoping.py: an employee is in a scope by the agency and
    region they work in now), so a region's inspector is offered a national agency with staff in the region and
    not one without, whatever its seat; and the agency asked for, so that the form shows the filter applied. Kept
    a few minutes per scope (web.kept)."""
    allowed = narrow({}, row_filters(account, action))
    staffed = kept.agencies(
        allowed,
        lambda: set() if allowed is None else {r["agency"] for r in services().queries.headcount(["agency"], allowed)},
    )
    # (each of several: the form's select keeps them all; as the list reads them)
    asked = set(filters_from(request.args, ("agency",)).get("agency", ()))
    return [(c.code, c.name) for c in reference().agencies if c.code in staffed or c.code in asked]


def regions_within_reach(account: Account, action: Action = Action.READ_REPORTS) -> list[tuple[str, str]]:
    """The regions a report page offers in its filter, as (code, "name (code)"): those with staff on the roster
    where the account reaches and the provinces holding them, each lying wholly within the reader's regions (a
    province is not offered to a reader of one of its cities, nor a region neither holding nor within its agencies'
    seats, nor with their staff placed there, to a reader of agencies: either would be refused,
    web.services.regions_within and seats_meet), as `agencies_within` offers agencies; and the region asked for, so
    that the form shows the filter applied."""
    reach = row_filters(account, action)
    allowed = narrow({}, reach)
    staffed = kept.regions(
        allowed,
        lambda: set() if allowed is None else {r["region"] for r in services().queries.headcount(["region"], allowed)},
    )
    asked = set(filters_from(request.args, ("region",)).get("region", ()))

    @functools.cache
    def placed() -> dict[str, set[str]]:
        """(an agency's reader: the regions its staff are or were placed in, read by one statement when a region
        beyond the agency's seat is first judged, for every such region: until 2026-12-06 `Queries.staffs` was
        asked of each, two statements a region)"""
        return services().queries.staffed_regions((reach or {}).get("agency", []))

    def staffed_in(agency: str, regions: list[str]) -> bool:
        return bool(placed().get(agency, set()) & set(regions))

    return [
        (c.code, f"{c.name} ({c.code})")
        for c in sorted(reference().regions, key=lambda c: c.code)  # (a province, then its cities)
        if c.code in asked
        or (
            any(r == c.code or str(r).startswith(f"{c.code}.") for r in staffed)
            and regions_within("region", c.code, reach or {})
            and seats_meet("region", [c.code], reach or {}, staffed_in)
        )
    ]


def listed(
    method: Callable[..., Any],
    names: tuple[str, ...],
    per_page: int | None,
    page_number: int,
    kind: str | None = None,
    **options: Any,
) -> tuple[Any, dict[str, list[str]]]:
    """A list of the audits (`method` of the services) for the filter form: the page found, or None
    and the form's errors when it is not valid. `kind`: the reference table of the list's `kind` (filters_from)."""
    args = request.args
    start, end, errors = period(args)
    errors = {**errors, **filters_outside(allowed(Action.RUN_AUDITS))}
    if errors:
        return None, errors
    paging = {} if per_page is None else {"page": page_number, "per_page": per_page}  # (None: every row, a download)
    try:
        found = method(
            allowed(Action.RUN_AUDITS), filters_from(args, names, kind), start=start, end=end, **paging, **options
        )
    except InvalidInput as e:
        return None, e.errors
    return found, {}


def filters_outside(account: Account) -> dict[str, list[str]]:
    """The error beside `agency` (else `region`) when an agency (or region) the address asks for is outside the
    reader's scope, as the API and the reports refuse it (web.services.refuse_filters_outside, naming the codes
    outside): the lists and statistics answered for nobody, "Rounds: 0" or "No audited promotion matches", as if the
    agency had no activity, and of several agencies with one outside, the others' alone (until 2026-12-05); the page
    says so (403). None asked, or each within the scope (a region's inspector: any agency, its rows those of the
    region): no error."""
    try:
        asked = filters_from(request.args, ("agency", "region"))
        refuse_filters_outside(account, Action.RUN_AUDITS, asked, staffed=services().queries.staffs)
    except OutsideScope as e:
        return e.errors
    return {}


def status_of(errors: Mapping[str, list[str]]) -> int:
    """A list or statistics page's status: 403 for an agency or region outside the reader's scope
    (`filters_outside`), 422 for any other error, else 200."""
    refusals = tuple(refusal for _name, *said in FILTERS_OUTSIDE for refusal in said)
    outside = any(getattr(e, "refusal", None) in refusals for reasons in errors.values() for e in reasons)
    return 403 if outside else 422 if errors else 200


def passed_over_arg() -> bool | None:
    """The passed-over filter of the address: any yes or no the API's `passed_over` takes (marshmallow's Boolean:
    true/false, yes/no, 1/0, on/off ...), None when absent; InvalidInput naming it otherwise."""
    value = one(request.args, "passed_over")
    if value is None:
        return None
    try:
        return bool(fields.Boolean().deserialize(value))
    except ValidationError:
        raise InvalidInput(_("Not a valid boolean."), "passed_over") from None


def audit_rows(
    per_page: int | None, page_number: int, decision: str = "promotion", **more: Any
) -> tuple[Any, dict[str, list[str]]]:
    """The audited promotions (or post appointments) the filter form asks for (None and the errors when it is
    not valid); `per_page` None: every one, as Services.each_audited streams them (a download's; `more` its
    `at_most`). The post appointments' list has no passed-over filter: the lists do not compare their colleagues."""
    unknown = {**refused(DECISION_ARGUMENTS[decision]), **given_twice(DECISION_SINGLE)}
    if unknown:
        return None, unknown
    options: dict[str, Any] = {name: one(request.args, name) for name in ("rule", "severity", "verdict")}
    try:
        options["passed_over"] = passed_over_arg() if decision == "promotion" else None
    except InvalidInput as e:
        return None, e.errors
    errors = {**unknown_kinds(decision), **not_nips()}
    if errors:
        return None, errors
    kind = KIND_TABLES[decision]
    method = services().audits if per_page is not None else services().each_audited
    return listed(method, DECISION_FILTERS, per_page, page_number, kind, decision=decision, **options, **more)


def not_nips() -> dict[str, list[str]]:
    """The form's error beside `nip` for each value that is no NIP (18 digits once spaces, dots and dashes are left
    out, fullwidth digits read as 0-9: normalise_nip), in the API's words (its `nip`, web.api.schemas.each_nip), not
    an empty list read as an employee with no audited decision."""
    bad = [v for v in request.args.getlist("nip") if v.strip() and not eighteen_digits(normalise_nip(v))]
    return {"nip": [not_a_nip(v) for v in bad]} if bad else {}


def page_number(per_page: int = 50) -> int:
    """The page asked for, no further than the last page inside the window (web.api.paging)."""
    if len(request.args.getlist("page")) > 1:  # (no field of the form shows it: the error page names it)
        raise InvalidInput(given_twice(("page",)))
    value = one(request.args, "page") or "1"
    if value.isdigit() and not value.isascii():
        # (fullwidth digits, U+FF12 for 2, or another script's: until 2026-12-07 told to be a whole number, which it
        # looks like; the pages and the API read numbers in the digits 0-9 alone: careerlog.domain.payload.ascii_number)
        raise InvalidInput(_("Must be a whole number of at least 1, written in the digits 0-9."), "page")
    if not whole_number(value) or whole(value) == 0:
        raise InvalidInput(_("Must be a whole number of at least 1."), "page")
    number = whole(value)  # (None: more digits than int() reads, past the last page as any number so big)
    return last_page(per_page) if number is None else min(number, last_page(per_page))


def list_query() -> dict[str, list[str]]:
    """The list's arguments but its page, each with every value given (two agencies, two kinds), for the links to
    its other pages and its downloads: the first value alone gave a page 2 and a CSV of another list."""
    return {name: request.args.getlist(name) for name in request.args if name != "page"}


@blp.route("/audits")
def audits() -> ResponseReturnValue:
    """The audited promotions of a period and scope, filterable by agency, rule (finding) and severity."""
    return decisions_page("promotion")


@blp.route("/audits/posts")
def audited_posts() -> ResponseReturnValue:
    """The audited definitive post appointments of a period and scope, filtered as the promotions."""
    return decisions_page("post")


@blp.route("/audits/appointments")
def audited_appointments() -> ResponseReturnValue:
    """The audited CPNS appointments of a period and scope (appointment.starting_rank), filtered as the posts."""
    return decisions_page("appointment")


def chosen_passed_over() -> bool | None:
    """The passed-over choice the form shows chosen: the one applied (`yes` reads as the form's "yes"), none when
    it is not valid."""
    try:
        return passed_over_arg()
    except InvalidInput:
        return None


def decisions_page(decision: str) -> ResponseReturnValue:
    """The list page of the audited decisions of one type (`promotion`, `post`, `appointment`)."""
    account = allowed(Action.RUN_AUDITS)
    found, errors = audit_rows(50, page_number(), decision)
    query = list_query()
    return page(
        "pages/audits.html",
        account,
        status_of(errors),
        found=found,
        errors=errors,
        query=query,
        decision=decision,
        compared_on_its_page=COMPARED_ON_ITS_PAGE in request.args.getlist("kind"),
        passed_over=chosen_passed_over(),
        # (the place and period of the list, for its links to the lists comparing the passed-over 202s and posts)
        scope_query={name: values for name, values in query.items() if name in SCOPE_ARGUMENTS},
        **filter_choices(account, decision),
    )


@blp.route("/audits.csv")
def audits_csv() -> ResponseReturnValue:
    """The audited promotions of the filter form as CSV."""
    return decisions_csv("promotion", "audited-promotions.csv")


@blp.route("/audits/posts.csv")
def audited_posts_csv() -> ResponseReturnValue:
    """The audited post appointments of the filter form as CSV."""
    return decisions_csv("post", "audited-post-appointments.csv")


@blp.route("/audits/appointments.csv")
def audited_appointments_csv() -> ResponseReturnValue:
    """The audited CPNS appointments of the filter form as CSV."""
    return decisions_csv("appointment", "audited-cpns-appointments.csv")


@blp.route("/audits.xlsx")
def audits_xlsx() -> ResponseReturnValue:
    """The audited promotions of the filter form as an Excel workbook (the CSV's rows, typed cells)."""
    return decisions_csv("promotion", "audited-promotions.xlsx")


@blp.route("/audits/posts.xlsx")
def audited_posts_xlsx() -> ResponseReturnValue:
    """The audited post appointments of the filter form as an Excel workbook."""
    return decisions_csv("post", "audited-post-appointments.xlsx")


@blp.route("/audits/appointments.xlsx")
def audited_appointments_xlsx() -> ResponseReturnValue:
    """The audited CPNS appointments of the filter form as an Excel workbook."""
    return decisions_csv("appointment", "audited-cpns-appointments.xlsx")


def refused_download(errors: dict[str, list[str]]) -> ResponseReturnValue:
    """A download's refusal as its page's (`status_of`): the 403 page for an agency outside the reader's scope
    (until 2026-12-05 a download answered 422 where its page answered 403), else the 422 page naming the fields."""
    if status_of(errors) == 403:
        return error_page(403, None, errors)
    raise InvalidInput(errors)


# The audited decisions' downloads are headed as the API's list and its CSV (web.api.audit_schemas.DecisionSchema:
# `id`, `nip`, ..., `judged`, ..., `rules`, `rule_titles`): one schema, its fields in its order (until 2026-12-05 the
# page's CSV was headed by the view's columns, `subject`, `version`, ..., without `id` and `judged`)
DECISION_ROW = DecisionSchema()
DECISION_FIELDS = list(flat_decision({}))
# The data rows an Excel sheet holds (1,048,576 rows, the header one of them): a workbook of more is refused
XLSX_DATA_ROWS = 1_048_575


def decisions_csv(decision: str, name: str) -> ResponseReturnValue:
    """The audited decisions of the filter form as the file `name` (.csv or .xlsx: web.pages.export.download),
    its rows and columns as the API's CSV of the same list: every row the filters select (until 2026-12-07 the first
    100,000), the rules each fired by code and title (the workbook: by label, in the page's language). The CSV is
    written as the rows are read (Services.each_audited); a workbook is written row after row as they are read
    (XlsxWriter's constant-memory mode, web.pages.export.xlsx_download) and sent once made, and refused (422)
    beyond the rows a sheet holds (XLSX_DATA_ROWS, Excel's), naming the filters that narrow the list: until
    2026-12-07 it had no limit and was built from a list of every row."""
    workbook = name.endswith(".xlsx")  # (counted first: more rows than a sheet holds refused before any is listed)
    found, errors = audit_rows(None, 1, decision, **({"at_most": XLSX_DATA_ROWS} if workbook else {}))
    if errors:
        return refused_download(errors)
    total, batches = found
    columns = DECISION_FIELDS
    labels = decision_column_labels(columns, decision)
    if workbook:
        if total > XLSX_DATA_ROWS:
            raise InvalidInput(
                _(
                    "The workbook would hold %(total)s rows, more than the %(limit)s an Excel sheet holds: narrow the "
                    "list by agency, unit, kind or the TMT period (start, end), or download it as CSV.",
                    total=format_decimal(total),  # (in the page's language: 1.048.576 in Indonesian; until
                    limit=format_decimal(XLSX_DATA_ROWS),  # 2026-12-07 with English separators, 1,048,576, in both)
                ),
                "agency",
            )
        rows = (decision_words(row, decision) for batch in batches for row in DECISION_ROW.dump(batch, many=True))
        made = download(rows, columns, name, labels=labels)
    else:
        made = csv_stream((map(flat_decision, DECISION_ROW.dump(batch, many=True)) for batch in batches), columns, name)
    # (how many were listed, as the API's whole-list CSV says it: until 2026-12-07 the pages' downloads said nothing to
    # check their rows against)
    made.headers["X-Total-Count"] = str(total)
    return made


# An audited decision's type (projections.merit.queries.DECISION_TYPES) by the event it audits, as kind_label names it
DECISION_EVENTS = {"promotion": "rank_promotion", "post": "post_appointment", "appointment": "appointment"}


def decision_words(row: dict[str, Any], decision: str) -> dict[str, Any]:
    """An audited decision's row as its list page words it, for a workbook (for people; the CSV keeps the codes,
    for machines): the decision's type, its kind (Reguler (101), Jabatan Pengawas), its verdict (ada temuan) and its
    worst severity (tinggi) in the page's language; an agency, unit, region or rank stays its code, as on the page."""
    kind = (
        promotion_kind_name(row["kind"])
        if decision == "promotion"
        else code_name(row["kind"], "education")
        if decision == "appointment"
        else code_label(row["kind"], "post_kind")
    )
    return {
        **row,
        "rules": RULE_SEPARATOR.join(row.get("rules") or ()),
        # (each of the version in force on its TMT, as the CSV's: rule_label; until 2026-12-07 promotion.dates' of 2000)
        "rule_titles": RULE_SEPARATOR.join(rule_label(r, row.get("tmt")) for r in row.get("rules") or ()),
        "decision": kind_label(DECISION_EVENTS.get(row["decision"], row["decision"])),
        "kind": kind if row["kind"] is not None else None,
        "verdict": verdict_words(row["verdict"]),
        "max_severity": severity_label(row["max_severity"]) if row["max_severity"] else None,
    }


def verdict_words(verdict: str | None) -> str:
    """A decision's verdict in the page's language: not judged (NULL: no rule of its kind in force on its date)."""
    if verdict is None:
        return str(_("not judged: no rule in force then"))
    if verdict == NOT_COMPARED:
        return str(_("colleagues not compared here: see its page"))
    return str(_("with findings") if verdict == "findings" else _("compliant"))


@blp.route("/audits/awards")
def awards() -> ResponseReturnValue:
    """The awards of a period and scope with the awards audit's findings, in the visitor's language."""
    account = allowed(Action.RUN_AUDITS)
    verdict = one(request.args, "verdict")
    known = (*PAGE_ARGUMENTS, *AWARD_FILTERS, "verdict")
    errors = {**refused(known, AWARD_KINDS), **given_twice(AWARD_SINGLE)}
    found, errors = (
        (None, errors)
        if errors
        else listed(services().awards, AWARD_FILTERS, 50, page_number(), AWARD_KINDS, verdict=verdict)
    )
    return page(
        "pages/awards.html",
        account,
        status_of(errors),
        found=found,
        errors=errors,
        query=list_query(),
        award_kinds=[(k.code, reference_name("award_kinds", k.code)) for k in reference().award_kinds],
        **filter_choices(account),
    )


@blp.route("/audits/study-leaves")
def study_leaves() -> ResponseReturnValue:
    """The starts of study leave (tugas belajar) of a period and scope with the study-leave audit's findings
    (docs/audit.md, "Study leave"), in the visitor's language."""
    account = allowed(Action.RUN_AUDITS)
    criteria: dict[str, Any] = {name: one(request.args, name) for name in ("verdict", "rule", "severity")}
    known = (*PAGE_ARGUMENTS, *STUDY_LEAVE_FILTERS, *criteria)
    errors = {**refused(known), **given_twice(STUDY_LEAVE_SINGLE)}
    found, errors = (
        (None, errors)
        if errors
        else listed(services().study_leaves, STUDY_LEAVE_FILTERS, 50, page_number(), **criteria)
    )
    return page(
        "pages/study_leaves.html",
        account,
        status_of(errors),
        found=found,
        errors=errors,
        query=list_query(),
        employment_kinds=[(k.code, reference_name("employment_kinds", k.code)) for k in reference().employment_kinds],
        **filter_choices(account),
    )


# The passed-over pairs' page (/pages/audits/passed-over) reads the API's filters (GET /api/v1/audits/passed-over):
# where the decision was made and its TMT; any other argument refused, each of `from` and `to` once
PASSED_OVER_ARGUMENTS = (*PAGE_ARGUMENTS, *SCOPE)
PASSED_OVER_PER_PAGE = 50
PAIRS = PassedOverPairSchema(many=True)
LATER_PAIRS = RecordedLaterPairSchema(many=True)


def passed_over_pairs(account: Account) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """merit.passed_over's pairs of every kind (101, 202, post) the filter form asks for, and the colleagues placed
    otherwise by a record made later, as the API's GET /audits/passed-over answers them and from the same kept answer
    (web.kept.kept_passed_over, which logs the reads it is); or None and the form's errors."""
    start, end, errors = period(request.args)
    errors = {**errors, **refused(PASSED_OVER_ARGUMENTS), **given_twice(SINGLE)}
    errors = errors or filters_outside(account)  # (an unknown agency is refused as such first)
    if errors:
        return None, errors
    try:
        found = kept.kept_passed_over(account, filters_from(request.args, SCOPE), start=start, end=end)
    except InvalidInput as e:
        return None, e.errors
    return found, {}


@blp.route("/audits/passed-over")
def passed_over() -> ResponseReturnValue:
    """The decisions of every kind compared (regular and functional-post promotions, managerial post appointments)
    that passed over an eligible, clearly stronger colleague, pair by pair, by TMT, 50 to a page; and the colleagues a
    record made after a decision places otherwise."""
    account = allowed(Action.RUN_AUDITS)
    number = page_number(PASSED_OVER_PER_PAGE)
    found, errors = passed_over_pairs(account)
    pairs = later = None
    named: set[str] = set()
    if found is not None:
        first = (number - 1) * PASSED_OVER_PER_PAGE
        shown = PAIRS.dump(found["passed_over"][first : first + PASSED_OVER_PER_PAGE])
        pairs = Page(shown, len(found["passed_over"]), number, PASSED_OVER_PER_PAGE)
        later = LATER_PAIRS.dump(found["recorded_later"])
        named = {p["colleague"] for p in shown} | {p["nip"] for p in shown}
    return page(
        "pages/passed_over.html",
        account,
        status_of(errors),
        found=pairs,
        later=later,
        errors=errors,
        query=list_query(),
        measures=MEASURES,
        readable=readable(account, named),
        agencies=agencies_within(account),
        **decision_labels(),
    )


@blp.route("/audits/passed-over.csv")
def passed_over_csv() -> ResponseReturnValue:
    """The passed-over pairs of the filter form as CSV, in the columns and rows of the API's CSV
    (projections.merit.passed_over.PASSED_OVER_CSV_COLUMNS: the comparison flat)."""
    found, errors = passed_over_pairs(allowed(Action.RUN_AUDITS))
    if found is None:
        return refused_download(errors)
    rows = [flat_pair(pair) for pair in PAIRS.dump(found["passed_over"])]
    return csv_download(rows, PASSED_OVER_CSV_COLUMNS, "passed-over.csv")


@blp.route("/audits/<nip>/<int:version>")
def audit(nip: str, version: int) -> ResponseReturnValue:
    """One promotion: its findings with the supporting events, and the colleagues passed over."""
    return audited_decision(nip, version, "promotion", "pages.audits")


@blp.route("/audits/posts/<nip>/<int:version>")
def audited_post(nip: str, version: int) -> ResponseReturnValue:
    """One definitive post appointment: its findings with the supporting events, and the colleagues passed over."""
    return audited_decision(nip, version, "post", "pages.audited_posts")


@blp.route("/audits/appointments/<nip>/<int:version>")
def audited_appointment(nip: str, version: int) -> ResponseReturnValue:
    """One CPNS appointment: its finding (appointment.starting_rank) with the supporting event."""
    return audited_decision(nip, version, "appointment", "pages.audited_appointments")


def audited_decision(nip: str, version: int, decision: str, listed: str) -> ResponseReturnValue:
    """The page of one audited decision of the type (`promotion`, `post`, `appointment`), back to its list; 404 for
    a decision of another type."""
    account = allowed(Action.RUN_AUDITS)
    decision_arguments()
    if version > MOST_VERSION:  # (past what a store's integer holds: SQLite's driver raised OverflowError, a 500)
        abort(404)
    return decision_page(account, services().audit(account, nip, version, decision, rated=True), listed)


def decision_arguments() -> None:
    """InvalidInput naming each argument of a decision page's address it does not read (it reads `lang` alone), as
    the career page and the API refuse theirs: `known_at=2019-01-01` or `as_of=...` showed the decision as judged
    now, as if they had been read. Refused before the decision is read (no access logged)."""
    errors: dict[str, list[str]] = {
        name: [UNKNOWN_FIELD] for name in sorted(set(request.args) - set(DECISION_PAGE_ARGUMENTS))
    }
    if errors:
        raise InvalidInput(errors)


def decision_page(account: Account, decision: dict[str, Any], listed: str) -> ResponseReturnValue:
    """A decision's page, back to the list it came from; each NIP it names (the subject, the colleagues whose facts
    are evidence, compared or placed later) links to its career page only when the reader may open it."""
    from web.pages.career import shown_label, shown_value  # (that module imports this one)

    named = {
        decision["subject"],
        *(e["subject"] for f in decision["findings"] for e in f["evidence"] if e.get("subject")),
        *(p["colleague"] for p in decision["passed_over"]),
        *(c["colleague"] for c in decision["recorded_later"]),
    }
    return page(
        "pages/audit.html",
        account,
        decision=decision,
        # (a decision the lists read `not_compared`: its colleagues are compared here, its verdict says so)
        compared_here=compared_alone(decision) and decision.get("passed_over_count") is not None,
        back=back_to(listed),
        readable=readable(account, named),
        rating_years=decision.get("rating_years", {}),  # (Services.audit's, read where the reads are logged)
        # (a correction's fields and values named as the career page names them, of the event the decision is)
        event=DECISION_EVENTS.get(decision["decision"], decision["decision"]),
        shown=shown_value,
        label=shown_label,
        **decision_labels(),
    )


def back_to(endpoint: str) -> str:
    """The list a decision's page was opened from, with its filters and page (the referring address, when it is that
    list on this site), so an inspector goes from a finding to its evidence and back to where they were; else the
    list unfiltered."""
    listed = url_for(endpoint)
    came_from = urlsplit(request.referrer or "")
    if came_from.netloc == request.host and came_from.path == listed:
        return f"{listed}?{came_from.query}" if came_from.query else listed
    return listed


class DecisionLabels(TypedDict):
    """What a decision's page names codes by (decision_labels)."""

    education_levels: dict[int, str]
    predicates: dict[str, str]


def decision_labels() -> DecisionLabels:
    """What a decision's page names codes by: the education at each place of the ladder, the SKP predicates."""
    return {
        "education_levels": education_levels(),
        "predicates": {p.code: p.name for p in reference().skp_predicates},
    }


def education_levels() -> dict[int, str]:
    """The education codes at each place of the ladder the passed-over comparison measures (7: S-1/D-IV)."""
    found: dict[int, list[str]] = {}
    for code, row in reference().education.rows.items():
        if row.get("order"):
            found.setdefault(int(row["order"]), []).append(code)
    return {order: "/".join(codes) for order, codes in found.items()}


def min_cell_arg(args: MultiDict[str, str]) -> int | None:
    """The min_cell asked for; None when not given (rule fairness.adverse_impact's, which the answer names)."""
    value = one(args, "min_cell")
    if value is None:
        return None
    number = whole(value)
    if whole_number(value) and number is None:  # (more digits than int() reads: beyond the services' bound)
        most = local_number(MAX_MIN_CELL)
        raise InvalidInput(_("Must be a whole number from %(low)s to %(high)s.", low=1, high=most), "min_cell")
    if number is None or number < 1:
        raise InvalidInput(_("Must be a whole number of at least 1."), "min_cell")
    return number


def statistics(
    kind: str, known: tuple[str, ...] = STATISTICS_ARGUMENTS, single: tuple[str, ...] = STATISTICS_SINGLE
) -> tuple[dict[str, Any] | None, dict[str, list[str]], dict[str, Any]]:
    """Fairness (`rates`) or time to promotion (`times`) for the filter form, or the form's errors (`known`: the
    arguments of the address read, any other refused; `single`: those read once)."""
    found, errors, form, _key = kept_statistics(kind, known, single)
    return found, errors, form


def groupings(args: MultiDict[str, str]) -> list[str]:
    """The groupings asked for: the form's two selects (`by=sex&by=education`; the second left blank, none) or, as
    the API and the reports pages write them, one `by` of fields between commas (`by=sex,education`), which the page
    refused as an unknown grouping 'sex,education'. A field left empty beside a comma (`by=sex,`) is kept, and
    refused by empty_grouping. A field is read in any letter case (`Sex` is sex, as the API reads it: until 2026-12-06
    both refused it)."""
    known = {d.casefold(): d for d in DIMENSIONS}
    fields = [field.strip() for value in args.getlist("by") if value.strip() for field in value.split(",")]
    return [known.get(field.casefold(), field) for field in fields]


def empty_grouping() -> dict[str, list[str]]:
    """The error beside `by` for a field left empty beside a comma (`by=sex,`, `by=sex,,education`), in the API's
    words (AnyCase.empty_part, EMPTY_PART: the statistics read the fields named and would drop it); until 2026-12-06
    the unknown grouping ''."""
    return empty_part("by", AnyCase(DIMENSIONS))


def kept_statistics(
    kind: str, known: tuple[str, ...] = STATISTICS_ARGUMENTS, single: tuple[str, ...] = STATISTICS_SINGLE
) -> tuple[dict[str, Any] | None, dict[str, list[str]], dict[str, Any], Hashable]:
    """`statistics`, with the key it is kept under for this worker (web.kept). The fairness page reads `count`
    (STATISTICS_ARGUMENTS) for its selection rates, the time-to-promotion downloads (TIME_ARGUMENTS) refuse it."""
    args = request.args
    account = allowed(Action.RUN_AUDITS)
    start, end, errors = period(args)
    by = groupings(args) or ["sex"]
    count = args.get("count") or ROUND  # (how the selection rates count the pool: time to promotion has no count)
    form = {"by": by, "min_cell": args.get("min_cell", ""), "count": count}
    errors = {**errors, **refused(known), **given_twice(single), **empty_grouping()}
    errors = errors or filters_outside(account)  # (an unknown agency is refused as such first)
    if "count" in known and count not in COUNTS:
        counts = ", ".join(COUNTS)
        errors["count"] = [_("Must be one of %(known)s; got %(value)s.", known=counts, value=quoted(count))]
    if errors:
        return None, errors, form, None
    filters = filters_from(args, SCOPE)
    try:
        min_cell = min_cell_arg(args)
        key, found = kept.kept_statistic(
            kind, account, by, filters, start=start, end=end, min_cell=min_cell, count=count
        )
    except InvalidInput as e:
        return None, e.errors, form, None
    if min_cell is None and kind == "rates":  # the form shows the rule's, which the selection rates used
        form["min_cell"] = found["min_cell"]
    return found, {}, form, key


def rate_chart(result: dict[str, Any], by: list[str]) -> Markup | None:
    shown = [g for g in result["groups"] if not g["suppressed"] and g["selection_rate"] is not None]
    if not shown:
        return None
    line = result["four_fifths"] * max(g["selection_rate"] for g in shown)
    bars = [
        charts.Bar(group_name(g["group"], by), g["selection_rate"] or 0.0, g["suppressed"]) for g in result["groups"]
    ]
    title = _("Selection rate per group")
    # the line is at the threshold of rule fairness.adverse_impact the answer used: four fifths unless a rules file
    # sets another
    threshold = result["four_fifths"]
    label = (
        _("four fifths of the highest rate")
        if threshold == FOUR_FIFTHS
        else _("%(threshold)s of the highest rate", threshold=local_number(threshold))
    )
    return charts.bar_chart(bars, title, line=line, line_label=label, share=True)


def km_chart(result: dict[str, Any], by: list[str]) -> Markup | None:
    curves = [
        (group_name(g["group"], by), [p["years"] for p in g["curve"]], [p["survival"] for p in g["curve"]])
        for g in result["groups"]
        if g["curve"]
    ]
    if not curves:
        return None
    return charts.survival_chart(curves, _("Share not yet promoted (Kaplan-Meier)"), _("Years in rank"))


@blp.route("/fairness")
def fairness() -> ResponseReturnValue:
    """Selection rates against the four-fifths line, the statistics table, and time-to-promotion curves; the
    statistics and charts computed once per views' position, query, day and language (web.kept)."""
    account = allowed(Action.RUN_AUDITS)
    rates, errors, form, rates_key = kept_statistics("rates")
    times, times_errors, _form, times_key = kept_statistics("times") if rates is not None else (None, {}, form, None)
    errors = {**errors, **times_errors}  # (a `from` after today: no rank spell to follow, refused beside it)
    by = form["by"]
    return page(
        "pages/fairness.html",
        account,
        status_of(errors),
        rates=rates,
        times=times,
        errors=errors,
        form=form,
        rate_svg=kept.chart("rates", rates_key, lambda: rate_chart(rates, by)) if rates else None,
        km_svg=kept.chart("times", times_key, lambda: km_chart(times, by)) if times else None,
        rates_untested=untested_note("rates", rates, by) if rates else None,
        times_untested=untested_note("times", times, by) if times else None,
        query=request.query_string.decode(),
        times_query=query_without("count"),  # (the time-to-promotion downloads read no `count`: TIME_ARGUMENTS)
        **filter_choices(account),
    )


def query_without(*names: str) -> str:
    """The address's query without the arguments `names` (each piece of the others as it was written), for a link to
    a download that does not read them: the fairness page's time-to-promotion downloads took its `count=person` and
    read nothing of it."""
    pieces = request.query_string.decode().split("&")
    return "&".join(p for p in pieces if p and unquote_plus(p.split("=", 1)[0]) not in names)


@blp.route("/fairness.csv")
def fairness_csv() -> ResponseReturnValue:
    """The fairness statistics table as CSV."""
    return fairness_table("fairness.csv")


@blp.route("/fairness.xlsx")
def fairness_xlsx() -> ResponseReturnValue:
    """The fairness statistics table as an Excel workbook (the CSV's rows, typed cells)."""
    return fairness_table("fairness.xlsx")


def fairness_table(name: str) -> ResponseReturnValue:
    rates, errors, form = statistics("rates")
    if rates is None:
        return refused_download(errors)
    # `pool` beside the deprecated `eligible`, last, as in the API's CSV; the impact ratio's interval as its two
    # bounds (`impact_ratio_low`, `impact_ratio_high`), numbers a spreadsheet reads, as the page shows them
    groups = [time_row(group) for group in with_pool(rates["groups"])]
    columns = notes_last(columns_of(groups or [empty_row(fairness_schema)]))
    if name.endswith(".xlsx"):
        groups = group_words(groups, form["by"], untested_note("rates", rates, form["by"]))
    levels = {"impact_ratio": rates["impact_ratio_ci_level"]}
    return download(groups, columns, name, labels=statistics_column_labels(columns, levels))


@blp.route("/time-to-promotion.csv")
def time_csv() -> ResponseReturnValue:
    """The time-to-promotion table as CSV."""
    return time_table("time-to-promotion.csv")


@blp.route("/time-to-promotion.xlsx")
def time_xlsx() -> ResponseReturnValue:
    """The time-to-promotion table as an Excel workbook."""
    return time_table("time-to-promotion.xlsx")


def time_table(name: str) -> ResponseReturnValue:
    times, errors, form = statistics("times", TIME_ARGUMENTS, TIME_SINGLE)
    if times is None:
        return refused_download(errors)
    rows = [time_row(group) for group in times["groups"]]
    columns = notes_last(columns_of(rows or [empty_row(time_to_promotion_schema)], leave_out=["curve", "incidence"]))
    if name.endswith(".xlsx"):
        rows = group_words(rows, form["by"], untested_note("times", times, form["by"]))
    # every interval at the answer's level, 1 - alpha (`ci_level`), as the impact ratio's
    level = times.get("ci_level", DEFAULT_LEVEL)
    levels = {f"incidence_{h}y": level for h in (4, 8)} | {"hazard_ratio": level}
    return download(rows, columns, name, labels=statistics_column_labels(columns, levels))


# The columns of the statistics' downloads that carry the answer's notes on each row, last, after every figure (and
# after `pool`), so that the columns before them keep their places: why nothing is compared
# (projections.merit.fairness.counted_and_untested), and how the selection rates' pool was counted (`count`)
NOTE_COLUMNS = (
    "untested",
    "count",
    # the answer's rounds and period (the selection rates), its log-rank test and Cox model (time to promotion), on
    # each row after the notes (since 2026-12-06)
    "rounds",
    "first_round",
    "last_round",
    "period_from",
    "period_to",
    "logrank_chi2",
    "logrank_df",
    "logrank_p",
    "cox_reference_group",
    "hazard_ratio",
    "hazard_ratio_low",
    "hazard_ratio_high",
    "p_cox",
)


def notes_last(columns: list[str]) -> list[str]:
    """The columns with the notes' (`NOTE_COLUMNS`) last."""
    return [c for c in columns if c not in NOTE_COLUMNS] + [c for c in NOTE_COLUMNS if c in columns]


def group_words(rows: list[dict[str, Any]], by: list[str], untested: str | None = None) -> list[dict[str, Any]]:
    """The statistics' rows with each group as the fairness page names it (Laki-laki (M), Perempuan (F) / Sarjana
    (S-1)), why nothing is compared as the page says it (`untested`: untested_note), and how the pool was counted as
    its chooser says it (`count`), for a workbook; the CSV keeps the codes (F / S-1, fewer_than_two_groups, person),
    for machines."""
    worded = [{**row, "group": group_name(row["group"], by)} for row in rows]
    worded = [{**row, "count": count_words(row["count"])} if "count" in row else row for row in worded]
    return [{**row, "untested": untested} if row.get("untested") else row for row in worded]


def count_words(count: str) -> str:
    """How a pool was counted (`round`, `person`) as the fairness page's chooser says it."""
    return _("each person once in the period") if count == "person" else _("each person once per round")


def untested_note(kind: str, answer: Mapping[str, Any], by: list[str]) -> str | None:
    """Why the selection rates (`kind` "rates") or time to promotion ("times") compare nothing, in the page's
    language, as the fairness page says it under the table and its workbook on each row: fewer than two groups shown
    (`untested`), and grouped by employment kind alone why PNS is the only one (PPPK are never promoted in rank), or
    that nobody in the groups shown was promoted; None when they compare."""
    if not answer.get("untested"):
        return None
    if answer["untested"] == NO_ROUND:
        return _("No impact ratio and no test: no promotion round falls in the period.")
    if answer["untested"] == REFERENCE_WITHHELD:  # (a reader of aggregates' scorecard: projections.suppression)
        return _(
            "No impact ratio against another group and no test: the group they are compared with, of the highest "
            "selection rate, is withheld, and a ratio beside it would give its rate."
        )
    if answer["untested"] == NOBODY_PROMOTED:
        if kind == "rates":
            return _("No impact ratio against another group and no test: nobody in the groups shown was promoted.")
        return _("No log-rank test or Cox model: nobody in the groups shown was promoted.")
    least = local_number(answer["min_cell"])
    if kind == "rates":
        note = _(
            "No impact ratio against another group and no test: they compare two groups or more, each with a pool of "
            "at least %(min)s, and fewer are shown here.",
            min=least,
        )
        why = _(
            "Grouped by employment kind there is only one group, PNS: PPPK are not promoted in rank, so they are in "
            "no promotion round and in no pool. Their time to promotion is not counted either."
        )
    else:
        note = _(
            "No log-rank test or Cox model: they compare two groups or more, each with n of at least %(min)s, and "
            "fewer are shown here.",
            min=least,
        )
        why = _(
            "Grouped by employment kind there is only one group, PNS: PPPK are not promoted in rank, so time to "
            "promotion does not count them. Their selection is not compared here either: they are in no promotion "
            "round."
        )
    # (employment kind alone: with another dimension the groups are PNS·F, PNS·M, ..., and fewer than two of them may
    # be shown for another reason, each of the others under min_cell)
    return f"{note} {why}" if set(by) == {"employment_kind"} else note


def empty_row(schema: Schema) -> dict[str, Any]:
    """A row of no group, with the keys of the statistic's rows as its API's response schema documents them (its
    `groups`), as `time_row` makes them: the columns of a download no group answers (an agency with no staff), which
    was a file with no header row, where the API's CSV is headed by them."""
    return time_row(dict.fromkeys(row_columns(schema, "groups", {})))


def time_row(group: dict[str, Any]) -> dict[str, Any]:
    """A group of time to promotion (or of the selection rates) as plain cells: each interval as its two bounds
    (`incidence_4y_low`, `incidence_4y_high`; `impact_ratio_low`, `impact_ratio_high`), in its place; the curve and
    the incidence's points, as on the page, are left to the API."""
    return interval_cells(group)
