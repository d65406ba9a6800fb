"""Riwayat Karier: an employee's career record, its charts, eligibility, who read it, and its download."""

from __future__ import annotations

import functools
import json
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from flask import abort, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from markupsafe import Markup

from careerlog.access import Action
from careerlog.accounts import Account
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import payload_fields
from careerlog.reference import Table, reference, rules
from projections.merit.eligibility import first_permitted
from web.pages import charts
from web.pages.common import blp, may, page, services, signed_in
from web.pages.export import csv_download

RANK_FIELDS = {"appointment": "rank", "rank_promotion": "new_rank"}
DEFAULT_TARGET_JP = 20
NAME_AND_CODE = ("promotion_kinds", "regions")  # shown "Reguler (101)", "Kota Medan (12.71)"
CSV_COLUMNS = ("effective_date", "recorded_at", "kind", "reference", "values", "corrected_on", "retracted_on")


def rank_steps(items: list[dict[str, Any]]) -> list[tuple[date, str]]:
    """(effective date, rank) of every standing appointment and promotion, in order."""
    return [
        (date.fromisoformat(i["effective_date"]), i["values"][RANK_FIELDS[i["kind"]]])
        for i in items
        if i["kind"] in RANK_FIELDS and not i["retracted"] and RANK_FIELDS[i["kind"]] in i["values"]
    ]


@functools.lru_cache(maxsize=256)
def value_table(kind: str, field: str) -> Table | None:
    """The reference table a field's codes come from: the ranks for a rank, the functional levels for a post's
    level (an eselon such as IV.a is in none), else the field's own table."""
    if field in RANK_FIELDS.values():
        return reference().ranks
    if (kind, field) == ("post_appointment", "level"):
        return reference().functional_levels
    event = BY_KIND.get(kind)
    spec = next((s for s in payload_fields(event) if s.name == field), None) if event is not None else None
    return reference().table(spec.table) if spec is not None and spec.table else None


def shown_value(kind: str, field: str, value: Any) -> Any:
    """A code as a civil servant reads it on a decree: its name in the reference table, with the code where the
    code itself is what people say (III/b (Penata Muda Tingkat I), Reguler (101), Kota Medan (12.71)); anything
    else (a title, a date, a PPPK grade) as recorded."""
    table = value_table(kind, field) if isinstance(value, str) else None
    if table is None or value not in table:
        return value
    name = table[value].name
    if field in RANK_FIELDS.values():
        return f"{value} ({name})"
    return f"{name} ({value})" if table.name in NAME_AND_CODE else name


def rank_chart(items: list[dict[str, Any]]) -> Markup | None:
    steps = rank_steps(items)
    if not steps:
        return None
    ref = reference()
    ladder = [c.code for table in (ref.ranks, ref.pppk_grades) for c in table]
    return charts.rank_chart(steps, ladder, _("Rank over the years"), date.today())


def no_promotion_reason(items: list[dict[str, Any]]) -> dict[str, str] | None:
    """Why no rank promotion is open, when the record says: a PPPK employee has a contract grade, not a
    golongan; an employee at the top of the ladder has no higher rank. None: the page says nothing is open."""
    appointed = next((i for i in items if i["kind"] == "appointment" and not i["retracted"]), None)
    steps = rank_steps(items)
    if appointed is None or not steps:
        return None
    rank = steps[-1][1]
    if appointed["values"].get("employment_kind") == "PPPK":
        return {"why": "pppk", "grade": rank}
    ranks = reference().ranks
    if rank == ranks.codes[-1]:
        return {"why": "top", "rank": rank, "name": ranks[rank].name}
    return None


def penalty_last_day(values: dict[str, Any], start: date) -> date | None:
    """A penalty's last day: as recorded, else from its kind's months (as the promotion.penalty rule reads it)."""
    if values.get("end_date"):
        return date.fromisoformat(values["end_date"])
    months = reference().penalty_kinds[values["penalty_kind"]].get("months")
    return start + relativedelta(months=int(months), days=-1) if months else None


def penalty_until(items: list[dict[str, Any]], day: date) -> dict[str, str] | None:
    """When the penalties barring a promotion on `day` end (promotion.penalty in force then: its blocking levels
    and the months added after each), and the first permitted promotion date after that."""
    book = rules()
    rule = book.in_force("promotion.penalty", day)
    if rule is None:
        return None
    ends = []
    for item in items:
        level = item["values"].get("level")
        if item["kind"] != "penalty" or item["retracted"] or level not in rule.params["blocking_levels"]:
            continue
        start = date.fromisoformat(item["effective_date"])
        end = penalty_last_day(item["values"], start)
        if end is not None:
            end += relativedelta(months=int(rule.params.get("extra_months", {}).get(level, 0)))
            if start <= day <= end:
                ends.append(end)
    if not ends:
        return None
    after = first_permitted(book, max(ends) + timedelta(days=1))
    return {"end": max(ends).isoformat(), "next": after.isoformat() if after else ""}


def penalties_of(found: dict[str, Any]) -> dict[str, dict[str, str] | None]:
    """Per promotion kind barred by a penalty on the day judged, when it ends and the first date after it."""
    items = found["timeline"]["items"]
    return {
        e["kind"]: penalty_until(items, date.fromisoformat(e["judged_on"]))
        for e in found["eligibility"]
        if "promotion.penalty" in e["missing"]
    }


def jp_chart(training: dict[str, Any]) -> Markup | None:
    years = training.get("years") or []
    if not years:
        return None
    targets = [y["target_jp"] for y in years if y.get("target_jp") is not None]
    target = float(targets[-1]) if targets else DEFAULT_TARGET_JP
    return charts.jp_chart(
        [y["year"] for y in years],
        [float(y["hours"]) for y in years],
        target,
        _("Training hours (JP) per year"),
        _("%(jp)s JP a year", jp=int(target)),
    )


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
    return page(
        "pages/career.html",
        account,
        **found,
        readers=readers_of(account, subject),
        rank_svg=rank_chart(found["timeline"]["items"]),
        no_promotion=no_promotion_reason(found["timeline"]["items"]),
        shown=shown_value,
        penalties=penalties_of(found),
        jp_svg=jp_chart(found["training"]),
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
    """Open the career record of the NIP typed in (spaces allowed, as NIPs are often written)."""
    signed_in()
    nip = "".join(request.args.get("nip", "").split())
    if not nip:
        abort(404)
    return redirect(url_for("pages.career", nip=nip))
