"""Riwayat Karier: an employee's career record, its charts, eligibility, who read it, and its download."""

from __future__ import annotations

import functools
import json
from datetime import date
from decimal import Decimal
from typing import Any

from flask import request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from markupsafe import Markup

from careerlog.access import Action
from careerlog.accounts import Account
from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.nip import parse_nip
from careerlog.domain.payload import FieldSpec, payload_fields
from careerlog.reference import Table, reference
from web.pages import charts, local_date, local_number
from web.pages.common import blp, may, page, services, signed_in
from web.pages.export import csv_download
from web.pages.hr import RECORDABLE
from web.pages.labels import field_label, promotion_kind_name
from web.pages.next_promotion import RANK_FIELDS, citation, next_promotion, rank_steps

DEFAULT_TARGET_JP = 20
NAME_AND_CODE = ("promotion_kinds", "regions")  # shown "Reguler (101)", "Kota Medan (12.71)"
CSV_COLUMNS = ("effective_date", "recorded_at", "kind", "reference", "values", "corrected_on", "retracted_on")


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


def shown_value(kind: str, field: str, value: Any) -> Any:
    """A code as a civil servant reads it on a decree: its name in the reference table, with the code where the
    code itself is what people say (III/b (Penata Muda Tingkat I), Reguler (101), Kota Medan (12.71)); a date or
    a decimal amount (a training's cost) in the visitor's language; anything else (a title, a year, JP, a PPPK
    grade) as recorded."""
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
    name = table[value].name
    if field in RANK_FIELDS.values():
        return f"{value} ({name})"
    return f"{name} ({value})" if table.name in NAME_AND_CODE else name


def shown_label(kind: str, field: str, value: Any) -> str:
    """A fact's field name as the page shows it: a post's level is an eselon (II.b) unless it is a functional
    level (Ahli Muda: its jenjang); a PPPK's appointment holds a grade (golongan PPPK: IX), not a rank (pangkat);
    any other by labels.field_label."""
    if (kind, field) == ("post_appointment", "level") and value and value not in reference().functional_levels:
        return _("Echelon")
    if (kind, field) == ("appointment", "rank") and value in reference().pppk_grades:
        return _("PPPK grade")
    return field_label(field, kind)


def rank_title(items: list[dict[str, Any]]) -> str:
    """The rank chart's title: a PPPK's grades (golongan PPPK) are no rank (pangkat), as shown_label names them."""
    steps = rank_steps(items)
    if steps and all(rank in reference().pppk_grades for _day, rank in steps):
        return _("PPPK grade over the years")
    return _("Rank over the years")


def rank_chart(items: list[dict[str, Any]]) -> Markup | None:
    steps = rank_steps(items)
    if not steps:
        return None
    ref = reference()
    ladder = [c.code for table in (ref.ranks, ref.pppk_grades) for c in table]
    return charts.rank_chart(steps, ladder, rank_title(items), date.today())


def jp_chart(training: dict[str, Any]) -> Markup | None:
    years = training.get("years") or []
    if not years:
        return None
    bars = ([y["year"] for y in years], [float(y["hours"]) for y in years])
    if training.get("employment_kind") == "PPPK":  # the yearly JP is a PNS's (PP 11/2017 art. 203(4)): no line
        return charts.jp_chart(*bars, None, _("Training hours (JP) per year"))
    targets = [y["target_jp"] for y in years if y.get("target_jp") is not None]
    target = float(targets[-1]) if targets else DEFAULT_TARGET_JP
    short = [y.get("met") is False for y in years]  # only the years judged: none before the rule, nor a CPNS's
    label = _("%(jp)s JP a year", jp=int(target))
    return charts.jp_chart(*bars, target, _("Training hours (JP) per year"), label, short=short)


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


