"""The career page's next promotion: why none is open (PPPK, top rank), when a penalty that bars one ends, and
which years' SKP ratings fall short or are not recorded yet. Read from the page's timeline and eligibility."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.reference import reference, rules
from projections.merit.eligibility import first_permitted
from projections.merit.rules import RATINGS_SHORT
from projections.merit.wording import parse

RANK_FIELDS = {"appointment": "rank", "rank_promotion": "new_rank"}


def rank_steps(items: list[dict[str, Any]]) -> list[tuple[date, str]]:
    """(effective date, rank) of every standing appointment and promotion, in order."""
    return [
        (date.fromisoformat(i["effective_date"]), i["values"][RANK_FIELDS[i["kind"]]])
        for i in items
        if i["kind"] in RANK_FIELDS and not i["retracted"] and RANK_FIELDS[i["kind"]] in i["values"]
    ]


def next_promotion(found: dict[str, Any]) -> dict[str, Any]:
    """What the next-promotion section shows beside the eligibility rows."""
    return {
        "no_promotion": no_promotion_reason(found["timeline"]["items"]),
        "penalties": penalties_of(found),
        "ratings": ratings_short(found),
    }


def no_promotion_reason(items: list[dict[str, Any]]) -> dict[str, str] | None:
    """Why no rank promotion is open, when the record says: the service ended (a separation status); a PPPK
    employee has a contract grade, not a golongan; an employee at the top of the ladder has no higher rank.
    None: the page says nothing is open."""
    appointed = next((i for i in items if i["kind"] == "appointment" and not i["retracted"]), None)
    steps = rank_steps(items)
    if appointed is None or not steps:
        return None
    ref = reference()
    statuses = [i for i in items if i["kind"] == "status_change" and not i["retracted"]]
    if statuses and statuses[-1]["values"].get("status") in ref.separation_statuses():
        last = statuses[-1]
        status = ref.statuses[last["values"]["status"]].name
        return {"why": "separated", "day": last["effective_date"], "status": status}
    rank = steps[-1][1]
    if appointed["values"].get("employment_kind") == "PPPK":
        return {"why": "pppk", "grade": rank}
    if rank == ref.ranks.codes[-1]:
        return {"why": "top", "rank": rank, "name": ref.ranks[rank].name}
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


def ratings_of(items: list[dict[str, Any]]) -> dict[str, str]:
    """The SKP predicate of each rated year (as corrected; retracted ratings left out)."""
    return {
        str(i["values"]["year"]): i["values"]["predicate"]
        for i in items
        if i["kind"] == "performance_rating" and not i["retracted"]
    }


def ratings_short(found: dict[str, Any]) -> dict[str, list[dict[str, str | None]]]:
    """Per promotion kind whose ratings fall short on the day judged, each year the rule names (read from its
    requirement's wording) with the predicate given, or None when no rating is recorded yet."""
    rated, names = ratings_of(found["timeline"]["items"]), reference().skp_predicates
    short: dict[str, list[dict[str, str | None]]] = {}
    for e in found["eligibility"]:
        for r in e["requirements"]:
            missing = r["rule"] == "promotion.performance" and r["outcome"] == "missing"
            wording = parse(r["message"]) if missing else None
            if wording is None or wording.template != RATINGS_SHORT.text:
                continue
            said = dict(wording.params)
            minimum = names[said["predicate"]].name if said["predicate"] in names else said["predicate"]
            short[e["kind"]] = [
                {"year": y, "predicate": names[rated[y]].name if y in rated else None, "minimum": minimum}
                for y in sorted(said["years"].split(", "))
            ]
    return short
