"""The day a PNS's service is expected to end at the retirement age of the post held (rule retirement.age,
unconfirmed: the reference names the status 98 but no ages). Shown on the career page and in an employee's
eligibility (`service_end`, and whether each offer's date is after it), and the records past it with no separation
recorded listed for HR (GET /api/v1/employees/past-retirement); never judged."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from datetime import date
from typing import Any

from careerlog.ages import add_years
from careerlog.keyset import Keyset
from careerlog.reference import Rules
from careerlog.retirement import RULE, age_reached, retirement_age
from careerlog.sqlstore import Row
from projections.career import CareerRecord, day_iso
from projections.roster import current_post

__all__ = [
    "PAST_RETIREMENT_KEYSET",
    "RULE",
    "expected_retirement",
    "expected_retirement_of",
    "past_retirement",
    "retirement_age",
    "service_end",
    "youngest_retirement_age",
]
AGE_TABLES = ("post_kinds", "post_titles", "functional_levels")  # the rule's ages beside its default


def expected_retirement(book: Rules, roster: Row | None, today: date) -> dict[str, Any] | None:
    """When a PNS in service is expected to retire, from their roster row: the last day of the month in which they
    reach the retirement age of the post held now (`day`), the `age`, the rule's `status` and whether that day is
    already `past` (before `today`: no end of service recorded by then, for HR to confirm), and whether a `post` is
    recorded (with none the age is the rule's default, an administrative post's). None for a PPPK employee, one whose
    service ended, a birth date not recorded, or no rule in force. The post is the definitive one: an acting post
    (Plt, Plh, Pj), which the roster shows when no definitive post is held, sets no age (`acting`: the default's,
    as with no post), as it counts for no promotion and the demo retires by the definitive post alone."""
    if roster is None or roster["employment_kind"] != "PNS" or roster["separated_on"] or not roster["birth_date"]:
        return None
    kind, level, title = reckoned_post(roster)
    birth = date.fromisoformat(roster["birth_date"])
    found = age_reached(book, birth, today, kind, level, title)
    if found is None:
        return None
    age, status = found
    reached = add_years(birth, age)  # as relativedelta(years=age): 29 February to the 28th
    last_day = reached.replace(day=monthrange(reached.year, reached.month)[1])  # as relativedelta(day=31)
    post, acting = kind is not None, acting_only(roster)
    return {
        "day": day_iso(last_day),
        "age": age,
        "status": status,
        "past": last_day < today,
        "post": post,
        "acting": acting,
    }


def expected_retirement_of(book: Rules, record: CareerRecord, today: date) -> dict[str, Any] | None:
    """`expected_retirement` of a career record, read from what its roster row shows (projections.roster: the birth
    date, the employment kind, the separation and the post held now, `current_post`) as the past-retirement worklist
    reads that row: the merit view's rounds stop at it (rule merit.rounds_reach's `stop_at_retirement`)."""
    shown = current_post(record)
    birth, separated = record.birth_date, record.separated_on
    roster = {
        "employment_kind": record.employment_kind,
        "separated_on": day_iso(separated) if separated else None,
        "birth_date": day_iso(birth) if birth else None,
        "post_kind": shown.post_kind if shown else None,
        "post_level": shown.level if shown else None,
        "post_title": shown.fact.get("title") if shown else None,
        "post_assignment": shown.assignment if shown else None,
    }
    return expected_retirement(book, roster, today)


def acting_only(roster: Row) -> bool:
    """Whether the post the roster row shows is held acting (Plt, Plh, Pj): no definitive post is held."""
    return roster["post_kind"] is not None and roster.get("post_assignment") not in (None, "DEFINITIVE")


def reckoned_post(roster: Row) -> tuple[str | None, str | None, str | None]:
    """The post kind, level and title the retirement age is reckoned from: the definitive post the roster row shows,
    none when it shows an acting one (`acting_only`)."""
    if acting_only(roster):
        return None, None, None
    return roster["post_kind"], roster["post_level"], roster.get("post_title")


PAST_RETIREMENT_KEYSET = Keyset("past-retirement", ("expected_end", "subject"), ("expected_end", "nip"), (date, str))


def youngest_retirement_age(book: Rules, today: date) -> int | None:
    """The youngest age rule retirement.age names in any of its versions (an age is read by the version in force on
    the day it is reached, `age_reached`, else by today's); None when the rules hold no version: nobody born after
    `today` less that age has reached theirs, so a read of the roster need look at no one younger."""
    ages = [
        a
        for rule in book.versions(RULE)
        for a in (rule.params["default"], *(a for key in AGE_TABLES for a in rule.params.get(key, {}).values()))
    ]
    return min((int(a) for a in ages), default=None)


def past_retirement(book: Rules, rows: Iterable[Row], today: date) -> list[dict[str, Any]]:
    """The roster rows (PNS in service) whose expected end of service (`expected_retirement`) is already past with
    no separation recorded, each as the worklist shows it: who, where, the post the age was reckoned from, the
    age, the day and the rule's status (shown, never judged: no audit reads this)."""
    found = []
    for row in rows:
        expected = expected_retirement(book, row, today)
        if expected is None or not expected["past"]:
            continue
        kind, level, title = reckoned_post(row)
        found.append(
            {
                "nip": row["subject"],
                "name": row["name"],
                "birth_date": row["birth_date"],
                "agency": row["agency"],
                "unit": row["unit"],
                "region": row["region"],
                "rank": row["rank"],
                "post_kind": kind,
                "post_level": level,
                "post_title": title,
                **end_fields(expected),
            }
        )
    return found


def end_fields(expected: dict[str, Any]) -> dict[str, Any]:
    """An `expected_retirement` as the API names it (the past-retirement list's and the eligibility's
    `service_end`): the age of the post, the day, the rule and its status."""
    return {
        "retirement_age": expected["age"],
        "expected_end": expected["day"],
        "rule": RULE,
        "rule_status": expected["status"],
        "rule_confirmed": expected["status"] == "S",  # (M as shipped: believed, not confirmed)
    }


def service_end(expected: dict[str, Any] | None) -> dict[str, Any] | None:
    """An `expected_retirement` as an employee's eligibility gives it (`service_end`): `end_fields`, whether the
    day is already `past` with no separation recorded, whether a post set the age (`post`) and whether the post shown
    is held acting only (`acting`: the default age, as with no post). None where `expected_retirement` is."""
    if expected is None:
        return None
    return {**end_fields(expected), "past": expected["past"], "post": expected["post"], "acting": expected["acting"]}