def heading(found: dict[str, Any], nip: str) -> dict[str, Any]:
    """Who the record is of, as a government HR page heads it: the name, the NIP in its display form, the agency
    (instansi) by its name and the rank now held (pangkat/golongan, by its code and name; a PPPK's grade) from the
    roster row (`employee`), the name from the appointment when the roster does not hold the row yet."""
    employee = found.get("employee") or {}
    ref, rank, agency = reference(), employee.get("rank"), employee.get("agency")
    pppk = employee.get("employment_kind") == "PPPK" or rank in ref.pppk_grades
    return {
        "name": employee.get("name") or appointed_name(found["timeline"]["items"]),
        "nip": nip_shown(nip),
        "agency": ref.agencies[agency].name if agency in ref.agencies else agency,
        "rank_label": _("PPPK grade") if pppk else _("Rank"),
        "rank": rank if pppk or rank not in ref.ranks else f"{rank} ({ref.ranks[rank].name})",
    }


def readers_of(account: Account, nip: str) -> dict[str, Any] | None:
    """Who read this record, when the account may see the access log."""
    if not may(account, Action.READ_ACCESS_LOG):
        return None
    return services().access_log(account, {"nip": [nip]}, page=1, per_page=20)


@blp.route("/employees/<nip>")
def career(nip: str) -> ResponseReturnValue:
    """Show an employee's career: timeline with corrections, charts, next promotion, mentoring, readers."""
    account = signed_in()
    found = services().career_page(account, nip)
    subject = found["timeline"]["nip"]
    today = services().eligibility_view.today  # the day the rows' `reached` and `next_date` are read on
    who = heading(found, subject)
    # The employee reading their own record is spoken to ("Your service is expected to end ..."); HR, an inspector
    # or an administrator reads of the employee by name ("The service of Budi Siregar is expected to end ...").
    own = account.nip == subject
    person = who["name"] or who["nip"]
    return page(
        "pages/career.html",
        account,
        **{**found, **next_promotion(found, today, None if own else person)},  # the reason none is open, named
        who=who,
        own=own,
        person=person,
        readers=readers_of(account, subject),
        may_record=may(account, Action.RECORD),  # links to correct or retract each fact (the record form)
        recordable=RECORDABLE,
        rank_svg=rank_chart(found["timeline"]["items"]),
        rank_title=rank_title(found["timeline"]["items"]),
        shown=shown_value,
        cite=citation,  # a rule's source as the regulations it names
        label=shown_label,
        jp_svg=jp_chart(found["training"]),
        this_year=date.today().year,  # its JP are counted as they stand: short of the target is "not yet"
        today=today.isoformat(),  # requirements judged before it were judged on a day gone by
    )


def csv_row(item: dict[str, Any]) -> dict[str, Any]:
    """One fact as a CSV row: its times, kind and values, and when it was corrected or retracted."""
    return {
        **item,
        "values": json.dumps(item["values"], ensure_ascii=False, sort_keys=True),
        "corrected_on": [c["recorded_at"] for c in item["corrections"]],
        "retracted_on": item["retracted"]["recorded_at"] if item["retracted"] else None,
    }


@blp.route("/employees/<nip>/record.csv")
def career_csv(nip: str) -> ResponseReturnValue:
    """Download the career record as CSV: every fact with its effective and recorded time."""
    account = signed_in()
    timeline = services().timeline(account, nip, as_of=None, known_at=None)
    rows = [csv_row(item) for item in timeline["items"]]
    return csv_download(rows, CSV_COLUMNS, f"riwayat-karier-{timeline['nip']}.csv")


@blp.route("/find")
def find_employee() -> ResponseReturnValue:
    """Open the career record of the NIP typed in (spaces allowed, as NIPs are often written), or list the
    employees in scope whose name holds the text typed (web.pages.find)."""
    from web.pages.find import find  # (a module of its own: this one's other parts change apart)

    account = signed_in()
    typed = request.args.get("nip", "")
    if not typed.strip():  # sent empty: the start page again, the reason beside the field (not "page not found")
        return page("pages/home.html", account, 422, errors={"nip": [_("Missing data for required field.")]})
    return find(account, typed)
