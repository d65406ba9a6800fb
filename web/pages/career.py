"""Riwayat Karier: an employee's career record, its charts, eligibility, who read it, and its download."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import orjson
from babel.numbers import get_decimal_symbol
from flask import Response, current_app, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from careerlog.access import Action, Target, permits
from careerlog.accounts import Account
from careerlog.application import RECORDABLE_KINDS
from careerlog.domain.employee import ENDED_BY_PLACEMENT, one_training
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.domain.events import BY_KIND
from careerlog.domain.nip import parse_nip
from careerlog.domain.payload import UNKNOWN_FIELD, FieldSpec, payload_fields
from careerlog.reference import Table, reference, rules
from careerlog.spreadsheet import kept_as_text
from careerlog.workbooks import nip_column
from projections.career import confirmation_due
from projections.timeline import COUNTED_ONCE_WITH
from projections.training import YEARLY_JP_RULE
from web.pages import charts, local_date, local_number, sheet_time, zone_name
from web.pages.common import allowed, blp, given_twice, may, page, services, shown_after_write, signed_in
from web.pages.export import csv_download
from web.pages.hr import RECORDABLE
from web.pages.inspector import page_number, unknown_arguments
from web.pages.labels import (
    cited,
    code_name,
    dp3_year,
    fact_kind_label,
    field_label,
    promotion_kind_name,
    reference_name,
)
from web.pages.messages import reason_text
from web.pages.next_promotion import RANK_FIELDS, citation, next_promotion, rank_steps
from web.scoping import missing
from web.security import PRIVATE_REVALIDATED

DEFAULT_TARGET_JP = 20
# The timeline's orders (the address's `order`): newest first unless asked, as a long record (thirty years, some forty
# facts) is read for what happened last; the API's timeline keeps its order (oldest first).
ORDERS = ("newest", "oldest")
# the address's arguments the page reads (wait_for: the record form's link, shown_after_write); any other is refused (a
# 422 naming it)
ARGUMENTS = ("order", "lang", "wait_for", "page")  # (`page`: of the readers' list, READERS_PER_PAGE a page)
READERS_PER_PAGE = 20
CSV_ARGUMENTS = ("lang",)  # the record's download reads its language alone (its rows in the record's order)
# The page of an audited decision of each type (web.pages.inspector)
AUDIT_PAGES = {"promotion": "pages.audit", "post": "pages.audited_post", "appointment": "pages.audited_appointment"}
NAME_AND_CODE = ("promotion_kinds", "regions")  # shown "Reguler (101)", "Kota Medan (12.71)"


@functools.lru_cache(maxsize=256)
def field_spec(kind: str, field: str) -> FieldSpec | None:
    event = BY_KIND.get(kind)
    return next((s for s in payload_fields(event) if s.name == field), None) if event is not None else None


@functools.lru_cache(maxsize=256)
def value_table(kind: str, field: str) -> Table | None:
    """The reference table a field's codes come from: the ranks for a rank, the functional levels for a post's
    level (an eselon such as IV.a is in none), else the field's own table."""
    if field in RANK_FIELDS.values():
        return reference().ranks
    if (kind, field) == ("post_appointment", "level"):
        return reference().functional_levels
    spec = field_spec(kind, field)
    return reference().table(spec.table) if spec is not None and spec.table else None


# The reason a post end recorded with its placement stores (rule placement.ends_post: a stored text, in English) read
# back for its agency, shown in the visitor's language; any other reason is the writer's own words, shown as recorded
_BEFORE_AGENCY, _AFTER_AGENCY = ENDED_BY_PLACEMENT.split("{agency}")
ENDED_BY_PLACEMENT_READ = re.compile(re.escape(_BEFORE_AGENCY) + r"(.+)" + re.escape(_AFTER_AGENCY))


def post_end_reason(value: str) -> str:
    """A post end's reason as shown: the system's (ENDED_BY_PLACEMENT) translated, naming its agency as stored."""
    matched = ENDED_BY_PLACEMENT_READ.fullmatch(value)
    if matched is None:
        return value
    return _("Inter-agency placement to %(agency)s (rule placement.ends_post)", agency=matched.group(1))


