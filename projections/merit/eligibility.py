"""The promotion kinds open to an employee, the earliest date each becomes possible, and
what is met or missing (table `eligibility`, one row per employee and kind).

Kinds: 101 for a PNS holding no definitive managerial or functional post (rule
`promotion.regular_without_post`: a post holder rises by 201 or 202); 201 with a definitive managerial post; 202
with a definitive functional post, up to the top rank of its level's range; 203 (by degree) when a degree
obtained in service starts above the rank held, to that degree's starting rank. The earliest
date is the first permitted promotion date on or after the day the time in rank is reached
(for kinds without a time in rank, the day after the current rank's TMT; for 203 not before
the degree's date; for 201 and 202 not before the start of the definitive post they rest on; for a day before
the rule of the dates is in force, its first date: `first_permitted`).
The requirements are first judged on the first permitted date on or after both the earliest date and the record's
last day (its latest effective or recording day), by the rules in force on it, on the final record (a record ending
before the earliest date: the earliest date). When the bars standing on that date whose end the record gives (a
penalty served, a year rated below Baik still read: `barred_until`) or credit points short on it (`credit_from`) move
the next promotion date past it, they are judged again for the first permitted date past them (`past_the_bars`,
until nothing moves it; merit view 62): that date is `judged_on`, while `barred_until`, `credit_from` and `met_on`
stay those of the first date. An offer blocked for good or barred by a legal status (`stands_for_good`) is not judged
again. Rows depend only on the subject's events: whether a date has come is a query (`EligibilityQueries`), not a
row; while a bar that moved the date (or the credit points) holds it to a date still to come, an offer whose earliest
date has come is not `reached`, and `to_come` or `not_eligible` (`barred_ahead`). So a change by the
mere passing of time after the record's last day (a penalty ending) shows in the requirements once a later fact is
recorded; the next promotion date (`next_date`) is after the end of a penalty and the years a year rated below Baik
is read for (`barred_until`) already.

When no row is open, `no_promotion_reason` says why when the record does (the service ended, a PPPK
contract grade, the top rank): the one reason the API and the career page both give. When no 202 row is
open to a functional employee because the rank held is the top of their level's range, `level_top` says so
and names the next level (the page and the API alike).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from careerlog.ages import add_years
from careerlog.domain.wording import Wording, parse
from careerlog.reference import Reference, Rules, reference, rules
from careerlog.sqlstore import Row
from projections.career import CareerRecord, PostSpell, confirmation_due, day_iso, predicate_score
from projections.framework import Table, rules_digest
from projections.merit.retirement import expected_retirement, service_end
from projections.merit.rules import (
    CEILING_RULE,
    CREDIT,
    EDUCATION_CEILING,
    EXAM_MISSING,
    LEGAL_STATUS,
    NO_YEAR_RATED,
    NOT_CONFIRMED,
    RATINGS_SHORT,
    REGULAR_WITHOUT_POST,
    STRUCTURAL_RANGE,
    TRAINING,
    Check,
    PromotionJudge,
    kind_status,
    param_on,
    penalty_bars_until,
    permitted_in_year,
    rank_index,
    rating_read_until,
    regular_bar,
    rule_on,
    version_changes,
)
from projections.reading import ViewReader

ELIGIBILITY = Table(
    "eligibility",
    (
        ("subject", "TEXT"),
        ("kind", "TEXT"),
        ("rank", "TEXT"),
        ("new_rank", "TEXT"),
        ("earliest_date", "TEXT"),
        ("judged_on", "TEXT"),
        ("requirements", "TEXT"),
        ("missing", "TEXT"),
        ("rules_version", "TEXT"),
        ("barred_until", "TEXT"),
        ("met_on", "TEXT"),
        ("credit_from", "TEXT"),
    ),
    ("subject", "kind"),
)
REGULAR = "101"
DEGREE = "203"  # promotion by degree (penyesuaian ijazah): to the starting rank of a degree obtained in service
# The kinds a row can hold (the API's enum): regular, structural (managerial post), functional post, by degree.
OFFERED_KINDS = ("101", "201", "202", DEGREE)
# Rules every offer meets by being made (the next rank up, or a degree's starting rank: promotion.degree_rank): judged
# by the audit of recorded promotions, left out of an offer's requirements when met, where they would tell the
# employee nothing.
# A 101 is offered only to a PNS no definitive post bars from it (`regular_bar`); with the rule not enforced, a post
# holder's 101 is offered and lists it missing (shown, not a bar), as any rule not enforced.
BY_OFFER = frozenset({"promotion.one_step", "promotion.degree_rank", REGULAR_WITHOUT_POST})
# Why no kind is open, when the record says: its service ended; a PPPK contract grade; the top rank (IV/e).
NO_PROMOTION_REASONS = ("separated", "pppk", "top_rank")
PENALTY_RULE = "promotion.penalty"
PERFORMANCE_RULE = "promotion.performance"
DATES_RULE = "promotion.dates"
TRAINING_RULE = "promotion.training"
PROBATION_RULE = "promotion.no_probation"
CREDIT_RULE = "promotion.credit_points"
EXAM_RULE = "promotion.service_exam"
# What opens an offer the education ceiling bars (it bars a regular promotion only: rules.toml `kinds`): a higher
# degree recorded (a promotion by degree, or a higher ceiling), or a definitive post (its holder rises by 201 or 202).
CEILING_OPENED_BY = [DEGREE, "201", "202"]
POST_TOP_RULE = "promotion.structural_range"
# What opens a 201 above the top rank of the managerial post held (it bars a 201 only): an appointment to a post of
# a higher eselon, whose holder rises by 201 again.
POST_TOP_OPENED_BY = ["201"]


def open_kinds(record: CareerRecord, day: date, book: Rules | None = None) -> list[str]:
    """Kinds open on `day`: 101 unless rule `promotion.regular_without_post` (in force on `day` under `book`, by
    default the configured rules, and enforced) bars it (`regular_bar`: a definitive managerial or functional post
    held, whose holder rises by 201 or 202 instead); 201 with a definitive managerial post; 202 with a definitive
    functional post."""
    bar = regular_bar(rules() if book is None else book, record, day)
    return ([] if bar is not None and bar.barred else [REGULAR]) + choice_kinds(record.definitive_post_on(day))


def choice_kinds(post: PostSpell | None) -> list[str]:
    """The choice promotion open to the holder of the definitive `post`: 202 functional, 201 managerial, none else."""
    if post is None:
        return []
    if post.post_kind == "FUNGSIONAL":
        return ["202"]
    return ["201"] if PromotionJudge.is_managerial(post.post_kind) else []


def choice_post_since(record: CareerRecord, post: PostSpell) -> date:
    """The day the holder of the definitive `post` has held, without a break, definitive posts opening the same choice
    promotion (managerial, 201; functional, 202): a move to another post of that kind (a functional level's next, an
    eselon's) keeps the day of the first."""
    start, kinds = post.start, choice_kinds(post)
    for spell in reversed([s for s in record.posts if s.assignment == "DEFINITIVE" and s.start < post.start]):
        if spell.end != start or choice_kinds(spell) != kinds:
            break
        start = spell.start
    return start


def degree_rank(judge: PromotionJudge, rank: str, day: date) -> tuple[str, date] | None:
    """The starting rank of the highest degree obtained in service by `day` (an `education` fact, not the
    entry education) and the degree's date, when that rank is above `rank`: a promotion by degree (203,
    penyesuaian ijazah) to it is open."""
    ref = judge.ref
    level, facts = judge.education(day)
    degree = next((f for f in facts if f.kind == "education" and f.get("level") == level), None)
    if level is None or degree is None:
        return None
    start = str(ref.education[level]["start"])
    return (start, degree.effective_date) if rank_index(ref, start) > rank_index(ref, rank) else None


def past_level(judge: PromotionJudge, post: PostSpell | None, new_rank: str) -> bool:
    """Whether `new_rank` is above the top rank of the functional level of `post` (asn.toml functional_levels,
    PermenPANRB 1/2023): credit points earn rank steps within a level, so no 202 promotion leads past it."""
    levels = judge.ref.functional_levels
    level = post.level if post is not None else None
    if level is None or level not in levels:
        return False
    return rank_index(judge.ref, new_rank) > rank_index(judge.ref, str(levels[level]["max_rank"]))


def first_permitted(book: Rules, day: date) -> date | None:
    """The first permitted promotion date (rule promotion.dates) on or after `day`; for a day before any version of
    the rule is in force (a rank held since before 2000, its time in rank reached then), the first date the rule
    permits once a version is (2000-04-01 as bundled). None when no version permits one after `day`."""
    for year in range(day.year, day.year + 2):
        for candidate in permitted_in_year(book, year):
            if candidate >= day:
                return candidate
    later = [rule.valid_from for rule in book.versions(DATES_RULE) if rule.valid_from > day]
    return first_permitted(book, min(later)) if later else None


TIME_IN_RANK_RULE = "promotion.time_in_rank"


def earliest_date(book: Rules, kind: str, since: date, after: date) -> date | None:
    """The first permitted promotion date (`first_permitted`) on or after `after` (a 203: the degree's date) and after
    `since` (the current rank's TMT) on which the years in rank of `kind` are reached, by the version of
    promotion.time_in_rank in force on that date (a date with none in force, or one naming no years for the kind,
    needs none): a version changing the years from a day on judges the dates from that day by its years, whatever the
    version of the record's last day. None when no version of promotion.dates permits one."""
    changes = version_changes(book, TIME_IN_RANK_RULE)
    day = max(since + timedelta(days=1), after)
    while (candidate := first_permitted(book, day)) is not None:
        years = param_on(book, TIME_IN_RANK_RULE, candidate, "years", {}).get(kind)
        due = None if years is None else add_years(since, int(years))
        if due is None or due <= candidate:
            return candidate
        # not reached on `candidate`: on the day it is, unless another version is in force before then
        day = min([due, *(d for d in changes if candidate < d < due)])
    return None


def eligibility_rows(record: CareerRecord, end: date, judge: PromotionJudge | None = None) -> list[Row]:
    """One row per open kind, as the record stands at its last day `end` (`judge`: the record's, if made),
    its requirements judged on the first permitted date on or after both the earliest date and `end`, or, when the
    bars standing on that date whose end the record gives or the credit's first date move the next promotion date
    past it, on the first permitted date past them (`past_the_bars`; not for an offer `stands_for_good` bars), with
    `barred_until`, `credit_from` and `met_on` of the first date."""
    if record.employment_kind != "PNS" or record.appointed_on is None or not record.active_on(end):
        return []
    judge = judge or PromotionJudge(record)
    held = record.rank_on(end)
    if held is None:
        return []
    rank, since, _ = held
    ranks = judge.ref.ranks.codes
    index = rank_index(judge.ref, rank)
    if index + 1 >= len(ranks):
        return []
    book = judge.rules
    rows: list[Row] = []
    # the 101 is judged like every kind, and closed on its own judged day when the rule bars it (`regular_bar`)
    post = record.definitive_post_on(end)
    targets = dict.fromkeys([REGULAR], (ranks[index + 1], since))
    # a 201 or 202 rests on the post: its earliest date is not before the post's start (an appointment to a post on 1
    # December 2026 offered a 201 from 1 April 2022, the rank's years reached before it was held, until 2026-12-05)
    held_from = since if post is None else max(since, choice_post_since(record, post))
    targets |= dict.fromkeys(choice_kinds(post), (ranks[index + 1], held_from))
    if "202" in targets and past_level(judge, post, ranks[index + 1]):
        del targets["202"]  # a rank above the level's range needs an appointment to the next level first
    if (by_degree := degree_rank(judge, rank, end)) is not None:
        targets[DEGREE] = by_degree  # its earliest date is not before the degree's
    for kind, (new_rank, after) in targets.items():
        earliest = earliest_date(book, kind, since, after)
        if earliest is None:
            continue
        judged = earliest if end <= earliest else first_permitted(book, end)
        if judged is None:
            continue
        closed = regular_bar(book, judge.post_held(judged), judged, kind) if kind == REGULAR else None
        if closed is not None and closed.barred:
            checks, opens = [closed.check()], None  # not offered: the row says why (`regular_closed`)
            bars, reach, met = barred_until(book, checks, judged, kind), None, None
        else:
            checks = offer_checks(judge, judged, kind, new_rank)
            opens = day_iso(earliest)
            bars, reach = barred_until(book, checks, judged, kind), credit_reachable(judge, checks, since, judged)
            # no promotion can come before the bars whose end the record gives (a year rated below the minimum still
            # read, a penalty served) are over, nor before the credit's first date: the next promotion date is the
            # first past them (`next_date_and_basis`), and its requirements are judged for it (until merit view 62
            # for `judged`, a date no promotion could come on: they asked the ratings of years no later date reads,
            # an exam passed by a day already barred), the bars and the credit's date kept (what moved it there)
            # `met_on` is of the first judgement: the run of dates met ends before it (the day before a date past the
            # bars is inside them); a row blocked for good or barred by a legal status of no known end is not judged
            # again (no date brings it, or none is known to: `EligibilityQueries.offers` gives no next date)
            met = met_from(judge, kind, new_rank, earliest, judged, checks)
            while (
                not stands_for_good(checks)
                and (later := past_the_bars(book, judged, bars, reach)) is not None
                and later > judged
            ):
                judged, checks = later, offer_checks(judge, later, kind, new_rank)
                bars = max_day(bars, barred_until(book, checks, judged, kind))
                reach = max(filter(None, (reach, credit_reachable(judge, checks, since, judged))), default=None)
        rows.append(
            {
                "subject": record.subject,
                "kind": kind,
                "rank": rank,
                "new_rank": new_rank,
                "earliest_date": opens,
                "judged_on": day_iso(judged),
                "requirements": "["
                + ", ".join([requirement(c, due_from(judge, c, since, judged)) for c in checks])
                + "]",
                "missing": json.dumps([c.rule for c in checks if c.finding]),
                "rules_version": rules_digest(book),
                "barred_until": bars,
                "met_on": day_iso(met) if met else None,
                "credit_from": day_iso(reach) if reach else None,
            }
        )
    return rows


def past_the_bars(book: Rules, judged: date, bars: str | None, reach: date | None) -> date | None:
    """The first promotion date on or after `judged` past the bars whose end the record gives (`bars`, the last day
    of them: `barred_until`) and not before the credit's first date (`reach`: `credit_reachable`): the next promotion
    date once `judged` has come (`next_date_and_basis`); None when no version of promotion.dates permits one."""
    after = date.fromisoformat(bars) + timedelta(days=1) if bars else judged
    return first_permitted(book, max(judged, reach or judged, after))


def stands_for_good(checks: list[Check]) -> bool:
    """Whether no date past the bars is known to bring the offer: blocked for good (`blocked`: the education ceiling,
    the top of the managerial post's range) or barred by a legal status (unpaid leave, suspension), which lasts until
    a return to duty is recorded. Its requirements stay judged on the first date (`eligibility_rows`)."""
    return any(c.finding and c.rule in (CEILING_RULE, POST_TOP_RULE, LEGAL_STATUS) for c in checks)


def max_day(first: str | None, second: str | None) -> str | None:
    """The later of two ISO days, either None."""
    return max(filter(None, (first, second)), default=None)


# How many years after the date judged a promotion date is looked for on which credit points short on it could be
# reached (`credit_reachable`): a functional level earns its step in 3 to 5 years rated Baik.
CREDIT_YEARS_AHEAD = 40


def credit_reachable(judge: PromotionJudge, checks: list[Check], since: date, judged: date) -> date | None:
    """When promotion.credit_points is short on `judged` (missing and enforced): the first permitted promotion date
    on or after `judged` on which the credit could be reached, every year it counts with no SKP rating recorded rated
    at the highest credit factor (Sangat Baik: `PromotionJudge.credit_unrated`) and the functional post held as it
    now stands; None when the credit is not short, or no date within CREDIT_YEARS_AHEAD reaches it (a post ended:
    no year adds credit). A date before it cannot bring the promotion whatever is recorded: the next promotion date
    is not before it (`next_date`)."""
    if not any(c.rule == CREDIT_RULE and c.finding for c in checks):
        return None
    book, day = judge.rules, judged
    while day.year <= judged.year + CREDIT_YEARS_AHEAD:
        found = judge.credit_unrated(day, since)
        if found is not None:
            _, total, most, needed = found
            if total + most >= needed:
                return day
        # the credit counts the years before a date's: the next year's first date counts one year more
        following = first_permitted(book, date(day.year + 1, 1, 1))
        if following is None:
            return None
        day = following
    return None


def offer_checks(judge: PromotionJudge, day: date, kind: str, new_rank: str) -> list[Check]:
    """An offer's requirements on `day`: the judge's checks less the rules every offer meets (BY_OFFER) when met."""
    return [c for c in judge.checks(day, kind, new_rank) if c.rule not in BY_OFFER or c.missing]


def met_before(judge: PromotionJudge, kind: str, new_rank: str, earliest: date, judged: date) -> date | None:
    """The earliest promotion date before `judged` (so before the record's last day) and on or after `earliest` on
    which the record as it now stands meets every requirement of the offer, when the last such date before `judged`
    does (a rating corrected after its rounds: met for 1 December 2026, as now recorded, where `judged_on`, the first
    date after the correction, asks a year not rated yet); walked back from that date while each date is met. None
    when the last date before `judged` is not met, or there is none. A 101 barred on a date (`regular_bar`) is not
    met on it."""
    book, met = judge.rules, None
    for year in range(judged.year, earliest.year - 1, -1):
        for day in reversed(permitted_in_year(book, year)):
            if not earliest <= day < judged:
                continue
            closed = regular_bar(book, judge.post_held(day), day, kind) if kind == REGULAR else None
            if (closed is not None and closed.barred) or judge.barred(day, kind, new_rank):
                return met  # (the rules that most often bar first, up to the first enforced one missing)
            met = day
    return met


def met_from(
    judge: PromotionJudge, kind: str, new_rank: str, earliest: date, judged: date, checks: list[Check]
) -> date | None:
    """The first promotion date of the run of dates on which the record as it now stands meets every requirement of
    the offer (the API's `met_on`), whether or not anything is missing on `judged` (`checks`: its requirements on
    it): with nothing missing the run ends on `judged` (`judged` itself when the date before it is not met, or there is
    none); with something missing it ends on the last date before `judged` (`met_before`: None when that is not met).
    Until merit view 55 it was None whenever nothing was missing on `judged`, and filled only once something was."""
    met = met_before(judge, kind, new_rank, earliest, judged)
    return met if any(c.finding for c in checks) else met or judged


def barred_until(book: Rules, checks: list[Check], judged: date, kind: str = REGULAR) -> str | None:
    """The last day of the bars standing on `judged` whose end the record gives: the penalties served then
    (promotion.penalty missing and enforced; its evidence), each to its last day and the months the rule in force on
    `judged` adds after it (projections.merit.rules.penalty_bars_until, which the career page reads too); and the
    years rated below the minimum among those promotion.performance reads for `judged` (missing and enforced; its
    evidence, the ratings recorded), each to the last day of the last year whose promotion dates still read it (a
    101 reads the 2 years before a TMT: 2025 rated Butuh Perbaikan bars until 31 December 2027; a year with no rating
    recorded bars nothing here, its rating may yet be recorded). None when no such bar stands, or when one of those
    penalties has no end the record gives (no `end_date`, and its kind no fixed months: it stands until one is
    recorded, so no date is known to come after it). A legal status barring a promotion on `judged`
    (promotion.legal_status: unpaid leave, suspension) has no end the record gives: `judged` is on or after the
    record's last day and a fact in the future is refused, so no return to duty after it is recorded."""
    ends = []
    rule = rule_on(book, PENALTY_RULE, judged)
    if rule is not None:
        extra = rule.params.get("extra_months", {})
        for fact in (fact for c in checks if c.rule == PENALTY_RULE and c.finding for fact in c.evidence):
            end = penalty_bars_until(fact, extra)
            if end is None:
                return None  # it stands until an end is recorded
            ends.append(end)
    ends.extend(rated_below_until(book, checks, judged, kind))
    return day_iso(max(ends)) if ends else None


def rated_below_until(book: Rules, checks: list[Check], judged: date, kind: str) -> list[date]:
    """For each year rated below the minimum of promotion.performance (in force on `judged`) that the rule reads for
    `judged` and finds short, the last day a promotion date of `kind` still reads it (rules.rating_read_until)."""
    rule = rule_on(book, PERFORMANCE_RULE, judged)
    if rule is None:
        return []
    ref, minimum = reference(), None
    ends = []
    for c in checks:
        if c.rule != PERFORMANCE_RULE or not c.finding:
            continue
        minimum = predicate_score(ref, rule.params["min_predicate"]) if minimum is None else minimum
        for fact in c.evidence:
            year = fact.get("year")
            if isinstance(year, int) and predicate_score(ref, fact.get("predicate")) < minimum:
                until = rating_read_until(book, judged, kind, year)
                if until is not None:
                    ends.append(until)
    return ends


def requirement(check: Check, due: date | None = None) -> str:
    """A requirement as `requirements` holds it: `json.dumps` of its rule, outcome, enforced and message (and `due`,
    of one missing only until a day: `due_from`), as an item of the list (`json.dumps` of the list joins its items'
    so); many employees share one (nine in ten of the demo's), so each is kept by its wording, its message rendered
    once."""
    return _requirement(check.rule, check.outcome, check.enforced, check.wording, due)


@functools.lru_cache(maxsize=4096)
def _requirement(rule: str, outcome: str, enforced: bool, wording: Wording, due: date | None = None) -> str:
    said = {"rule": rule, "outcome": outcome, "enforced": enforced, "message": wording.text}
    return json.dumps(said if due is None else {**said, "due": due.isoformat()})


def due_from(judge: PromotionJudge, check: Check, since: date, judged: date) -> date | None:
    """The day a missing requirement falls due, when it is missing only because that day has not come (before it the
    requirement is "not due yet", from it "not met": `standing`); None when it is missing otherwise (failed, or
    overdue whatever the day). Of the record alone, as every row: whether the day has come is read with today.
    - promotion.performance: every year it finds short has no rating recorded (none rated below): 1 January after
      the first of them, the first day a rating it waits on is overdue (a year's rating is due once the year is over:
      ratings wanted for 2025 and 2026 are due on 1 January 2026, the 2025 rating overdue from it; merit view 56 read
      the last of them, 2027-01-01, and called a rating a year overdue "not due yet");
    - promotion.service_exam: an exam not passed (nor exempt from) is due by the date judged, the day it must be
      passed by (until merit view 56 `null`: an exam for a promotion judged years ahead read "not met", as if it
      had been failed);
    - promotion.training: the JP of a year: 1 January after that year;
    - promotion.no_probation: no confirmation as PNS recorded: the day it is due (`confirmation_due`: the end of the
      probation year after the appointment; a confirmation refused or never recorded is overdue from it);
    - promotion.credit_points: short of the credit, with years counted that have no rating recorded, whose ratings
      could still reach it (rated at the highest credit factor): 1 January after the first of those years."""
    if not check.missing:
        return None
    record, params = judge.record, dict(check.params)
    if check.rule == PERFORMANCE_RULE and check.template == RATINGS_SHORT.text:
        years = [int(y) for y in params["years"].split(", ")]
        return None if any(y in record.ratings for y in years) else date(min(years) + 1, 1, 1)
    if check.rule == PERFORMANCE_RULE and check.template == NO_YEAR_RATED.text:
        appointed_year = date.fromisoformat(params["appointed"]).year  # (as RATINGS_SHORT of that year alone)
        return date(appointed_year + 1, 1, 1)
    if check.rule == EXAM_RULE and check.template == EXAM_MISSING.text:
        return judged
    if check.rule == TRAINING_RULE and check.template == TRAINING.text:
        return date(int(params["year"]) + 1, 1, 1)
    if check.rule == PROBATION_RULE and check.template == NOT_CONFIRMED.text:
        appointed = record.appointed_on
        return None if appointed is None else confirmation_due(appointed, judge.rules)
    if check.rule == CREDIT_RULE and check.template == CREDIT.text:
        found = judge.credit_unrated(judged, since)
        if found is None:
            return None
        unrated, total, most, needed = found
        return date(min(unrated) + 1, 1, 1) if unrated and total + most >= needed else None
    return None


# How a requirement stands on a day (the API's `standing`, the career page's mark): met; missing only until a day
# still to come (`due` after it), or met only on a promotion date still to come; missing (failed, or overdue).
MET, NOT_DUE, NOT_MET = "met", "not_due", "not_met"
STANDINGS = (MET, NOT_DUE, NOT_MET)


# The rules a requirement met on a promotion date still to come may not be met today by: the years in rank (met from
# the day they are reached), no penalty and no legal status barring a promotion (as the record says of that date).
ON_THE_DAY = frozenset({TIME_IN_RANK_RULE, PENALTY_RULE, LEGAL_STATUS})


def due_on(requirement: dict[str, Any], judged_on: str, today: date) -> str | None:
    """The day a requirement falls due: its `due` (`due_from`) when missing only until a day; of one of `ON_THE_DAY`
    met as judged on a promotion date after `today`, the day it is met from (the years in rank: the day they are
    reached, 2030-04-01 for a CPNS of 2026-04-01 at III/a; the others: the date judged) when after `today`; None
    otherwise."""
    if requirement["outcome"] != MET:
        due: str | None = requirement.get("due")
        return due
    if requirement["rule"] not in ON_THE_DAY or judged_on <= today.isoformat():
        return None
    said = parse(requirement["message"]) if requirement["rule"] == TIME_IN_RANK_RULE else None
    day = dict(said.params).get("due", judged_on) if said is not None else judged_on
    return day if today.isoformat() < day else None


def standing(requirement: dict[str, Any], today: date, judged_on: str | None = None) -> str:
    """How a requirement (as `requirements` holds it, judged on `judged_on`) stands on `today`: `met`; `not_due`
    when missing only because its day (`due`, `due_from`) is after `today`, or met only from a day after `today`
    (`due_on`); else `not_met`."""
    due = due_on(requirement, judged_on or today.isoformat(), today)
    if due is not None and today.isoformat() < due:
        return NOT_DUE
    return MET if requirement["outcome"] == MET else NOT_MET


# What an offer comes to today (the API's `decision`, the career page's words after the earliest date), in one place:
# `blocked`, no date brings it (`blocked`); `to_come`, the earliest date is still to come, or it has come, something
# is missing on `judged_on` (a date still to come), every enforced requirement still open is not due yet (`standing`
# not_due: this year's SKP...) and no run of dates met comes before it (`met_on` null): eligible on `judged_on` once
# what is open is met (until 2026-12-06 `not_eligible`, "passed, but not every requirement is met", for a requirement
# not due yet); `eligible`, it has come and nothing is missing on `judged_on`; `eligible_from_met_on`, it has come,
# something is missing on `judged_on`, but every enforced requirement still open is not due yet and the record as it
# now stands met every requirement from `met_on`: eligible from that date; `not_eligible`, it has come and an
# enforced requirement is missing that is due (failed, or overdue). While a bar whose end the record gives (a penalty
# served, a year rated below the minimum still read), or credit points short, hold the promotion to the next promotion
# date (`barred_ahead`: `judged_on`, judged past them since merit view 62) an offer whose earliest date has come is
# neither `eligible` nor `eligible_from_met_on`: `to_come`, or `not_eligible` when a requirement due is missing on
# `judged_on` (and, as under any bar standing, not `reached`: `EligibilityQueries.offers`).
BLOCKED, TO_COME, ELIGIBLE, ELIGIBLE_FROM_MET_ON, NOT_ELIGIBLE = (
    "blocked",
    "to_come",
    "eligible",
    "eligible_from_met_on",
    "not_eligible",
)
DECISIONS = (BLOCKED, TO_COME, ELIGIBLE, ELIGIBLE_FROM_MET_ON, NOT_ELIGIBLE)


def decision(
    barred: dict[str, Any] | None,
    come: bool,
    missing: list[str],
    met_on: str | None,
    requirements: list[dict[str, Any]],
    bar_ahead: bool = False,
) -> str:
    """What an offer comes to today (DECISIONS), from its `blocked`, whether its earliest date has come (`come`, bars
    aside: not the API's `reached`, which a bar standing makes false), `missing`, `met_on` and its requirements with
    their `standing` today (`with_sources`); `bar_ahead`, a bar whose end the record gives (a penalty served, a year
    rated below the minimum still read) or credit points short hold it to the next promotion date (`next_date_basis`
    bar or credit_points, a date still to come, `judged_on`: `barred_ahead`): not eligible today, nor from `met_on`,
    but `to_come` on that date (or `not_eligible` when a requirement due is missing on it)."""
    if barred is not None:
        return BLOCKED
    if not come:
        return TO_COME
    if not missing and not bar_ahead:
        return ELIGIBLE
    due = [r for r in requirements if r["outcome"] == "missing" and r["enforced"] and r.get("standing") != NOT_DUE]
    if due:
        return NOT_ELIGIBLE
    return ELIGIBLE_FROM_MET_ON if met_on is not None and not bar_ahead else TO_COME


def no_promotion_reason(roster: Row | None) -> dict[str, Any] | None:
    """Why no rank promotion is open, from the employee's roster row (their record as it stands): their service
    ended (a separation status: `day`, `status`); a PPPK employee holds a contract grade, not a rank (golongan);
    the rank held is the highest. `rank`: the rank (or PPPK grade) held. None when the record says none of
    these (no row is open for another reason, or the rows are not made yet)."""
    if roster is None or roster["rank"] is None:
        return None
    ref = reference()
    reason = None
    if roster["separated_on"] and roster["status"] in ref.separation_statuses():
        reason = "separated"
    elif roster["employment_kind"] == "PPPK":
        reason = "pppk"
    elif roster["rank"] == ref.ranks.codes[-1]:
        reason = "top_rank"
    if reason is None:
        return None
    separated = reason == "separated"
    return {
        "reason": reason,
        "day": roster["separated_on"] if separated else None,
        "status": roster["status"] if separated else None,
        "rank": roster["rank"],
    }


def next_level(ref: Reference, level: str) -> str | None:
    """The functional level after `level`: the next one listed (asn.toml lists each ladder, Ahli and then
    Terampil, from its lowest level) whose lowest rank is the rank after `level`'s top rank; None at the top of a
    ladder (Ahli Utama, Penyelia)."""
    codes = ref.functional_levels.codes
    after = codes.index(level) + 1
    top = rank_index(ref, str(ref.functional_levels[level]["max_rank"]))
    if after >= len(codes) or top + 1 >= len(ref.ranks.codes):
        return None
    following = codes[after]
    return following if ref.functional_levels[following]["min_rank"] == ref.ranks.codes[top + 1] else None


def level_top(roster: Row | None, kinds: Collection[str]) -> dict[str, Any] | None:
    """Why no 202 row is open to a functional employee, from their roster row (the post held now) and the
    kinds open: the rank held is at or above the top rank of their level's range (`past_level`), so a further
    rank needs an appointment to the next level first. `level`, `rank` held, `top` of the level's range,
    `next_level` (None when the reference lists none). None when a 202 is open or this is not the reason (no
    definitive functional post: the roster shows an acting one when no definitive post is held, and an acting post
    counts for no promotion, as `regular_bar` reads it; a PPPK employee, service ended, or the highest rank:
    `no_promotion_reason`)."""
    if roster is None or "202" in kinds or roster["post_kind"] != "FUNGSIONAL" or roster["employment_kind"] != "PNS":
        return None
    if roster["post_assignment"] != "DEFINITIVE":  # an acting post (Plt, Plh, Pj) counts for no promotion (regular_bar)
        return None
    ref, level, rank = reference(), roster["post_level"], roster["rank"]
    if roster["separated_on"] or level not in ref.functional_levels or rank not in ref.ranks:
        return None
    top = str(ref.functional_levels[level]["max_rank"])
    if rank_index(ref, rank) < rank_index(ref, top) or rank == ref.ranks.codes[-1]:
        return None
    return {"level": level, "rank": rank, "top": top, "next_level": next_level(ref, level)}


# The roster row `not_open_of` and `expected_retirement` read (read ahead by web.fastreads with the eligibility rows),
# once for both and, on the career page, for its heading, who the record is of (`EligibilityQueries.career`).
ROSTER_COLUMNS = (
    "employment_kind, status, rank, separated_on, post_kind, post_level, birth_date, post_title, name, agency, "
    "post_assignment, confirmed, appointed_on, unit"
)
NOT_OPEN_READ = f"SELECT {ROSTER_COLUMNS} FROM roster WHERE subject = ?"


class EligibilityQueries(ViewReader):
    def eligibility(self, nip: str) -> list[dict[str, Any]]:
        """What is open to an employee: per kind the earliest date, whether the offer's date has come (today:
        `reached`, the earliest date come and nothing barring it: false while blocked, barred with no end known, or
        while a bar or the credit points hold the next promotion date to a day still to come, `barred_ahead`), the next
        promotion date from today (`next_date`: after a penalty's known end and the years a year rated below the
        minimum is read for; None when blocked for good or while a legal status bars it, whose end no record gives),
        and the requirements met or missing on `judged_on` (after the earliest date and the record's last day), each
        with the regulation it rests on (`source`, `status`)."""
        return self.offers(nip)[0]

    def offers(self, nip: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """`eligibility` and, from the same read, why no regular promotion (101) is offered (`regular_closed`)."""
        rows = self.store.query("SELECT * FROM eligibility WHERE subject = ? ORDER BY kind", (nip,))
        book, today = rules(), self.today
        items = []
        for row in rows:
            if row["earliest_date"] is None:
                continue
            requirements, missing = json.loads(row["requirements"]), json.loads(row["missing"])
            barred = blocked(requirements)
            # a legal status barring it on judged_on (unpaid leave, suspension) lasts until a return to duty is
            # recorded, a penalty of no known end until its end is: no date is known to come after either
            # (`barred_until` gives none: no later fact is recorded yet)
            away = LEGAL_STATUS in missing or (PENALTY_RULE in missing and row["barred_until"] is None)
            dated = (None, None) if barred or away else next_date(book, row, today)
            sourced = with_sources(book, requirements, row["judged_on"], today, row["kind"])
            # the earliest date come (`come`) is `reached` unless something bars the promotion: blocked for good, a
            # legal status or a penalty of no known end (`away`), or a bar whose end the record gives or the credit
            # points holding the next promotion date to a day still to come (`barred_ahead`)
            come, held = row["earliest_date"] <= today.isoformat(), barred_ahead(dated, today)
            items.append(
                {
                    **row,
                    "requirements": sourced,
                    "missing": missing,
                    "reached": come and not (barred or away or held),
                    **dict(zip(("next_date", "next_date_basis"), dated, strict=True)),
                    "blocked": barred,
                    "decision": decision(barred, come, missing, row["met_on"], sourced, held),
                }
            )
        closed = [regular_closed(book, row) for row in rows if row["earliest_date"] is None]
        return items, closed[0] if closed else None

    def roster_row(self, nip: str) -> Row | None:
        """The employee's roster row as `career` reads it (one primary-key read)."""
        rows = self.store.query(NOT_OPEN_READ, (nip,))
        return rows[0] if rows else None

    def career(
        self, nip: str, items: list[dict[str, Any]], book: Rules, closed: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """From one read of the roster row, the eligibility `items` (as `offers` gives them) each with the expected
        end of service (under "eligibility": `with_expected_end`), why no promotion or no 202 is open (`not_open_of`,
        with `closed`, why no 101 is: `offers`), when the employee's service is expected to end at the retirement
        age (under "retirement": projections.merit.retirement `expected_retirement`) and who the record is of (under
        "employee": `employee_of`): the career page's and, cut to its fields, the API's (`answer`)."""
        roster = self.roster_row(nip)
        retirement = expected_retirement(book, roster, self.today)
        return {
            "eligibility": with_expected_end(items, retirement),
            **not_open_of(roster, {i["kind"] for i in items}, closed),
            "retirement": retirement,
            "employee": employee_of(roster),
        }

    def answer(self, nip: str, book: Rules) -> dict[str, Any]:
        """The API's eligibility of an employee: the items (`offers`, each `with_expected_end`), `not_open_of` and the
        expected end of service (`service_end`: projections.merit.retirement), from one read of each view."""
        items, closed = self.offers(nip)
        found = self.career(nip, items, book, closed)
        return {
            "items": found["eligibility"],
            **{key: found[key] for key in ("no_promotion", "level_top", "regular_closed")},
            "service_end": service_end(found["retirement"]),
        }


def with_expected_end(items: list[dict[str, Any]], retirement: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each eligibility item with the day the employee's service is expected to end (`expected_end`, the
    `expected_retirement` day: None for a PPPK employee, service ended, no birth date or no rule) and whether the
    offer's date falls after it (`after_expected_end`: its `next_date`; with none, blocked or barred with no end
    known, true once the expected end is past, any promotion to come being after it, else None: no date to compare,
    where its `earliest_date`, compared until a review of 2026-12-07, gave false of a day gone by; None with no
    expected end). A date after it comes in all likelihood never: the decision is of the rows alone and does not read
    it."""
    end = retirement["day"] if retirement else None
    return [{**item, "expected_end": end, "after_expected_end": after_end(item, retirement)} for item in items]


def after_end(item: dict[str, Any], retirement: dict[str, Any] | None) -> bool | None:
    """`with_expected_end`'s `after_expected_end` of one item."""
    if retirement is None:
        return None
    if item["next_date"] is not None:
        return bool(item["next_date"] > retirement["day"])
    return True if retirement["past"] else None


def employee_of(roster: Row | None) -> dict[str, Any] | None:
    """Who a record is of, as its roster row gives them now: name, agency and unit, rank (or PPPK grade), employment
    kind, the appointment's day, whether a confirmation as PNS is recorded (a PNS-track employee without one: a CPNS),
    the separation's day (death, retirement, dismissal: none while in service) and the post held (its kind, title,
    eselon or functional level and assignment: a Plt's too), None before the roster has the row."""
    if roster is None:
        return None
    return {key: roster[key] for key in EMPLOYEE_COLUMNS}


EMPLOYEE_COLUMNS = (
    "name",
    "agency",
    "unit",
    "rank",
    "employment_kind",
    "confirmed",
    "appointed_on",
    "separated_on",
    "post_kind",
    "post_title",
    "post_level",
    "post_assignment",
)


def not_open_of(
    roster: Row | None, kinds: Collection[str], closed: dict[str, Any] | None = None
) -> dict[str, dict[str, Any] | None]:
    """Why no promotion (`no_promotion`, when `kinds`, those open, is empty) or no 202 (`level_top`) is open to an
    employee, from their roster row already read (None when a 202 is open: nothing to say), with `closed`, why no
    regular promotion (101) is offered (`regular_closed` of the closed 101 row)."""
    if "202" in kinds:
        return {"no_promotion": None, "level_top": None, "regular_closed": closed}
    return {
        "no_promotion": None if kinds else no_promotion_reason(roster),
        "level_top": level_top(roster, kinds),
        "regular_closed": closed,
    }


def regular_closed(book: Rules, row: Row) -> dict[str, Any] | None:
    """Why no regular promotion (101) is offered, in words an employee reads, from the 101 row the rule
    `promotion.regular_without_post` closed (`earliest_date` NULL; its requirement names the definitive post held):
    `regular_bar` read again on the row's `judged_on`, the day the 101 was judged, under `book` (the rules the view
    was filled by: `rules_version`). `kind` is the promotion they rise by (201 managerial, 202 functional), with the
    rule, its regulation and status. None when the rules read now do not bar it."""
    said = [parse(r["message"]) for r in json.loads(row["requirements"]) if r["rule"] == REGULAR_WITHOUT_POST]
    post_kind = dict(said[0].params).get("post_kind") if said and said[0] is not None else None
    bar = regular_bar(book, post_kind, date.fromisoformat(row["judged_on"]))
    if bar is None or not bar.barred:
        return None
    rule = bar.rule
    return {"kind": bar.instead, "instead_of": REGULAR, "rule": rule.id, "source": rule.source, "status": rule.status}


def barred_ahead(dated: tuple[str | None, str | None], today: date) -> bool:
    """Whether the next promotion date and its basis (`next_date`) say a bar whose end the record gives (`bar`), or
    credit points short until then (`credit_points`, which a bar standing too may lie under: the later of them sets
    the basis), hold the promotion to that date, still to come: an earliest date come today is not `reached`, and the
    offer neither `eligible` nor `eligible_from_met_on` but `to_come` on it (`decision`; in merit view 62 before
    2026-12-07 it read `eligible` and "(reached)" above the penalty once the requirements were judged past it, and
    until 2026-12-07 `reached` stayed true and the credit's basis was not read)."""
    day, basis = dated
    return basis in HELD_BY and day is not None and day > today.isoformat()


def blocked(requirements: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Why an offer is blocked for good, so that no date brings it (the API's `blocked`; the career page says it in
    place of its dates), from an enforced requirement that is missing:
    - the education ceiling (`promotion.education_ceiling`: the new rank is above the highest a regular promotion
      reaches with the employee's education), with the `education` and its `ceiling` as its stored wording gives them,
      opened by a higher degree recorded (203) or a definitive post (201 or 202);
    - the top of the managerial post's range (`promotion.structural_range`: a 201 above the top rank of the post
      held), with the `post_kind` and its `top` rank, opened by an appointment to a post of a higher eselon (201).
    None when nothing bars it for good: the dates then say when it comes."""
    for r in requirements:
        if r["outcome"] != "missing" or not r["enforced"]:
            continue
        said = parse(r["message"])
        if r["rule"] == CEILING_RULE:
            values = dict(said.params) if said is not None and said.template == EDUCATION_CEILING.text else {}
            return {
                "rule": CEILING_RULE,
                "education": values.get("level"),
                "ceiling": values.get("ceiling"),
                "opened_by": CEILING_OPENED_BY,
            }
        if r["rule"] == POST_TOP_RULE and said is not None and said.template == STRUCTURAL_RANGE.text:
            values = dict(said.params)
            return {
                "rule": POST_TOP_RULE,
                "post_kind": values.get("post_kind"),
                "top": values.get("top"),
                "opened_by": POST_TOP_OPENED_BY,
            }
    return None


def with_sources(
    book: Rules, requirements: list[dict[str, Any]], judged_on: str, today: date | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """Each requirement with the regulation its rule rests on (`source`) and whether that is confirmed
    (`status`: S, M, I), as the rules file in use states it for `judged_on` (docs/rules.md), for the offer's `kind`
    (`kind_status`); None for a rule the file no longer holds; and, given `today`, how it stands then (`standing`:
    met, not_due, not_met)."""
    day = date.fromisoformat(judged_on)
    if today is None:
        return [{**r, **rule_source(book, r["rule"], day, kind)} for r in requirements]
    return [
        {
            **r,
            **rule_source(book, r["rule"], day, kind),
            "standing": standing(r, today, judged_on),
            "due": due_on(r, judged_on, today),
        }
        for r in requirements
    ]


@functools.lru_cache(maxsize=4096)  # a few rules and judged days: every read of eligibility asks them again
def rule_source(book: Rules, rule_id: str, day: date, kind: str | None = None) -> dict[str, str | None]:
    rule = rule_on(book, rule_id, day)
    return (
        {"source": None, "status": None} if rule is None else {"source": rule.source, "status": kind_status(rule, kind)}
    )


def next_date(book: Rules, row: Row, today: date) -> tuple[str | None, str | None]:
    """The next promotion date open to an eligibility row, and what sets it (`next_date_and_basis` of its columns)."""
    return next_date_and_basis(book, row["earliest_date"], today, row["barred_until"], row["credit_from"])


# What sets the next promotion date (the API's `next_date_basis`), in the order they are weighed: the latest wins.
BY_TIME_IN_RANK, BY_TODAY, BY_BAR, BY_CREDIT_POINTS = ("time_in_rank", "today", "bar", "credit_points")
NEXT_DATE_BASES = (BY_TIME_IN_RANK, BY_TODAY, BY_BAR, BY_CREDIT_POINTS)
# The bases that hold a promotion to a next promotion date still to come, its earliest date come or not (`barred_ahead`)
HELD_BY = frozenset((BY_BAR, BY_CREDIT_POINTS))


@functools.lru_cache(maxsize=4096)
def next_date_and_basis(
    book: Rules, earliest: str, today: date, barred: str | None = None, credit: str | None = None
) -> tuple[str | None, str | None]:
    """The next promotion date open: the first permitted date on or after the earliest date and `today` (a past
    earliest date is no longer a date one can be promoted on), after `barred`, the last day of the bars whose end
    is known (`barred_until`: a penalty served on the day judged, a year rated below the minimum), none of which a
    promotion date may fall in, and not before `credit`, the first date on which credit points short could be
    reached at the best rate (`credit_from`): the earliest day on which every requirement could be met. With it
    what sets it (NEXT_DATE_BASES), the last of them that moves it to a later promotion date: `time_in_rank`, the
    earliest date still to come (after `today`); `today`, the earliest date come, today or gone by, and no later
    bound moving it (on the earliest date itself too, which until 2026-12-06 still read `time_in_rank`): the one basis
    the API's `reached` is true with; `bar`; `credit_points`. (None, None) when no version of promotion.dates permits a
    date."""
    start = date.fromisoformat(earliest)
    # the earliest date to come sets it, or, from that date on (come), today, until a later bound moves it
    bounds = [(today, BY_TODAY) if start <= today else (start, BY_TIME_IN_RANK)]
    if barred is not None:
        bounds.append((date.fromisoformat(barred) + timedelta(days=1), BY_BAR))
    if credit is not None:
        bounds.append((date.fromisoformat(credit), BY_CREDIT_POINTS))
    day, basis = bounds[0]
    found = first_permitted(book, day)
    for bound, why in bounds[1:]:
        if bound > day:  # a later bound sets the date when it moves it to a later promotion date
            day, before = bound, found
            found = first_permitted(book, day)
            basis = why if before is None or found is None or found > before else basis
    return (None, None) if found is None else (found.isoformat(), basis)
