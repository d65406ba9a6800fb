"""The career page's next promotion: why none is open (service ended, PPPK, top rank: the reason the API gives,
named), why no 202 is open at the top of a functional level (named, as the API gives it), when a penalty that
bars one ends, which years' SKP ratings fall short or are not recorded yet, and that a CPNS's confirmation due on
a day still to come is needed, not missed. Read from the page's timeline and eligibility."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from babel.lists import format_list
from flask_babel import format_date, get_locale, ngettext
from flask_babel import lazy_gettext as _l

from careerlog.domain.events import BY_KIND
from careerlog.domain.wording import Template, parse
from careerlog.persistence import typed_state
from careerlog.reference import reference, rules
from projections.career import Entry, Fact, predicate_score
from projections.merit.eligibility import HELD_BY, NOT_DUE, barred_ahead, first_permitted
from projections.merit.rules import (
    CONFIRMED,
    CREDIT,
    DATES,
    EDUCATION_CEILING,
    EXAM_MISSING,
    EXAM_PASSED,
    FUNCTIONAL_RANGE,
    LEGAL_STATUS,
    NO_STATUS_BARS,
    NOT_CONFIRMED,
    ONE_STEP,
    RATINGS_MET,
    RATINGS_SHORT,
    STATUS_BARS,
    STRUCTURAL_RANGE,
    TIME_IN_RANK,
    TRAINING,
    penalty_bars_until,
    penalty_end,
    penalty_served,
    rating_read_until,
)
from web.pages.labels import code_name, reference_name
from web.pages.messages import localised

RANK_FIELDS = {"appointment": "rank", "rank_promotion": "new_rank"}
# A regulation as the rules file cites it ("PP 99/2000 art. 4", "Peraturan BKN 4/2023"), and one read with another
# ("PP 99/2000 jo PP 12/2002"): what a page names of a rule's source, whose remarks are English prose.
REGULATION = (
    r"(?:UU|PP|Perpres|PermenPANRB|Peraturan BKN|Perka BKN|Kep Ka BKN|PerLAN|Permendagri)"
    r"\s+[\d\-]+/\d{4}(?:\s+art\.\s+[\d\-]+(?:\(\d+\))?)?"
)
CITATIONS = re.compile(rf"{REGULATION}(?:\s+jo\s+{REGULATION})*")


def citation(source: str | None) -> str:
    """The regulations a rule's source cites, in its order ("PP 11/2017 art. 203(4)" of "PP 11/2017 art. 203(4) sets
    the yearly entitlement; that it conditions a promotion is an inference"), or the source as written when it
    cites none this way."""
    found = list(dict.fromkeys(CITATIONS.findall(source or "")))
    return "; ".join(found) if found else source or ""


def rank_steps(items: list[dict[str, Any]]) -> list[tuple[date, str]]:
    """(effective date, rank) of every standing appointment and promotion, in order."""
    return [
        (date.fromisoformat(i["effective_date"]), i["values"][RANK_FIELDS[i["kind"]]])
        for i in items
        if i["kind"] in RANK_FIELDS and not i["retracted"] and RANK_FIELDS[i["kind"]] in i["values"]
    ]


def next_promotion(found: dict[str, Any], today: date, own: bool = True) -> dict[str, Any]:
    """What the next-promotion section shows beside the eligibility rows, on `today` (the eligibility view's), to
    the employee (`own`: "your post") or to another reader of their record ("the employee's post")."""
    return {
        "no_promotion": named_reason(found["no_promotion"]),
        "level_top": named_levels(found["level_top"]),
        "penalties": penalties_of(found, today),
        "ratings": ratings_short(found, today),
        "rated_below": ratings_barring(found, today),
        "held_then": held_then(found, today),
        "training_ahead": training_ahead(found, today),
        "confirmation_ahead": confirmation_ahead(found, today),
        "credit": credit_ahead(found),
        "credit_met": credit_met(found),
        "record_last_day": (last := record_last_day(found["timeline"]["items"])),
        "judged_later": judged_later(found, last),
        "held_back": held_back(found, today),
        "plain": plain_requirements(found, own),
    }


def judged_later(found: dict[str, Any], last: str | None) -> set[str]:
    """The promotion kinds whose requirements are judged for a date later than the first promotion date on or after
    the earliest date and the record's last day `last`: a bar standing on that date (a penalty with a known end, a
    year rated below the minimum) or credit points short on it moved the date a promotion can first come on, and the
    requirements are judged for that one (merit view 62, projections.merit.eligibility.eligibility_rows)."""
    later = set()
    for e in found["eligibility"]:
        if e["blocked"] or LEGAL_STATUS in e["missing"]:
            continue  # no date brings it, or none is known to: not judged again (`eligibility_rows`)
        earliest = date.fromisoformat(e["earliest_date"])
        ended = last is not None and date.fromisoformat(last) > earliest
        first = first_permitted(rules(), date.fromisoformat(last)) if last is not None and ended else earliest
        if first is not None and date.fromisoformat(e["judged_on"]) > first:
            later.add(e["kind"])
    return later


def held_back(found: dict[str, Any], today: date) -> set[str]:
    """The promotion kinds a bar whose end the record gives (a penalty, a year rated below the minimum) or the credit
    points hold to a next promotion date still to come (`barred_ahead`, as the API's `reached` and `decision` read
    it): their requirements, judged for that date, are met for it, not for a promotion today."""
    return {e["kind"] for e in found["eligibility"] if barred_ahead((e["next_date"], e["next_date_basis"]), today)}


def record_last_day(items: list[dict[str, Any]]) -> str | None:
    """The record's last day as the eligibility view reads it (projections.merit.audit.horizon): the latest
    effective or recording day of its entries, the corrections and retractions of its facts included."""
    entries = [e for i in items for e in (i, *i["corrections"], *([i["retracted"]] if i["retracted"] else []))]
    days = [d[:10] for e in entries for d in (e.get("effective_date"), e.get("recorded_at")) if d]
    return max(days) if days else None


def named_reason(reason: dict[str, Any] | None) -> dict[str, Any] | None:
    """Why no promotion is open (projections.merit.eligibility.no_promotion_reason, as the API gives it), with
    the names of its status and rank as the page shows them."""
    if reason is None:
        return None
    ref = reference()
    status, rank = reason["status"], reason["rank"]
    return {
        **reason,
        "status_name": reference_name("statuses", status) if status in ref.statuses else status,
        "rank_name": ref.ranks[rank].name if rank in ref.ranks else rank,
    }


def named_levels(top: dict[str, Any] | None) -> dict[str, Any] | None:
    """Why no 202 is open (projections.merit.eligibility.level_top, as the API gives it), with the names of the
    level held and the next one (asn.toml functional_levels)."""
    if top is None:
        return None
    levels = reference().functional_levels
    named = {key: levels[top[key]].name if top[key] in levels else top[key] for key in ("level", "next_level")}
    return {**top, "level_name": named["level"], "next_level_name": named["next_level"]}


def penalty_facts(items: list[dict[str, Any]]) -> list[Fact]:
    """The penalties of the page's timeline that stand (as corrected; retracted ones left out), as facts the rules
    read (their values typed: dates as dates)."""
    found = []
    for item in items:
        if item["kind"] != "penalty" or item["retracted"]:
            continue
        values = typed_state(BY_KIND["penalty"], dict(item["values"]))
        entry = Entry(
            version=item["version"],
            kind=item["kind"],
            effective_date=values["effective_date"],
            recorded_at=datetime.fromisoformat(item["recorded_at"]),
            reference=item["reference"],
            values=values,
            recorded_by=item["recorded_by"],
            migrated=item["migrated"],
        )
        found.append(Fact(entry, values))
    return found


def penalty_until(items: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """When the penalties barring a promotion on `day` stop barring it, as promotion.penalty in force then reads them
    (projections.merit.rules: `penalty_served` on `day`): of the one barring longest, its own last day (`end`,
    `penalty_end`), the months the rule adds after it for its level (`months`, none by the bundled rules) and the last
    day it bars (`until`, `penalty_bars_until`), told apart so that neither reads as the other; and the first
    permitted promotion date after that (`next`). `open` when one of them has no end the record gives (no end date,
    and its kind no fixed months): it stands until one is recorded."""
    book = rules()
    rule = book.in_force("promotion.penalty", day)
    if rule is None:
        return None
    levels, extra = rule.params["blocking_levels"], rule.params.get("extra_months", {})
    serving = [f for f in penalty_facts(items) if f.get("level") in levels and penalty_served(f, day, extra)]
    if not serving:
        return None
    ends = [(until, f) for f in serving if (until := penalty_bars_until(f, extra)) is not None]
    if len(ends) < len(serving):
        return {"open": "yes"}
    until, last = max(ends, key=lambda pair: pair[0])
    after = first_permitted(book, until + timedelta(days=1))
    return {
        "end": str(penalty_end(last)),
        "months": int(extra.get(last.get("level"), 0)),
        "until": until.isoformat(),
        "next": after.isoformat() if after else "",
    }


def penalties_of(found: dict[str, Any], today: date) -> dict[str, dict[str, str] | None]:
    """Per promotion kind barred by a penalty, when it ends and the first date after it: one served on the day judged
    (promotion.penalty missing: one with no end the record gives, which moves no date), or one served on the first
    promotion date from `today` or the earliest date (`unbarred`) that moved the next promotion date past it
    (`next_date_basis` bar, or credit_points with it standing too: the requirements are judged for that later date,
    which it no longer bars)."""
    items, barred = found["timeline"]["items"], {}
    for e in found["eligibility"]:
        if "promotion.penalty" in e["missing"]:
            barred[e["kind"]] = penalty_until(items, date.fromisoformat(e["judged_on"]))
        elif e.get("next_date_basis") in HELD_BY and (serving := penalty_until(items, unbarred(e, today))) is not None:
            barred[e["kind"]] = serving
    return barred


def unbarred(e: dict[str, Any], today: date) -> date:
    """The first promotion date of an eligibility item from `today` or its earliest date, bars aside: the day the
    bars that moved its next promotion date stand on (that day itself when no version of promotion.dates permits
    one)."""
    day = max(today, date.fromisoformat(e["earliest_date"]))
    return first_permitted(rules(), day) or day


def ratings_barring(found: dict[str, Any], today: date) -> dict[str, list[dict[str, Any]]]:
    """Per promotion kind whose next promotion date a year rated below promotion.performance's minimum moved
    (`next_date_basis` bar, or credit_points with it standing too): each such year a promotion date from `unbarred`
    on still reads, its predicate, the minimum, the last day a date reads it and the first date after that
    (`read_until`). The requirements listed are
    judged for the later date, which reads other years: the page says why no earlier date is given from these."""
    rated = ratings_of(found["timeline"]["items"])
    below: dict[str, list[dict[str, Any]]] = {}
    for e in found["eligibility"]:
        if e.get("next_date_basis") not in HELD_BY:
            continue
        if years := rated_below_on(rated, e["kind"], unbarred(e, today)):
            below[e["kind"]] = years
    return below


def rated_below_on(rated: dict[str, str], kind: str, day: date) -> list[dict[str, Any]]:
    """Each year of `rated` (ratings_of) rated below the minimum of promotion.performance in force on `day` that a
    promotion of `kind` on `day` reads: its predicate, the minimum (by name), the last day a date reads it and the
    first date after that (`read_until`). Empty when no version of the rule is in force then."""
    book, ref = rules(), reference()
    rule = book.in_force("promotion.performance", day)
    if rule is None:
        return []
    names, minimum = ref.rating_predicates, str(rule.params["min_predicate"])
    return [
        {"year": y, "predicate": names[p].name, "minimum": names[minimum].name, **read_until(until)}
        for y, p in sorted(rated.items())
        if int(y) < day.year
        and predicate_score(ref, p) < predicate_score(ref, minimum)
        and (until := rating_read_until(book, day, kind, int(y))) is not None
        and until >= day
    ]


def held_then(found: dict[str, Any], today: date) -> dict[str, dict[str, Any]]:
    """Per promotion kind whose earliest date is gone by (on or before `today`) and was held then, on the first
    promotion date from it, by a year rated below promotion.performance's minimum (`rated_below_on`: the years, a
    localised list, how many and the minimum) or by a disciplinary penalty served then (`penalty_until`: the last day
    it barred, or `open` with no end recorded). The page says it beside the earliest date, which would otherwise read as
    if nothing had been missing on it (until 2026-12-08 a penalty served then went unsaid: an employee whose
    earliest date a penalty barred read of the ratings alone)."""
    rated, items = ratings_of(found["timeline"]["items"]), found["timeline"]["items"]
    held: dict[str, dict[str, Any]] = {}
    for e in found["eligibility"]:
        earliest = date.fromisoformat(e["earliest_date"])
        if e["blocked"] or earliest > today:
            continue
        day = first_permitted(rules(), earliest) or earliest
        said: dict[str, Any] = {}
        if years := rated_below_on(rated, e["kind"], day):
            said |= {
                "years": format_list([y["year"] for y in years], locale=str(get_locale())),
                "count": len(years),
                "minimum": years[0]["minimum"],
            }
        if (serving := penalty_until(items, day)) is not None:
            said["penalty"] = serving
        if said:
            held[e["kind"]] = said
    return held


def ratings_of(items: list[dict[str, Any]]) -> dict[str, str]:
    """The SKP predicate of each rated year (as corrected; retracted ratings left out)."""
    return {
        str(i["values"]["year"]): i["values"]["predicate"]
        for i in items
        if i["kind"] == "performance_rating" and not i["retracted"]
    }


def worded(
    found: dict[str, Any], rule: str, template: Template, outcome: str | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
    """Each eligibility row with the values of its requirement of `rule` stored in `template`'s wording (of `outcome`
    only, when given): what the page words anew from a stored English message."""
    for e in found["eligibility"]:
        for r in e["requirements"]:
            if r["rule"] != rule or (outcome is not None and r["outcome"] != outcome):
                continue
            wording = parse(r["message"])
            if wording is not None and wording.template == template.text:
                yield e, dict(wording.params)


def ratings_short(found: dict[str, Any], today: date) -> dict[str, list[dict[str, Any]]]:
    """Per promotion kind whose ratings fall short on the day judged, each year the rule names (read from its
    requirement's wording) with the predicate given, or None when no rating is recorded yet; `ahead` when that year is
    not over by `today` (its rating comes after it ends: not due, where a past year's is missing)."""
    rated, names = ratings_of(found["timeline"]["items"]), reference().rating_predicates  # (any scheme's)
    short: dict[str, list[dict[str, Any]]] = {}
    for e, said in worded(found, "promotion.performance", RATINGS_SHORT, "missing"):
        minimum = localised(RATINGS_SHORT, "predicate", said["predicate"])  # (by its name, as the message names it)
        judged = date.fromisoformat(e["judged_on"])
        short[e["kind"]] = [
            {
                "year": y,
                "predicate": names[rated[y]].name if y in rated else None,
                "minimum": minimum,
                "ahead": int(y) >= today.year,
                # a year rated below is read by every promotion date up to the end of the rule's years after it (the
                # eligibility view's barred_until, which moves the next promotion date past it): said beside it
                **(read_until(rating_read_until(rules(), judged, e["kind"], int(y))) if y in rated else {}),
            }
            for y in sorted(said["years"].split(", "))
        ]
    return short


def read_until(until: date | None) -> dict[str, str]:
    """The last day a promotion date reads a year's rating (`until`, rules.rating_read_until) and the first promotion
    date after it, as ISO dates (neither when the rule reads no years for the kind or no version of the dates rule
    permits one)."""
    after = None if until is None else first_permitted(rules(), until + timedelta(days=1))
    return {"read_until": until.isoformat(), "first_after": after.isoformat()} if until and after else {}


def training_ahead(found: dict[str, Any], today: date) -> dict[str, dict[str, str]]:
    """Per promotion kind whose JP requirement (promotion.training) reads a year not over by `today`: the year,
    the JP asked and those recorded so far (its stored "0 JP in 2028; 20 needed" reads as a year already missed)."""
    return {
        e["kind"]: said for e, said in worded(found, "promotion.training", TRAINING) if int(said["year"]) >= today.year
    }


def confirmation_ahead(found: dict[str, Any], today: date) -> dict[str, str]:
    """Per promotion kind whose confirmation requirement (promotion.no_probation) reads a day after `today`: that day.
    Its stored "not confirmed by 2030-04-01" reads, to a CPNS appointed this year, as if the day had been missed."""
    found_days = worded(found, "promotion.no_probation", NOT_CONFIRMED)
    return {e["kind"]: said["day"] for e, said in found_days if date.fromisoformat(said["day"]) > today}


def functional_level_on(items: list[dict[str, Any]], day: date) -> str | None:
    """The functional level of the definitive post held on `day` (the latest definitive appointment by then, if
    functional), as the credit rule reads it."""
    held = [
        i
        for i in items
        if i["kind"] == "post_appointment"
        and not i["retracted"]
        and i["values"].get("assignment") == "DEFINITIVE"
        and date.fromisoformat(i["effective_date"]) <= day
    ]
    if not held:
        return None
    post = max(held, key=lambda i: (i["effective_date"], i["version"]))["values"]
    level = post.get("level")
    return str(level) if post.get("post_kind") == "FUNGSIONAL" and level in reference().functional_levels else None


def credit_ahead(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per promotion kind short of credit points (promotion.credit_points, its stored "credit 50 of 200 since
    2025"): what is still needed, what the level earns a year rated Baik and Sangat Baik (the predicate factor x
    the level's coefficient, PermenPANRB 1/2023), and, when ratings counted since the rank's year give a rate (their
    mean credit a year), the year whose rating reaches the credit at that rate and the first promotion date after
    it (not before the earliest date). With no rating counted yet no rate is made up: only what is needed."""
    items = found["timeline"]["items"]
    rated = ratings_of(items)
    ahead: dict[str, dict[str, Any]] = {}
    for e, said in worded(found, "promotion.credit_points", CREDIT, "missing"):
        level = functional_level_on(items, date.fromisoformat(e["judged_on"]))
        if level is not None:
            ahead[e["kind"]] = credit_item(e, said, level, rated)
    return ahead


def credit_item(e: dict[str, Any], said: dict[str, str], level: str, rated: dict[str, str]) -> dict[str, Any]:
    """`credit_ahead`'s item of one eligibility row, its credit requirement's values `said`, the functional `level`
    held and the predicates `rated` per year."""
    ref, judged = reference(), date.fromisoformat(e["judged_on"])
    coefficient = float(ref.functional_levels[level]["coefficient"])
    total, needed, since = float(said["total"]), float(said["needed"]), int(said["year"])
    counted = [y for y in range(since, judged.year) if str(y) in rated]
    factors = [ref.credit_factor(rated[str(y)]) for y in counted]  # (an older scheme's: its common predicate's)
    item: dict[str, Any] = {
        "total": total,
        "needed": needed,
        "year": since,
        "remaining": needed - total,
        "baik": float(ref.skp_predicates["BAIK"]["credit_factor"]) * coefficient,
        "best": float(ref.skp_predicates["SANGAT_BAIK"]["credit_factor"]) * coefficient,
        "count": len(counted),
        "reach_year": None,
    }
    rate = sum(factors) * coefficient / len(counted) if counted else 0.0
    if rate > 0:
        reach = max(counted) + math.ceil((needed - total) / rate - 1e-9)
        day = first_permitted(rules(), max(date(reach + 1, 1, 1), date.fromisoformat(e["earliest_date"])))
        if day is not None:
            item.update(rate=round(rate, 2), reach_year=reach, reach_date=day.isoformat())
    return item


def credit_met(found: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per promotion kind whose credit points are met, the stored "credit 200 of 50 since 1997" as its values, for the
    page to word ("200, at least the 50 your level needs"), not as "200 of 50"."""
    return {e["kind"]: said for e, said in worded(found, "promotion.credit_points", CREDIT, "met")}


def promotion_days(said: dict[str, str]) -> str:
    """The permitted promotion dates a DATES wording names ("day 1 of months 2, 4"), as the visitor reads them:
    "1 February and 1 April" ("1 Februari dan 1 April")."""
    day = int(said["day_of_month"])
    days = [format_date(date(2000, int(month), day), "d MMMM") for month in said["months"].split(", ")]
    return format_list(days, locale=str(get_locale()))


def named_values(template: str, said: dict[str, str]) -> dict[str, str]:
    """The values a plain sentence names that the stored wording gives as codes: the promotion dates (DATES), the
    exams by their names in the visitor's language ("UD_I" -> "Ujian dinas tingkat I (II/d ke III/a)", "Service exam,
    level I (II/d to III/a)"), the education by its name and code ("D-III" ->
    "Diploma III (D-III)", "S-1" -> "Sarjana (S-1)": labels.code_name, as the page names an education everywhere)."""
    ref = reference()
    if template == DATES.text:
        return {"days": promotion_days(said)}
    if template in (EXAM_MISSING.text, EXAM_PASSED.text):
        names = [reference_name("exams", c) if c in ref.exams else c for c in said["exams"].split(", ")]
        return {"exams": format_list(names, locale=str(get_locale()))}
    if template == EDUCATION_CEILING.text and said["level"] in ref.education:
        return {"level": code_name(said["level"], "education")}  # Diploma III (D-III), as the page names it elsewhere
    return {}


def time_in_rank_plain(values: dict[str, str], said: dict[str, str], ahead: bool = False) -> str:
    """TIME_IN_RANK's "III/b since 2014-04-01; 4 y needed, reached on 2018-04-01" as a sentence (its count's form);
    `ahead`, the day they are reached still to come (the requirement's `standing` not_due): "to be reached on" (until
    2026-12-06 "reached on Oct 1, 2029", past tense for a day to come)."""
    if ahead:
        return ngettext(
            "At least %(num)s year in rank %(rank)s (held since %(since)s), to be reached on %(due)s",
            "At least %(num)s years in rank %(rank)s (held since %(since)s), to be reached on %(due)s",
            int(float(said["years"])),
            rank=values["rank"],
            since=values["since"],
            due=values["due"],
        )
    return ngettext(
        "At least %(num)s year in rank %(rank)s (held since %(since)s), reached on %(due)s",
        "At least %(num)s years in rank %(rank)s (held since %(since)s), reached on %(due)s",
        int(float(said["years"])),
        rank=values["rank"],
        since=values["since"],
        due=values["due"],
    )


# The requirements the views store in a developer's shorthand ("TMT 2027-02-01; permitted: day 1 of months 2, 4, ...",
# "functional level AHLI_MUDA tops at III/d; new rank III/d"), each as a sentence per outcome (met, missing) filled
# with its stored values localised as messages.localised does (dates, codes by name); the stored text stays as it is
# (the audit and the API read it).
PLAIN = {
    DATES.text: (
        _l("Promotions take effect on %(days)s; %(day)s is one of these dates"),
        _l("Promotions take effect on %(days)s; %(day)s is not one of these dates"),
    ),
    FUNCTIONAL_RANGE.text: (
        _l("The ranks of your functional level, %(level)s, go up to %(top)s; the new rank %(new)s is within them"),
        _l("The ranks of your functional level, %(level)s, go up to %(top)s; the new rank %(new)s is above them"),
    ),
    STRUCTURAL_RANGE.text: (
        _l("The ranks of your post, %(post_kind)s, go up to %(top)s; the new rank %(new)s is within them"),
        _l("The ranks of your post, %(post_kind)s, go up to %(top)s; the new rank %(new)s is above them"),
    ),
    EDUCATION_CEILING.text: (
        _l("Your education, %(level)s, allows ranks up to %(ceiling)s; the new rank %(new)s is within them"),
        _l("Your education, %(level)s, allows ranks up to %(ceiling)s; the new rank %(new)s is above them"),
    ),
    ONE_STEP.text: (
        _l("A %(kind)s promotion from %(rank)s goes up to %(top)s; the new rank %(new)s is within it"),
        _l("A %(kind)s promotion from %(rank)s goes up to %(top)s; the new rank %(new)s is beyond it"),
    ),
    EXAM_MISSING.text: (_l("To pass first: %(exams)s; not passed by %(day)s"),) * 2,
    EXAM_PASSED.text: (_l("Passed: %(exams)s"),) * 2,
    TRAINING.text: (_l("At least %(needed)s JP of training in %(year)s: %(hours)s JP recorded"),) * 2,
    CONFIRMED.text: (_l("Confirmed as PNS"), _l("Confirmed as PNS")),
    RATINGS_MET.text: (_l("SKP ratings met for %(years)s"),) * 2,
    NO_STATUS_BARS.text: (_l("No legal status (such as unpaid leave or suspension) bars a promotion on %(day)s"),) * 2,
    STATUS_BARS.text: (_l("Your legal status on %(day)s, %(status)s, bars a promotion while it lasts"),) * 2,
}
# The sentences of PLAIN that speak to the employee ("your post"), as another reader (HR, an inspector) reads them of
# "the employee", whose name the page's heading gives once (not in every line).
PLAIN_OF = {
    FUNCTIONAL_RANGE.text: (
        _l(
            "The ranks of the employee's functional level, %(level)s, go up to %(top)s; the new rank %(new)s is "
            "within them"
        ),
        _l(
            "The ranks of the employee's functional level, %(level)s, go up to %(top)s; the new rank %(new)s is "
            "above them"
        ),
    ),
    STRUCTURAL_RANGE.text: (
        _l("The ranks of the employee's post, %(post_kind)s, go up to %(top)s; the new rank %(new)s is within them"),
        _l("The ranks of the employee's post, %(post_kind)s, go up to %(top)s; the new rank %(new)s is above them"),
    ),
    EDUCATION_CEILING.text: (
        _l("The employee's education, %(level)s, allows ranks up to %(ceiling)s; the new rank %(new)s is within them"),
        _l("The employee's education, %(level)s, allows ranks up to %(ceiling)s; the new rank %(new)s is above them"),
    ),
    STATUS_BARS.text: (_l("The employee's legal status on %(day)s, %(status)s, bars a promotion while it lasts"),) * 2,
}
# The sentences of PLAIN of a requirement missing only until a day still to come (`standing` not_due): an exam not
# passed yet for a promotion date ahead is to be passed by it, not "not passed by" it (until 2026-12-06 a ✗ "not
# passed by Oct 1, 2029", read as a forecast that the employee fails it).
PLAIN_AHEAD = {EXAM_MISSING.text: (_l("To pass: %(exams)s; it must be passed by %(day)s"),) * 2}
WORDINGS = (DATES, TIME_IN_RANK, FUNCTIONAL_RANGE, STRUCTURAL_RANGE, EDUCATION_CEILING, ONE_STEP, EXAM_MISSING)
TEMPLATES = {t.text: t for t in (*WORDINGS, EXAM_PASSED, TRAINING, STATUS_BARS, NO_STATUS_BARS, RATINGS_MET)}


def plain_requirements(found: dict[str, Any], own: bool = True) -> dict[tuple[str, str], str]:
    """Per (promotion kind, rule) whose requirement is stored in a wording of PLAIN or TIME_IN_RANK, that requirement
    as a sentence in the visitor's language, said to the employee (`own`) or of "the employee" to another reader
    (PLAIN_OF); one that only looks like its wording is left as stored."""
    plain: dict[tuple[str, str], str] = {}
    for e in found["eligibility"]:
        for r in e["requirements"]:
            wording = parse(r["message"])
            if wording is None or (wording.template not in TEMPLATES and wording.template not in PLAIN):
                continue
            said = dict(wording.params)
            template = TEMPLATES.get(wording.template)
            try:
                values = {n: localised(template, n, v) for n, v in said.items()} if template else {}
                if wording.template == TIME_IN_RANK.text:
                    plain[(e["kind"], r["rule"])] = time_in_rank_plain(values, said, r.get("standing") == NOT_DUE)
                    continue
                values |= named_values(wording.template, said)
                met, missing = PLAIN[wording.template]
                if r.get("standing") == NOT_DUE and wording.template in PLAIN_AHEAD:
                    met, missing = PLAIN_AHEAD[wording.template]
                if not own and wording.template in PLAIN_OF:
                    met, missing = PLAIN_OF[wording.template]
                plain[(e["kind"], r["rule"])] = str(met if r["outcome"] == "met" else missing) % values
            except (ValueError, KeyError):  # a text that only looks like its wording
                continue
    return plain