def shown_value(kind: str, field: str, value: Any) -> Any:
    """A code as a civil servant reads it on a decree: its name in the reference table, with the code where the
    code itself is what people say (III/b (Penata Muda Tingkat I), Reguler (101), Kota Medan (12.71)); a date or
    a decimal amount (a training's cost) in the visitor's language; the reason a placement's post end stores
    (post_end_reason) translated; anything else (a title, a year, JP, a PPPK grade) as recorded."""
    if (kind, field) == ("post_end", "reason") and isinstance(value, str):
        return post_end_reason(value)
    spec = field_spec(kind, field)
    if spec is not None and value is not None and value != "":
        if spec.type is date:
            return local_date(str(value))
        if spec.type is Decimal:
            return local_number(Decimal(str(value)))
    table = value_table(kind, field) if isinstance(value, str) else None
    if table is None or value not in table:
        return value
    if table.name == "promotion_kinds":
        return promotion_kind_name(value)  # (in the visitor's language, with its code)
    if table.name == "education":  # Diploma III (D-III), Sarjana (S-1): as the page's other sentences name it
        return code_name(value, "education")
    name = reference_name(table.name, value)  # Laki-laki; Male on an English page (labels.GROUP_LABELS)
    if field in RANK_FIELDS.values():
        return f"{value} ({name})"
    return f"{name} ({value})" if table.name in NAME_AND_CODE else name


def shown_label(kind: str, field: str, value: Any, values: Mapping[str, Any] | None = None) -> str:
    """A fact's field name as the page shows it: a post's level is an eselon (II.b) unless it is a functional
    level (Ahli Muda: its jenjang); a PPPK's appointment holds a grade (golongan PPPK: IX), not a rank (pangkat);
    the predicate of a rating of a year rated by DP3 (before SKP: rule skp.scheme, the fact's `values` giving the
    year) a DP3 predicate, not an SKP one; any other by labels.field_label."""
    if (kind, field) == ("post_appointment", "level") and value and value not in reference().functional_levels:
        return _("Echelon")
    if (kind, field) == ("appointment", "rank") and value in reference().pppk_grades:
        return _("PPPK grade")
    if (kind, field) == ("performance_rating", "predicate") and dp3_year((values or {}).get("year")):
        return _("DP3 predicate")
    return field_label(field, kind)


def rank_title(items: list[dict[str, Any]]) -> str:
    """The rank chart's title: a PPPK's grades (golongan PPPK) are no rank (pangkat), as shown_label names them."""
    steps = rank_steps(items)
    if steps and all(rank in reference().pppk_grades for _day, rank in steps):
        return _("PPPK grade over the years")
    return _("Rank over the years")


ChartArgs = tuple[tuple[Any, ...], dict[str, Any]]  # what a chart of web.pages.charts is drawn from


def rank_chart_args(items: list[dict[str, Any]], today: date) -> ChartArgs | None:
    """What the rank chart is drawn from (charts.rank_chart), None for a record of no rank."""
    steps = rank_steps(items)
    if not steps:
        return None
    ref = reference()
    ladder = [c.code for table in (ref.ranks, ref.pppk_grades) for c in table]
    return (steps, ladder, rank_title(items)), {"today": today}  # (today: drawn on, not signed: UNSIGNED)


def jp_chart_args(training: dict[str, Any]) -> ChartArgs | None:
    """What the JP chart is drawn from (charts.jp_chart), None for a record of no year of training."""
    years = training.get("years") or []
    if not years:
        return None
    bars = ([y["year"] for y in years], [float(y["hours"]) for y in years])
    if training.get("employment_kind") == "PPPK":  # the yearly JP is a PNS's (PP 11/2017 art. 203(4)): no line
        return (*bars, None, _("Training hours (JP) per year")), {}
    targets = [y["target_jp"] for y in years if y.get("target_jp") is not None]
    target = float(targets[-1]) if targets else DEFAULT_TARGET_JP
    short = [y.get("met") is False for y in years]  # only the years judged: none before the rule, nor a CPNS's
    judged = [y.get("target_jp") is not None for y in years]  # the line over them alone
    label = _("%(jp)s JP a year", jp=int(target))
    return (*bars, target, _("Training hours (JP) per year"), label), {"short": short, "judged": judged}


def rank_chart(items: list[dict[str, Any]], today: date) -> Markup | None:
    found = rank_chart_args(items, today)
    return None if found is None else charts.rank_chart(*found[0], **found[1])


def jp_chart(training: dict[str, Any]) -> Markup | None:
    found = jp_chart_args(training)
    return None if found is None else charts.jp_chart(*found[0], **found[1])


# The career page's charts, each its own image (`career_chart`): the page's HTML no longer waits for matplotlib (the
# two charts were some two thirds of a first open's time: 0.8 s of 1.3 s under load), and a chart seen again is
# answered 304 by its ETag. Its address holds `chart_key`, a keyed digest of the reader and what the chart is drawn
# from: the image is answered only to the reader whose page view (logged: `career_page`) gave the address, only for
# that page's record, and only while the record draws that chart, so that it is no read of its own (no access-log row)
# and no way around the log.
CHART_DRAWERS: dict[str, Callable[..., Markup]] = {"rank": charts.rank_chart, "jp": charts.jp_chart}
CHART_ARGUMENTS = ("v", "lang")
# What a chart is drawn on but not from: the rank chart's last step runs to today, yet a page loaded before the day
# turns (Asia/Jayapura's, 15:00 UTC) keeps its image; its ETag (chart_tag) still changes with it.
UNSIGNED = frozenset({"today"})


def chart_text(args: ChartArgs, unsigned: frozenset[str] = frozenset()) -> str:
    """Everything a chart is drawn from, as text to digest; without the keyword arguments named in `unsigned`."""
    return repr((charts.frozen(args[0]), sorted((k, v) for k, v in args[1].items() if k not in unsigned)))


def chart_key(account: Account, nip: str, which: str, args: ChartArgs) -> str:
    """The digest of a chart's address (its `v`): keyed by the app's secret, of the reader, the record (its NIP), the
    chart, the page's language and what the chart is drawn from (but the day it is drawn on: UNSIGNED)."""
    said = repr((account.username, nip, which, str(get_locale()), chart_text(args, UNSIGNED)))
    secret = str(current_app.secret_key or "").encode()
    return hmac.new(secret, said.encode(), hashlib.sha256).hexdigest()[:32]


def chart_tag(key: str, args: ChartArgs) -> str:
    """A chart's ETag: its address's key and everything it is drawn from, the day too (a day turned: drawn anew)."""
    return hashlib.sha256(f"{key} {chart_text(args)}".encode()).hexdigest()[:32]


def chart_image(account: Account, nip: str, which: str, args: ChartArgs | None, alt: str) -> dict[str, str] | None:
    """A chart as the page shows it: the address of its image (`career_chart`) and its text alternative."""
    if args is None:
        return None
    key = chart_key(account, nip, which, args)
    lang = str(get_locale())
    return {"src": url_for("pages.career_chart", nip=nip, which=which, v=key, lang=lang), "alt": alt}


def rank_alt(args: ChartArgs | None) -> str:
    """The rank chart's text alternative: its title and each rank with the day it was reached, as the chart draws
    them ("Rank over the years: III/a from 1 Mar 2010, III/b from 1 Apr 2014")."""
    if args is None:
        return ""
    steps, _ladder, title = args[0]
    held = ", ".join(_("%(rank)s from %(day)s", rank=rank, day=local_date(day.isoformat())) for day, rank in steps)
    return f"{title}: {held}"


def before_the_rule(training: dict[str, Any]) -> dict[str, Any] | None:
    """The years of the JP table before the 20 JP a year was in force (none of training.yearly_jp's versions in force
    on their 31 December: PP 11/2017 art. 203(4) set it from 30 March 2017, as bundled), which show their JP with no
    target and no verdict, with the first version's day, JP and source: the page says why they are not judged. None
    for a PPPK (the 20 JP is never theirs, and the page says so) and for a record with no such year."""
    versions = rules().versions(YEARLY_JP_RULE)
    if training.get("employment_kind") == "PPPK" or not versions:
        return None
    first = min(versions, key=lambda rule: rule.valid_from)
    years = [y["year"] for y in training.get("years") or [] if date(y["year"], 12, 31) < first.valid_from]
    if not years:
        return None
    return {
        "years": str(years[0]) if len(years) == 1 else f"{years[0]}\u2013{years[-1]}",  # (a span: every year served)
        "day": first.valid_from.isoformat(),
        "year": first.valid_from.year,
        "jp": int(first.params["jp"]),
        "source": first.source,
    }


def nip_shown(nip: str) -> str:
    """A NIP as a decree prints it, in its 8-6-1-3 display form (19860926 201003 1 701); one that is not a
    well-formed number (a record migrated with another) as stored."""
    try:
        return parse_nip(nip).display
    except InvalidInput:
        return nip


def appointed_name(items: list[dict[str, Any]]) -> str | None:
    """The name on the appointment (as corrected), for a record the roster does not hold yet."""
    names = (i["values"].get("name") for i in items if i["kind"] == "appointment")
    return next((str(name) for name in names if name), None)


def standing(employee: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Whether an employee on the PNS track is a PNS or still a CPNS, as every view reads it (`projections.career.
    pns_from`): a PNS since the confirmation (its effective date, as corrected; one retracted counts not), a CPNS
    since the appointment while none is recorded, however long ago, with the day it was due (the end of the probation
    year) so that the employee and HR see what to record; a CPNS separated (died, dismissed...) before any is recorded
    was one until the separation, with nothing due any more (`left`). None for a PPPK or a record the roster does not
    hold yet."""
    appointed = employee.get("appointed_on")
    if employee.get("employment_kind") != "PNS" or not appointed:
        return None
    days = [i["effective_date"] for i in items if i["kind"] == "confirmation" and not i.get("retracted")]
    if employee.get("confirmed") and days:
        return {"pns": True, "since": min(days)}
    if employee.get("separated_on"):
        return {"pns": False, "since": appointed, "left": employee["separated_on"]}
    due = confirmation_due(date.fromisoformat(appointed)).isoformat()
    return {"pns": False, "since": appointed, "due": due}


def is_pppk_number(nip: str) -> bool:
    """Whether an identity number is an NI PPPK (digit 13 is 2, rule nip.pppk_digit, where a PNS NIP has a month's tens
    digit, 0 or 1); a number that is not well-formed is not."""
    try:
        return parse_nip(nip).employment_kind == "PPPK"
    except InvalidInput:
        return False


def heading(found: dict[str, Any], nip: str) -> dict[str, Any]:
    """Who the record is of, as a government HR page heads it: the name, the identity number in its display form (a
    PNS's NIP; a PPPK's NI PPPK, named so: `nip_label`), the agency (instansi) by its name and the rank now held
    (pangkat/golongan, by its code and name; a PPPK's grade), the unit and the post held (`post_held`) from the roster
    row (`employee`), the name from the appointment when the roster does not hold the row yet, and a PNS-track
    employee's standing, CPNS or PNS (`standing`)."""
    employee = found.get("employee") or {}
    ref, rank, agency = reference(), employee.get("rank"), employee.get("agency")
    pppk = employee.get("employment_kind") == "PPPK" or rank in ref.pppk_grades
    return {
        "name": employee.get("name") or appointed_name(found["timeline"]["items"]),
        "nip_label": "NI PPPK" if pppk or (not employee and is_pppk_number(nip)) else "NIP",
        "nip": nip_shown(nip),
        "agency": ref.agencies[agency].name if isinstance(agency, str) and agency in ref.agencies else agency,
        "rank_label": _("PPPK grade") if pppk else _("Rank"),
        "rank": f"{rank} ({ref.ranks[rank].name})"
        if not pppk and isinstance(rank, str) and rank in ref.ranks
        else rank,
        "standing": standing(employee, found["timeline"]["items"]),
        "unit": employee.get("unit") or None,
        "post": post_held(employee),
    }


def post_held(employee: dict[str, Any]) -> str | None:
    """The post the roster row holds now (the last held, of a record whose service ended), as the timeline names its
    fields: its title, its kind as the reference names it (until 2026-12-06 left out: "Bendahara" said nothing of
    the post), its eselon or functional level, and how it is held when not definitively ("Kepala Seksi Anggaran
    (Jabatan Pengawas, IV.a), Pelaksana Tugas (Plt)"); None when no post is held."""
    title = employee.get("post_title")
    if not title:
        return None
    kind, level, assignment = employee.get("post_kind"), employee.get("post_level"), employee.get("post_assignment")
    about = [shown_value("post_appointment", field, value) for field, value in (("post_kind", kind), ("level", level))]
    shown = f"{title} ({', '.join(str(a) for a in about if a)})" if kind or level else str(title)
    if assignment and assignment != "DEFINITIVE":
        shown += f", {shown_value('post_appointment', 'assignment', assignment)}"
    return shown


def readers_of(account: Account, nip: str, number: int = 1) -> dict[str, Any] | None:
    """Who read this record, when the account may see the access log: its page `number`, READERS_PER_PAGE reads a
    page, newest first (the page links to the others: the first 20 alone were shown, "20 of 45 reads shown", with no
    way to the rest)."""
    if not may(account, Action.READ_ACCESS_LOG):
        return None
    return services().access_log(account, {"nip": [nip]}, page=number, per_page=READERS_PER_PAGE)


def readers_query(nip: str) -> dict[str, Any]:
    """The address of the readers' other pages but its page: the page's own arguments, opened at the readers'
    heading (not `wait_for`: its recording is shown)."""
    kept = {name: request.args.getlist(name) for name in ("order", "lang") if name in request.args}
    return {"nip": nip, "_anchor": "h-readers", **kept}


def timeline_order() -> str:
    """The timeline's order the address asks for (`order`: newest, the default, or oldest); InvalidInput naming
    the argument otherwise (a 422 page), not a page in an order its reader did not ask for: an order it does not
    know, `order` given twice, or an argument the page does not read (`sort`), as the reports pages refuse them."""
    errors = {**unknown_arguments(ARGUMENTS), **given_twice(("order",))}
    if errors:
        raise InvalidInput(errors)
    value = request.args.get("order", "").strip() or ORDERS[0]
    if value not in ORDERS:
        known = ", ".join(ORDERS)
        raise InvalidInput(_("Must be one of %(known)s; got %(value)s.", known=known, value=repr(value)), "order")
    return value


def audit_links(account: Account, nip: str) -> dict[int, str]:
    """The address of each audited decision's page (a rank promotion's, a definitive post appointment's, a CPNS
    appointment's: web.pages.inspector) by its fact's version, for a reader whose audits reach where it was decided (an
    inspector of that scope, an administrator), as the decision's page itself allows (Services.audit); none for
    a reader the audit pages are not for (the employee, HR), whose page links to no page that would refuse them."""
    if not may(account, Action.RUN_AUDITS):
        return {}
    return {
        row["version"]: url_for(AUDIT_PAGES[row["decision"]], nip=nip, version=row["version"])
        for row in services().audit_view.decisions_of(nip)
        if row["decision"] in AUDIT_PAGES
        and permits(account, Action.RUN_AUDITS, Target(nip, row["agency"], row["region"]))
    }


Read = TypeVar("Read")


def once_shown(account: Account, nip: str, read: Callable[[], Read]) -> Read:
    """`read` (of a record's views), once the views show the record the log holds: a record recorded a moment ago (an
    appointment imported or sent through the API, its career record opened by its NIP at once) is in the log before
    the follower adds it to the views, and was "Page not found: there is nothing here" to the HR officer who had just
    recorded it. When the views know the NIP not and the reader may read the record the log holds (services.target,
    else the same 404), the read waits for the views to reach the log's head, at most CAREERLOG_WAIT_SECONDS (then the
    503 page: "Wait a moment and load the page again"), and is made again."""
    try:
        return read()
    except NotFound:
        services().target(account, Action.READ_RECORD, nip, views=True)  # (the 404 of a record not recorded or not
        # the reader's, or voided: in no view, not waited for)
        services().wait_for(services().ledger.max_notification_id())
        return read()


def probable_duplicates(items: list[dict[str, Any]]) -> dict[int, tuple[int, str]]:
    """The trainings that seem to repeat one recorded before them, by version, each with the version it repeats and
    what the two have the same, in the visitor's language: the timeline's `counted_once_with`
    (projections.timeline.with_repeats, rule training.counted_once: one training as rule training.duplicate reads
    two, careerlog.domain.employee.one_training, the same days and JP and the same certificate or title and
    organiser; neither retracted, the two not confirmed as attended twice), worded as the check a writer is asked
    words it. A training recorded live is refused so unless confirmed (training.duplicate); one imported or migrated
    with the history gets through: the page flags it so that HR retracts one, and says its JP are counted once
    (docs/rules.md)."""
    values = {int(i["version"]): i["values"] for i in items if i["kind"] == "training"}
    found = {}
    for item in items:
        if COUNTED_ONCE_WITH in item:
            repeated = int(item[COUNTED_ONCE_WITH])
            same = one_training(item["values"], values.get(repeated, {}))
            found[int(item["version"])] = (repeated, reason_text(same) if same is not None else "")
    return found


@blp.route("/employees/<nip>")
def career(nip: str) -> ResponseReturnValue:
    """Show an employee's career: timeline with corrections, charts, next promotion, mentoring, readers."""
    account = signed_in()
    order = timeline_order()  # (refused before the record is read: no access logged for a page not shown)
    readers_page = page_number(READERS_PER_PAGE)  # (so is a page of its readers that is no page number)
    if "wait_for" in request.args:  # the reader's scope before the wait: refused at once, nothing told by the time
        services().target(account, Action.READ_RECORD, nip)
    caught_up = shown_after_write()  # (opened from the record form's link: its recording shown)
    found = once_shown(account, nip, lambda: services().career_page(account, nip))
    subject = found["timeline"]["nip"]
    lagging = found.pop("behind")  # (read before the rows: Services.aligned)
    today = services().eligibility_view.today  # the day the rows' `reached` and `next_date` are read on
    who = heading(found, subject)
    # The employee reading their own record is spoken to ("Your service is expected to end ..."); HR, an inspector
    # or an administrator, whose heading names the employee, reads of "the employee" ("The employee's service is
    # expected to end ...", "Masa dinas yang bersangkutan ..."), the name said once, in the heading.
    own = account.nip == subject
    items = found["timeline"]["items"]
    ranks = rank_chart_args(items, today)
    jp_alt = _("%(title)s: the table below gives each year's JP", title=_("Training hours (JP) per year"))
    return page(
        "pages/career.html",
        account,
        **{**found, **next_promotion(found, today, own)},  # the reason none is open, named
        who=who,
        own=own,
        caught_up=caught_up,
        behind=caught_up and lagging,  # (a view older than the record's events is never shown without saying so; a
        # wait_for not met says so already)
        person=who["name"] or who["nip"],
        order=order,
        timeline_items=items[::-1] if order == "newest" else items,
        duplicates=probable_duplicates(items),  # a training that seems recorded twice: flagged beside it
        audited=audit_links(account, subject),
        readers=readers_of(account, subject, readers_page),
        readers_query=readers_query(nip),
        may_record=may(account, Action.RECORD),  # links to correct or retract each fact (the record form)
        recordable=RECORDABLE,
        rank_chart=chart_image(account, subject, "rank", ranks, rank_alt(ranks)),
        rank_title=rank_title(found["timeline"]["items"]),
        shown=shown_value,
        cite=lambda source: cited(citation(source)),  # a rule's source as the regulations it names (Pasal, ayat in id)
        label=shown_label,
        nip_shown=nip_shown,  # a mentor's or mentee's NIP as the heading writes one (19860926 201003 1 701)
        jp_chart=chart_image(account, subject, "jp", jp_chart_args(found["training"]), jp_alt),
        jp_before_rule=before_the_rule(found["training"]),  # years shown with no target: why
        this_year=today.year,  # its JP are counted as they stand: short of the target is "not yet"
        today=today.isoformat(),  # requirements judged before it were judged on a day gone by
    )


@blp.route("/employees/<nip>/charts/<which>.svg")
def career_chart(nip: str, which: str) -> ResponseReturnValue:
    """A chart of the career page as an SVG image (`CHART_DRAWERS`), drawn from the record as the page reads it: to
    the reader the page gave its address (`chart_key`), within their scope (else the page's own 404), 304 when the
    browser holds it (its ETag); kept by the browser alone and revalidated at each use."""
    account = signed_in()
    errors = {**unknown_arguments(CHART_ARGUMENTS), **given_twice(CHART_ARGUMENTS)}
    if errors:
        raise InvalidInput(errors)
    target = services().target(account, Action.READ_RECORD, nip, views=True)  # (the page's 404 out of scope)
    subject = target.nip or nip
    if which == "rank":
        args = rank_chart_args(services().queries.timeline(subject)["items"], services().eligibility_view.today)
    elif which == "jp":
        args = jp_chart_args(services().training.jp_by_year(subject))
    else:
        raise missing(nip)
    key = chart_key(account, subject, which, args) if args is not None else ""
    given = request.args.get("v", "").encode()  # (bytes: compare_digest refuses a text not ASCII, `v=%C3%A9`)
    if not key or not hmac.compare_digest(given, key.encode()):  # (not this reader's or record's, or drawn otherwise)
        raise missing(nip)
    assert args is not None
    tag = chart_tag(key, args)
    headers = {"ETag": f'"{tag}"', "Cache-Control": PRIVATE_REVALIDATED}
    if tag in request.if_none_match:
        return Response(status=304, headers=headers)
    drawn = CHART_DRAWERS[which](*args[0], **args[1])
    return Response(str(drawn), mimetype="image/svg+xml", headers=headers)


def csv_value(kind: str, field: str, value: Any) -> Any:
    """A fact's value as its cell: a date as recorded (2024-05-06, which a spreadsheet reads as a date whatever its
    language), a decimal with the page language's decimal sign, no grouping and a whole amount without decimals
    (plain_decimal: 1500000,5 in Indonesian, as the spreadsheet reads a number), a NIP as a text a spreadsheet keeps
    (="197912...": careerlog.spreadsheet.kept_as_text), a code by its name as the page shows it (shown_value),
    anything else as recorded."""
    spec = field_spec(kind, field)
    if spec is not None and spec.type is date:
        return str(value)
    if spec is not None and spec.type is Decimal:
        return plain_decimal(Decimal(str(value)))
    if isinstance(value, dict):  # (no payload field holds one: written as the API would)
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if nip_column(field) and isinstance(value, str):  # (a mentor's, a mentee's NIP: never 1.97912E+17 in Excel)
        return kept_as_text(value)
    return shown_value(kind, field, value)


def plain_decimal(amount: Decimal) -> str:
    """A decimal amount as a spreadsheet's cell: the page language's decimal sign, no grouping, and a whole amount
    without decimals (Rp 350.000,00 recorded: 350000, beside 1500000 and 1500000,50), as the pages show it
    (local_number); until 2026-12-06 written with the decimals it was recorded with, 350000,00. Display only: the
    stored amount is as recorded."""
    whole = amount == amount.to_integral_value()
    return format(amount.to_integral_value() if whole else amount, "f").replace(".", get_decimal_symbol(get_locale()))


def record_table(items: list[dict[str, Any]], nip: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The career record as a spreadsheet's table headed in the page's language: per fact its effective date, when
    it was recorded, the event, its reference, a column per field (named as the page names it, so a penalty's
    level and a post's level are two columns) and when it was corrected or retracted; last, the record's `nip` and
    the fact's version, headed as the page names it ("Record no.", "No. catatan") and as an import of corrections or
    retractions reads it (textfiles.HEADER_ALIASES: the version corrected; until 2026-12-06 "Target version" in
    English, "Versi" in Indonesian), so that rows of the download, their reason and corrected values added, are a file
    of corrections."""
    zone = f" ({zone_name()})"  # (the recorded times in the display time zone: sheet_time)
    first = [_("Effective date (TMT)"), _("Recorded at") + zone, _("Event"), field_label("reference")]
    last = [_("Corrected on") + zone, _("Retracted on") + zone]
    # (added after the columns a spreadsheet's formulas already point at: each correction's reference and reason, and
    # what a writer confirmed when recording the fact, a correction or the retraction, with who confirmed it)
    added = [
        _("Correction references"),
        _("Correction reasons"),
        _("Retraction reference"),
        _("Retraction reason"),
        _("Confirmed by"),
        "NIP",
        _("Record no."),  # (the fact's version: "No. catatan" in Indonesian)
    ]
    fields: dict[str, None] = {}
    rows = []
    for item in items:
        kind = item["kind"]
        facts = (
            item["effective_date"],
            sheet_time(item["recorded_at"]),
            fact_kind_label(kind, item["values"]),
            item["reference"],
        )
        row: dict[str, Any] = dict(zip(first, facts, strict=True))
        for field, value in item["values"].items():
            if field in ("effective_date", "reference") or value is None or value == "":
                continue
            label = shown_label(kind, field, value)  # (one column of predicates, DP3 years too)
            fields.setdefault(label)
            row[label] = csv_value(kind, field, value)
        row[last[0]] = JOINED.join(sheet_time(c["recorded_at"]) for c in item["corrections"])
        row[last[1]] = sheet_time(item["retracted"]["recorded_at"]) if item["retracted"] else None
        row[added[0]] = JOINED.join(c["reference"] or "" for c in item["corrections"])
        row[added[1]] = JOINED.join(c["reason"] or "" for c in item["corrections"])
        row[added[2]] = item["retracted"]["reference"] if item["retracted"] else None
        row[added[3]] = item["retracted"]["reason"] if item["retracted"] else None
        row[added[4]] = JOINED.join(confirmations(item))
        row[added[5]] = kept_as_text(nip)  # (never 1.97912E+17 in Excel: as the mentors' NIPs)
        row[added[6]] = item["version"]
        rows.append(row)
    return [*first, *fields, *last, *added], rows


JOINED = " | "  # several corrections' references or reasons in one cell, in the order recorded (a reason has spaces)


def confirmations(item: dict[str, Any]) -> list[str]:
    """Each check a writer confirmed on a fact, its corrections and its retraction (their stored `confirmed`), with
    who recorded it: "promotion.one_step (hr.medan)"."""
    entries = [item, *item["corrections"], *([item["retracted"]] if item["retracted"] else [])]
    return [f"{check} ({entry['recorded_by']})" for entry in entries for check in entry.get("confirmed") or []]


def csv_arguments() -> None:
    """InvalidInput naming each argument of the download's address it does not read (a 422 page, as the API
    refuses an unknown parameter: `as_of=2020-12-31` or `order=oldest` would otherwise give the whole record as
    it stands, in its own order, as if they had been read)."""
    errors: dict[str, list[str]] = {name: [UNKNOWN_FIELD] for name in sorted(set(request.args) - set(CSV_ARGUMENTS))}
    if errors:
        raise InvalidInput(errors)


@blp.route("/employees/<nip>/record.csv")
def career_csv(nip: str) -> ResponseReturnValue:
    """Download the career record as CSV for a spreadsheet in the page's language (record_table): separated by
    semicolons where the decimal sign is a comma (Indonesian: a spreadsheet set to it lists with semicolons), by
    commas otherwise; UTF-8 with a byte-order mark; a text a spreadsheet would run as a formula defused. The API's
    timeline CSV and `careerlog export` are the machine-readable ones, unchanged."""
    account = signed_in()
    csv_arguments()  # (refused before the record is read: no access logged for a file not sent)
    timeline = once_shown(account, nip, lambda: services().timeline(account, nip, as_of=None, known_at=None))
    columns, rows = record_table(timeline["items"], timeline["nip"])
    delimiter = ";" if get_decimal_symbol(get_locale()) == "," else ","
    name = _("career-record-%(nip)s.csv", nip=timeline["nip"])  # (named in the page's language, as its columns)
    return csv_download(rows, columns, name, delimiter=delimiter)


# The keys of a history row (careerlog.application.event_row) that only a migration import takes (the recorded time, who
# recorded it, whether migrated) or that would refuse a fact recorded since (its version), left out of events_jsonl
NOT_IMPORTED = ("recorded_at", "recorded_by", "migrated", "version")


@blp.route("/employees/<nip>/events.jsonl")
def events_jsonl(nip: str) -> ResponseReturnValue:
    """Download the employee's recorded facts in the import format (JSON Lines: docs/import-format.md), for HR (who
    may record): each recordable event as its row, without the keys a migration alone takes, so that the file
    imported again (the import page, no kind chosen) records nothing, every row already recorded; a row changed is
    judged as any row of an import. The career record's CSV (career_csv) is for people, and imports as corrections
    alone."""
    account = allowed(Action.RECORD)
    csv_arguments()  # (none taken: refused before the record is read)
    history = services().history(account, nip)
    rows = [
        {k: v for k, v in item.items() if k not in NOT_IMPORTED}
        for item in history["items"]
        if item["kind"] in RECORDABLE_KINDS
    ]
    body = b"".join(orjson.dumps(row) + b"\n" for row in rows)
    name = f"events-{history['nip']}.jsonl"
    return Response(
        body, mimetype="application/jsonl", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@blp.route("/find")
def find_employee() -> ResponseReturnValue:
    """Open the career record of the NIP typed in (spaces allowed, as NIPs are often written), or list the
    employees in scope whose name holds the text typed (web.pages.find)."""
    from web.pages.find import find, no_nip_given  # (a module of its own: this one's other parts change apart)

    account = signed_in()
    typed = request.args.get("nip", "")
    twice = given_twice(("nip",))  # (the first alone was opened: a link or a bookmark naming two NIPs)
    if twice:
        return page("pages/home.html", account, 422, errors=twice)
    if "nip" not in request.args:  # (an address of a script or a bookmark, `?q=...`: the parameter named)
        return page("pages/home.html", account, 422, errors={"nip": [no_nip_given()]})
    if not typed.strip():  # sent empty: the start page again, the reason beside the field (not "page not found")
        return page("pages/home.html", account, 422, errors={"nip": [_("Missing data for required field.")]})
    return find(account, typed)
