"""The merit projection: every rank promotion and definitive post appointment audited, the
regular promotion rounds, and the ratings the grade-inflation query reads.

One pass per employee: the final record gives the decisions and the rounds; each decision is
judged by `record.known_before(decision recorded time)`, so a fact recorded after the decision
never makes it compliant (it is its own `evidence.recorded_after` finding instead). A unit's
record gives its own ratings (`unit_ratings`).

Tables (docs/views.md): `decisions`, `findings`, `promotion_rounds`, `earlier_rounds`, `eligibility`,
`unit_ratings`, `staff_ratings`, `unit_spells`, `unit_named`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from careerlog.ages import add_years
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import EASTERNMOST
from careerlog.domain.payload import starting_rank_code
from careerlog.domain.wording import Refusal, Template
from careerlog.reference import Reference, Rule, Rules, reference, rules
from careerlog.sqlstore import Row
from projections.career import CareerRecord, Entry, Fact, day_iso, predicate_score
from projections.framework import Table, TupleProjection, row_tuples
from projections.merit.appointments import STARTING_RANK_RULE, appointment_checks, is_judged_appointment
from projections.merit.distribution import STAFF_RATINGS, UNIT_RATINGS, staff_rating_rows, unit_rating_rows
from projections.merit.eligibility import ELIGIBILITY, eligibility_rows
from projections.merit.known_alike import KnownBefore
from projections.merit.passed_over import UNIT_NAMED, UNIT_SPELLS, key_of, unit_named_rows, unit_spell_rows
from projections.merit.posts import PostJudge, is_judged_post, rank_taking_post
from projections.merit.posts import in_force as post_rules_in_force
from projections.merit.retirement import expected_retirement_of
from projections.merit.rules import (
    LATE_KINDS,
    SEVERITY_ORDER,
    Check,
    PromotionJudge,
    blocking_statuses,
    counted_round,
    evidence_json,
    in_force,
    permitted_in_years,
    posts_rested_on,
    rank_index,
    recorded_after,
    rule_on,
    version_changes,
)

# A rank promotion just recorded (or corrected) that the audit will flag (projections.ledger.findings_of): HR records
# what the decree says, so nothing is refused, and the writer is told, each finding as the audit words it (`finding`)
RECORDED_AGAINST = Refusal(
    "Recorded; by the rules in force on {day} it does not meet {rule}: {finding} (the audit will flag it).",
    dates=("day",),
)
# ... and one a dry run would record, said so (web.services.findings_of: its events not stored), since 2026-12-05
WOULD_BE_AGAINST = Refusal(
    "Would be recorded; by the rules in force on {day} it does not meet {rule}: {finding} (the audit would flag it).",
    dates=("day",),
)
# ... and a CPNS appointment's (rule appointment.starting_rank: a rank above its education's start), said alike since
# 2026-12-06 (until then recorded without a word, by the form, the API and an import, dry run or not)
APPOINTED_AGAINST = Refusal(
    "Recorded; by the rules in force on {day} this appointment does not meet {rule}: {finding} (the audit will flag "
    "it).",
    dates=("day",),
)
APPOINTMENT_WOULD_BE_AGAINST = Refusal(
    "Would be recorded; by the rules in force on {day} this appointment does not meet {rule}: {finding} (the audit "
    "would flag it).",
    dates=("day",),
)
# ... and a definitive post appointment's (the post rules: post.rank_range, and a managerial post's), said alike since
# 2026-12-06 (until then recorded without a word, found only later by the audit)
POSTED_AGAINST = Refusal(
    "Recorded; by the rules in force on {day} this post appointment does not meet {rule}: {finding} (the audit will "
    "flag it).",
    dates=("day",),
)
POST_WOULD_BE_AGAINST = Refusal(
    "Would be recorded; by the rules in force on {day} this post appointment does not meet {rule}: {finding} (the "
    "audit would flag it).",
    dates=("day",),
)
LATE_EVIDENCE = Template(
    "{count} supporting fact(s) effective by {day} recorded after the decision ({moment})",
    ("day",),
    ("moment",),
    ("count",),
)

DECISION_ORDER = ("tmt", "subject", "version")  # the audit's lists; (subject, version) is the primary key
DECISION_INDEX = (
    *DECISION_ORDER,
    "decision",
    "reference",
    "kind",
    "recorded_at",
    "agency",
    "unit",
    "region",
    "rank_before",
    "rank_after",
    "level",
    "title",
    "corrected",
    "verdict",
    "finding_count",
    "max_severity",
)

DECISIONS = Table(
    "decisions",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("decision", "TEXT"),
        ("reference", "TEXT"),
        ("kind", "TEXT"),
        ("tmt", "TEXT"),
        ("recorded_at", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("rank_before", "TEXT"),
        ("rank_after", "TEXT"),
        ("level", "TEXT"),
        ("title", "TEXT"),
        ("corrected", "INTEGER"),
        ("verdict", "TEXT"),
        ("finding_count", "INTEGER"),
        ("max_severity", "TEXT"),
    ),
    ("subject", "version"),
    # Indexes are named by position (decisions_ix<i>): add new ones at the end. The fifth and sixth are the order
    # of the audit's lists (AuditQueries.decisions_sql): every decision streamed with its findings
    # (each_decision) is read in (tmt, subject, version), each decision's findings from their primary key,
    # with no sort; a list of one decision type (promotions, posts: their pages and exports) in
    # (decision, tmt, subject, version), which PostgreSQL would otherwise read through the first and
    # skip the other type's rows one by one (a page of promotions at a million employees: 0.1-3.8 s).
    # The seventh holds every column in the stream's order (DECISION_INDEX, the order's columns first
    # and then the others, which never decide it), so that the stream is read from it alone: in the
    # decisions' own order, their rows are scattered over the table (written by subject) and PostgreSQL
    # read a page of the table per decision (at a million, 4 million pages read: 34 of its 48 s).
    # It is about the table's size again (1.2 GB at a million) and is written with every decision.
    (
        ("tmt",),
        ("agency", "unit", "tmt"),
        ("verdict",),
        ("decision", "tmt"),
        ("tmt", "subject", "version"),
        ("decision", "tmt", "subject", "version"),
        DECISION_INDEX,
    ),
)

FINDINGS = Table(
    "findings",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("rule", "TEXT"),
        ("severity", "TEXT"),
        ("source", "TEXT"),
        ("status", "TEXT"),
        ("message", "TEXT"),
        ("evidence", "TEXT"),
    ),
    ("subject", "version", "rule"),
    (("rule",),),
)

ROUNDS = Table(
    "promotion_rounds",
    (
        ("subject", "TEXT"),
        ("round_date", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("unit_key", "TEXT"),  # the unit as compared (careerlog.domain.unit.unit_key: in any letter case or spacing)
        ("region", "TEXT"),
        ("rank", "TEXT"),
        ("employment_kind", "TEXT"),
        ("sex", "TEXT"),
        ("education", "TEXT"),
        ("birth_date", "TEXT"),
        ("recruitment_path", "TEXT"),
        ("eligible", "INTEGER"),
        ("promoted", "INTEGER"),
        ("tmt", "TEXT"),
        ("performance", "REAL"),
        ("training_jp", "REAL"),
        ("days_in_rank", "INTEGER"),
        ("known_from", "TEXT"),
        ("decided_at", "TEXT"),
    ),
    ("subject", "round_date"),
    (("round_date", "agency", "unit_key", "rank"),),  # the passed-over self-join (a unit in any spelling), the pools
)

# A round's earlier states: the row as known before each moment something bearing on the round was
# recorded on or after its day (a decision of that day is recorded no earlier), while eligible then
# (`earlier_round_tuples`): the passed-over comparison reads a colleague's round as known before the
# decision (known_from < decided_at <= known_until), not only the final record's
EARLIER_ROUNDS = Table(
    "earlier_rounds",
    (*ROUNDS.columns, ("known_until", "TEXT")),
    ("subject", "round_date", "known_until"),
    (("round_date", "agency", "unit_key", "rank"),),
)

REGULAR = "101"
TIME_IN_RANK = "promotion.time_in_rank"
WITH_DECISION = ("promotion.one_step",)  # its evidence: the rank held, and the decision that went past it


class MeritProjection(TupleProjection):
    name = "merit"
    version = 64  # 4: eligibility judged_on (the requirements judged after the record's last day); 5: 203 by degree;
    # 6: no 202 past the functional level's range; 7: promotion.functional_range findings, post.rank_range met by a
    # move up the functional ladder from the level below's top rank, a finding without facts of its own points to
    # the decision; 8: a late definitive post appointment a 201/202 promotion or an appointment rests on is
    # evidence.recorded_after; 9: promotion_rounds' known_from and decided_at, a promoted round measured as known
    # before its decision (the passed-over comparison reads each side as known then); 10: promotion.one_step; 11: an
    # offer's requirements leave out the rules every offer meets (eligibility.BY_OFFER: promotion.one_step); 12:
    # promotion.regular_without_post (a 101 to a definitive managerial or functional post holder is a finding, no
    # 101 offered to or eligible in a round for one); 13: earlier_rounds (a round as known before each moment something
    # bearing on it was recorded on or after its day: the passed-over lists compare a colleague as known then); 14: a
    # post of the appointment's own day has the rank that appointment gives (rank_before, post.rank_range judged on it);
    # 15: a promotion with no rank held before its TMT (on or before the appointment's) is judged from the rank the
    # appointment gives (rules.entered_rank: promotion.time_in_rank, no_probation...), not compliant without a check
    # 16: promotion.regular_without_post read once (rules.regular_bar): a barred 101 is an eligibility row of its own
    # (earliest_date NULL, the rule missing: why no 101, `regular_closed`), judged on its judged_on; not enforced, it
    # bars nothing; a pelaksana post listed never bars; 17: promotion.time_in_rank and promotion.performance cite
    # the regulations in force on the TMT (dated versions in rules.toml): the findings' and requirements' source; 18:
    # unit_named (the units an amended placing fact named: the passed-over comparison's colleagues as known then);
    # 19: promotion.legal_status (no promotion on unpaid leave or suspended: a finding, no offer, no round in the pool);
    # 20: a rank held since before promotion.dates is in force is offered from the rule's first date (first_permitted);
    # 21: a 101 of the separation's own day is eligible in its round when every rule is met (not out of rule)
    # 22: promotion.training not judged (no requirement) when the year before the TMT ended away from duty; 23: a
    # change to a status promotion.legal_status lists, effective by the TMT and recorded after the decision, is
    # evidence.recorded_after; also (99b689f, the same release) post.max_age's age of one born on 29 February is
    # counted on 28 February in a common year (careerlog.ages); 24: eligibility's barred_until (the last day of a
    # penalty served on judged_on: the next promotion date is after it)
    # 26: no regular round on a day the employee was promoted by another kind (a 203's colleague was passed over)
    # 27: promotion.credit_points counts only the years a definitive functional post was held (it counted every year
    # since the rank's; bb3c195's 25, reverted in 22071c9, back with the demo's generator counting the same way)
    # 28: evidence.recorded_after also a fact moved into effect by the TMT by a correction recorded after the decision
    # 29: evidence.recorded_after also a rank promotion in effect before the TMT recorded after the decision
    # 31: a penalty with no end the record gives (no end_date, its kind no fixed months) stands from its start
    # 32: a rating or training bears only on the rounds of the years that read it (KnownFrom, as earlier_rounds): one
    # of another year recorded after a 101 no longer marks a colleague's round known after it (a colleague passed over)
    # 33: a CPNS appointment is a decision of its own (`appointment`): appointment.starting_rank, its rank at most the
    # start of its entry education (PP 98/2000 jo PP 11/2002); 34: a promotion whose TMT is off a round date counts in
    # the last round before it (counted_round): its 101 is that round's promoted row (`tmt` its TMT), compared with
    # that round's colleagues; another kind's leaves no row in it (it had no round and compared no one)
    # 35: promotion.degree_rank: a promotion by degree (203) with no degree recorded, its degree obtained after the TMT,
    # or above the starting rank of the highest degree obtained by then is a finding; 36: an offer's earliest_date
    # counts the years in rank of the version of promotion.time_in_rank in force on that date
    # (eligibility.earliest_date), not of the record's last day; a penalty's months end on ages.months_last_day
    # 37: promotion.service_exam asks the crossing's exam (UD_I, UD_II) only of `crossing_kinds` (101, 201): a 203
    # is asked UPKP alone, a 202 nothing (findings and offers' requirements change); promotion.training judges the year
    # before the TMT by the version in force on its last day, and not a year ended as a CPNS
    # 38: eligibility's barred_until also a year rated below promotion.performance's minimum that the rule reads on
    # judged_on, to the last day of the last year a promotion date reads it (the next promotion date is after it)
    # 39: eligibility's rules_version is the digest of the rules less those read only when queried
    # (framework.RULES_READ_WHEN_QUERIED: fairness.adverse_impact), so a change of those refills no view
    # 40: the rounds are judged past the record's horizon, up to rule merit.rounds_reach's years after it (2; never
    # past the separation): one with nothing recorded since a round is in its pool when eligible by the record (the
    # latest rounds' pools held almost only the promoted); the queries read the rounds up to today
    # 41: an appointment's rank stored before 2026-12-05 as typed ("iii/a") read as its code (III/a:
    # payload.starting_rank_code) in the rank held, the audited appointment's rank_after and its finding's wording
    # 42: a PNS with no separation recorded has no regular round past the expected end of service (rule retirement.age
    # as the past-retirement worklist reads it; merit.rounds_reach's stop_at_retirement, true as bundled) but one they
    # were promoted in (`retirement_stop`): not counted eligible and passed over once in all likelihood retired
    # 43: promotion.service_exam does not ask a crossing's exam of one holding the education (`exempt_education`: S-1
    # for UD_I, S-2 for UD_II) or a completed leadership training (`exempt_training`: PKP+ for UD_I, PKA+ for UD_II)
    # its params name for it: no finding, the offer's requirement met ("exam UD_II not needed: ..."), rounds and pools
    # 44: a decision dated before any rule of its kind was in force (promotions and CPNS appointments before 2000,
    # posts before their rules) is not judged: verdict NULL, no longer `compliant` (`decision_tuples`)
    # 45: evidence.recorded_after also a fact the decision relied on, recorded before it but corrected after it
    # (rules.recorded_after `corrected`: a rating of the years before corrected from Baik to Kurang after the promotion)
    # 46: an eligibility requirement missing only until a day still to come keeps that day (`due`, eligibility.due_from:
    # a year's SKP or JP, a confirmation as PNS not yet due, credit points its unrated years may still reach)
    # 47: a 201's or 202's earliest_date is not before the start of the definitive post it rests on
    # 48: unit_ratings' and staff_ratings' unit_key (skp.distribution matches a staff unit to the rated one by it)
    #     and eligibility.met_on (the earliest promotion date of the run met before judged_on), added after 47 was set
    # 49: promotion_rounds', earlier_rounds', unit_spells' and unit_named's unit_key: the passed-over comparisons match
    #     a colleague's unit in any letter case or spacing (unit_key), where they matched it as written ("bagian  umum"
    #     was not compared with Bagian Umum: a colleague passed over was missed)
    # 50: promotion.performance and post.performance ask no rating of a year before the appointment (rating_facts)
    # 51: promotion.performance met names the years it read ("ratings met for 2024, 2025", was "ratings met")
    # 52: the years of promotion.performance and post.performance short ascending ("absent for 2028, 2029"); the
    #     penalty check "no blocking penalty served on {day}" met, "blocking penalties served on {day}: {count}"
    #     missing (was "{count} blocking penalty served on {day}", "0 ..." met, "2 blocking penalty ...")
    # 53: the ratings of one appointed in the TMT's year worded "no year of service rated yet (appointed ...)"
    # 54: eligibility.credit_from (the first promotion date on which credit points short on judged_on could be
    #     reached, every year not rated yet rated Sangat Baik): the next promotion date is not before it
    # 55: eligibility.met_on given whether or not anything is missing on judged_on (`met_from`): the first date of the
    #     run of dates met that ends on judged_on when nothing is missing on it (was NULL then)
    # 56: an eligibility requirement's `due`: promotion.performance's 1 January after the last year it waits on (was
    #     the first), promotion.service_exam's the date judged (the day the exam must be passed by; was none)
    # 57: promotion.performance's `due` back to 1 January after the FIRST year it waits on (56 read the last: a rating
    #     overdue for a year read not_due, and the offer to_come instead of not_eligible)
    # 58: a probable duplicate training (rule training.counted_once) counts its JP once in promotion.training (the
    #     audit's and eligibility's) and in a round's training JP (was twice)
    # 59: a probable duplicate is what rule training.duplicate asks a writer about (the same first day too, text
    #     compared letter case and spacing aside: was the last day, title, organiser and JP alone), and two trainings
    #     confirmed attended twice by a correction (of either) count their JP twice (were counted once)
    # 60: a finding's status is its rule's for the promotion's kind (rules.kind_status: a 201's
    #     promotion.time_in_rank M, was S), as eligibility gives it
    # 61: a training's title and organiser compared without the invisible characters a copy carries (U+200B, U+00AD...:
    #     errors.INVISIBLE), a probable duplicate so written counted once in promotion.training (was twice)
    # 62: eligibility's judged_on the first promotion date past its barred_until and not before its credit_from (the
    #     next promotion date once judged_on has come): its requirements and missing judged for it (they were judged
    #     for the date before the bars, asking ratings no later date reads); met_on, barred_until and credit_from kept
    #     the first date's (operations.md's Upgrades, eligibility.py's `met_on`)
    # 63: a finding's evidence gives the decision itself (a finding by an absence, promotion.one_step's) with the time
    #     it was recorded, the decision's `recorded_at` (was its latest correction's: "after the decision", as if late)
    # 64: back to 62's: the decision's evidence with its latest correction's time, when the values shown were recorded
    #     (63's, its first recording's, a time they never held); its page no longer marks it late for itself
    tables = (
        DECISIONS,
        FINDINGS,
        ROUNDS,
        EARLIER_ROUNDS,
        ELIGIBILITY,
        UNIT_RATINGS,
        STAFF_RATINGS,
        UNIT_SPELLS,
        UNIT_NAMED,
    )

    def applies_to(self, subject: str) -> bool:
        return True  # units too: their own ratings bound their staff's (skp.distribution)

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        # decisions, findings and rounds made as tuples; the others' rows made tuples here
        if record.subject.startswith("UNIT:"):
            return {"unit_ratings": row_tuples(unit_rating_rows(record), UNIT_RATINGS.column_names)}
        decisions: list[tuple[Any, ...]] = []
        findings: list[tuple[Any, ...]] = []
        book = rules()  # read once per record
        judge = PromotionJudge(record, book)  # the final record's: rounds, eligibility, promotions judged alike on it
        judges = KnownBefore(judge)
        audited = [promotion_tuples(record, f, book, judges) for f in record.promotions()]
        audited += [
            post_tuples(record, f, book, judges) for f in record.of_kind("post_appointment") if is_judged_post(f)
        ]
        audited += [
            appointment_tuples(record, f, book) for f in record.of_kind("appointment") if is_judged_appointment(f)
        ]
        for decision, found in audited:
            decisions.append(decision)
            findings += found
        end = last_round = retired = None
        if record.entries:  # the record's last day, its rounds' and their stop read once (each reads the entries)
            last = horizon(record)
            end = record.separated_on or last
            last_round = rounds_end(record, book, last)
            retired = retirement_stop(record, book, last_round, last)
        eligibility = eligibility_rows(record, end, judge) if end is not None else []
        spells = unit_spell_rows(record)
        return {
            "decisions": decisions,
            "findings": findings,
            "promotion_rounds": round_tuples(record, last_round, judge, retired=retired),
            "earlier_rounds": earlier_round_tuples(record, last_round, judge, retired=retired),
            "eligibility": row_tuples(eligibility, ELIGIBILITY.column_names),
            "staff_ratings": row_tuples(staff_rating_rows(record, book), STAFF_RATINGS.column_names),
            "unit_spells": row_tuples(spells, UNIT_SPELLS.column_names),
            "unit_named": row_tuples(unit_named_rows(record, spells), UNIT_NAMED.column_names),
        }


def late_evidence(final: CareerRecord, fact: Fact, book: Rules | None = None) -> Check | None:
    """evidence.recorded_after: supporting facts effective by the TMT, recorded after the decision
    (under `book`, by default the configured rules)."""
    day, moment, book = fact.effective_date, fact.entry.recorded_at, rules() if book is None else book
    found = _late_rule(book, day)
    if found is None:
        return None
    rule, grace = found
    until = moment + grace
    if not final.changed_after(LATE_KINDS, day, until):  # nothing of any kind it reads recorded since (nearly always)
        return None
    late = recorded_after(final, day, until, posts_rested_on(book, fact), blocking_statuses(book, fact))
    if not late:
        return None
    wording = LATE_EVIDENCE(count=len(late), day=day, moment=moment)
    return Check(
        rule.id,
        "missing",
        rule.severity,
        rule.source,
        rule.status,
        wording,
        tuple(late),
    )


@functools.lru_cache(maxsize=65536)
def _late_rule(book: Rules, day: date) -> tuple[Rule, timedelta] | None:
    """The version of evidence.recorded_after in force on `day` and its grace (cached per rules object)."""
    rule = rule_on(book, "evidence.recorded_after", day)
    return None if rule is None else (rule, timedelta(days=int(rule.params.get("grace_days", 0))))


Audited = tuple[tuple[Any, ...], list[tuple[Any, ...]]]  # a `decisions` row and its `findings` rows, as tuples


def audit_promotion(final: CareerRecord, fact: Fact, book: Rules | None = None) -> tuple[Row, list[Row]]:
    """The decision row and finding rows of one rank promotion (as corrected, if it was; under
    `book`, by default the configured rules)."""
    return audited_rows(promotion_tuples(final, fact, book))


def audit_appointment(final: CareerRecord, fact: Fact, book: Rules | None = None) -> tuple[Row, list[Row]]:
    """The decision row and finding rows of one CPNS appointment (as corrected; under `book`, by default the
    configured rules)."""
    return audited_rows(appointment_tuples(final, fact, book))


def audit_post(final: CareerRecord, fact: Fact, book: Rules | None = None) -> tuple[Row, list[Row]]:
    """The decision row and finding rows of one definitive post appointment (as corrected; under
    `book`, by default the configured rules)."""
    return audited_rows(post_tuples(final, fact, book))


def audited_rows(audited: Audited) -> tuple[Row, list[Row]]:
    """A decision's rows as tuples (`decision_tuples`) made dicts by their tables' column names."""
    decision, found = audited
    return DECISIONS.as_row(decision), FINDINGS.as_rows(found)


def promotion_tuples(
    final: CareerRecord, fact: Fact, book: Rules | None = None, judges: KnownBefore | None = None
) -> Audited:
    """`audit_promotion`'s rows as tuples of their tables' columns in order (`judges`: of the final record's
    promotions as known before each, made with `book`; projections/merit/known_alike.py)."""
    day, kind, new = fact.effective_date, str(fact.get("promotion_kind")), str(fact.get("new_rank"))
    if judges is None:
        judge = PromotionJudge(final.known_before(fact.entry.recorded_at), book)
    else:
        judge = judges.judge_of(fact)
    failed = judge.findings(day, kind, new)
    before = final.rank_before(day)
    shown = ("promotion", kind, new, None, None)
    judged = bool(in_force(judge.rules, day, kind, False, True))  # an enforced promotion rule judges its kind then
    return decision_tuples(final, fact, failed, before[0] if before else None, shown, book, judged=judged)


def post_tuples(
    final: CareerRecord, fact: Fact, book: Rules | None = None, judges: KnownBefore | None = None
) -> Audited:
    """`audit_post`'s rows as tuples of their tables' columns in order (`judges`: as for `promotion_tuples`)."""
    if judges is None:
        judge = PostJudge(final.known_before(fact.entry.recorded_at), book)
    else:
        judge = judges.post_judge_of(fact)
    failed = judge.findings(fact)
    before = rank_taking_post(final, fact.effective_date)  # on the appointment's own day, the rank it gives
    shown = ("post", fact.get("post_kind"), None, fact.get("level"), fact.get("title"))
    managerial = judge.managerial(str(fact.get("post_kind")))
    judged = bool(post_rules_in_force(judge.rules, fact.effective_date, managerial, True))
    return decision_tuples(final, fact, failed, before[0] if before else None, shown, book, judged=judged)


def appointment_tuples(final: CareerRecord, fact: Fact, book: Rules | None = None) -> Audited:
    """The rows of one CPNS appointment (as corrected) judged by `appointment.starting_rank` (projections/merit/
    appointments.py): its kind the entry education, its rank after the rank it gives. The rule reads the appointment
    alone (its education and rank), nothing else of the record: no evidence.recorded_after."""
    failed = [c for c in appointment_checks(fact, book) if c.finding]
    shown = ("appointment", fact.get("education"), starting_rank_code(fact.get("rank")), None, None)
    judged = rule_on(rules() if book is None else book, STARTING_RANK_RULE, fact.effective_date) is not None
    return decision_tuples(final, fact, failed, None, shown, book, judge_late=False, judged=judged)


def decision_tuples(
    final: CareerRecord,
    fact: Fact,
    failed: list[Check],
    rank_before: str | None,
    shown: tuple[Any, Any, Any, Any, Any],
    book: Rules | None = None,
    *,
    judge_late: bool = True,
    judged: bool = True,
) -> Audited:
    """The `decisions` row (with the verdict) and the `findings` rows of one audited decision, as
    tuples of their columns in order; `shown`: its decision, kind, rank after, level and title; `judge_late`: whether
    evidence.recorded_after is judged (not for an appointment); `judged`: whether a rule of its own kind (promotion.*,
    post.*, appointment.starting_rank) was in force on its date, else its verdict is NULL, not judged (merit view 43),
    as a start of study leave's is: no rule found it compliant (an evidence.recorded_after finding, if any, is kept)."""
    late = late_evidence(final, fact, book) if judge_late else None
    failed = [*failed, late] if late is not None else failed
    day = fact.effective_date
    place = final.placement_on(day) or (None, None, None)
    severities = [c.severity for c in failed]
    decision, kind, rank_after, level, title = shown
    subject, version = final.subject, fact.version
    row = (
        subject,
        version,
        decision,
        fact.reference,
        kind,
        day_iso(day),
        fact.entry.stamp_text or fact.entry.recorded_at.isoformat(),
        place[0],
        place[1],
        place[2],
        rank_before,
        rank_after,
        level,
        title,
        int(bool(fact.corrections)),
        ("findings" if failed else "compliant") if judged else None,
        len(failed),
        max(severities, key=lambda s: SEVERITY_ORDER.get(s, 0)) if severities else None,
    )
    found = [
        (
            subject,
            version,
            c.rule,
            c.severity,
            c.source,
            c.status,
            c.message,
            json.dumps(  # found by an absence: the decision itself
                evidence_json(subject, (*c.evidence, fact) if c.rule in WITH_DECISION else c.evidence or (fact,))
            ),
        )
        for c in failed
    ]
    return row, found


AMENDMENTS = ("correction", "retraction")


def jump_confirmations(record: CareerRecord, version: int) -> list[dict[str, Any]]:
    """The recordings of a record the writer confirmed a rank jump of (`confirmed`, careerlog.domain.events) that bear
    on the promotion of `version`, oldest first: its own recording, its corrections, and a correction or retraction
    of another fact that left it moving more ranks than it did before (`left_further`: what the writer confirmed,
    careerlog.domain.employee.later_jump; the stored confirmation names the check, not the promotion). Each with its
    version, kind, the version it amends, when and by whom it was recorded, its reference and the checks confirmed."""
    found = []
    for entry in record.entries:
        if not entry.confirmed:
            continue
        target = entry.values.get("target_version") if entry.kind in AMENDMENTS else None
        if (
            entry.version == version
            or target == version
            or (target is not None and entry.version > version and left_further(record, entry.version, version))
        ):
            found.append(
                {
                    "version": entry.version,
                    "kind": entry.kind,
                    "target_version": target,
                    "recorded_at": entry.stamp_text or entry.recorded_at.isoformat(),
                    "recorded_by": entry.recorded_by,
                    "reference": entry.reference,
                    "confirmed": list(entry.confirmed),
                }
            )
    return found


def left_further(record: CareerRecord, amendment: int, version: int) -> bool:
    """Whether the amendment of `amendment` (a correction or retraction of another fact) left the promotion of
    `version` more ranks above the rank held the day before its TMT than the record before it did."""
    moved = []
    for last in (amendment - 1, amendment):
        known = CareerRecord(record.subject, [e for e in record.entries if e.version <= last])
        fact = known.facts.get(version)
        if fact is None or not fact.active or fact.kind != "rank_promotion":
            return False
        held = known.rank_before(fact.effective_date)
        new = str(fact.values.get("new_rank"))
        ref = reference()
        if held is None or held[0] not in ref.ranks or new not in ref.ranks:
            return False
        moved.append(rank_index(ref, new) - rank_index(ref, held[0]))
    return moved[1] > moved[0]


def decision_history(
    records: Callable[[Sequence[str]], dict[str, CareerRecord]], decision: Mapping[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """What an audited decision's page and `careerlog audit promotion` add from its subject's record, read once by
    `records` (the ledger's: projections.merit.passed_over.ledger_records; until 2026-12-07 read three times):
    `confirmations`, `corrections` and `rules_judged`."""
    subject = decision["subject"]
    record = records([subject])[subject]
    return {
        "confirmations": decision_confirmations(record, decision),  # (a rank jump the writer confirmed)
        "corrections": decision_corrections(record, decision),  # (what a corrected decision was)
        "rules_judged": rules_judged(record, decision),  # (a compliant verdict names its rules too)
    }


def decision_confirmations(record: CareerRecord, decision: Mapping[str, Any]) -> list[dict[str, Any]]:
    """`jump_confirmations` of an audited decision (a row of `decisions`) in its subject's `record`; none for a post
    appointment."""
    if decision["decision"] != "promotion":
        return []
    return jump_confirmations(record, decision["version"])


def decision_corrections(record: CareerRecord, decision: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The corrections of an audited decision (a row of `decisions`), oldest first, in its subject's `record`:
    each with its version, when, by whom and under what reference it was recorded, its reason, and each field it
    corrected with the value before it (the decision as recorded, or as the correction before left it) and after.
    A corrected decision is audited as corrected (docs/audit.md); this says what it was."""
    subject, version = decision["subject"], decision["version"]
    found = []
    for entry in record.entries:
        if entry.kind != "correction" or entry.values.get("target_version") != version:
            continue
        before = CareerRecord(subject, [e for e in record.entries if e.version < entry.version]).facts.get(version)
        was = {} if before is None else dict(before.values)
        changed = dict(entry.values.get("corrected_fields") or {})
        found.append(
            {
                "version": entry.version,
                "recorded_at": entry.stamp_text or entry.recorded_at.isoformat(),
                "recorded_by": entry.recorded_by,
                "reference": entry.reference,
                "reason": entry.values.get("reason"),
                "fields": [
                    {"field": name, "before": text_of(was.get(name)), "after": text_of(value)}
                    for name, value in changed.items()
                ],
            }
        )
    return found


def rules_judged(final: CareerRecord, decision: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The promotion rules an audited promotion (a row of `decisions`) was judged by on its TMT (its subject's record
    `final`), as the audit judges
    it (the record as known before the decision was recorded): each with its outcome (met, missing, not_applicable),
    the version in force (its `valid_from`), the regulation it rests on (`source`) and its status; a compliant
    verdict names them too, not only "no findings". None for a post appointment or a CPNS appointment. The rules
    judged on the TMT alone: evidence.recorded_after and merit.passed_over, judged apart, are in its findings."""
    if decision["decision"] != "promotion" or not decision.get("tmt"):
        return []
    fact = final.facts.get(decision["version"])
    if fact is None:
        return []
    book = rules()
    judge = PromotionJudge(final.known_before(fact.entry.recorded_at), book)
    day = fact.effective_date
    found = []
    for check in judge.checks(day, str(fact.get("promotion_kind")), str(fact.get("new_rank"))):
        version = rule_on(book, check.rule, day)
        found.append(
            {
                "rule": check.rule,
                "outcome": check.outcome,
                "enforced": check.enforced,
                "version": None if version is None else version.valid_from.isoformat(),
                "source": check.source,
                "status": check.status,
            }
        )
    return found


def text_of(value: Any) -> str | None:
    """A field's value as text (a date as YYYY-MM-DD), None when absent."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def horizon(record: CareerRecord) -> date:
    """The last day the record speaks for: its latest effective date or recording day."""
    days = [e.effective_date for e in record.entries] + [e.recorded_at.date() for e in record.entries]
    return max(days)


ROUNDS_REACH = "merit.rounds_reach"


def rounds_end(record: CareerRecord, book: Rules | None = None, last: date | None = None) -> date:
    """The last day the record's regular rounds are judged on (`promotion_rounds`, `earlier_rounds`): its separation,
    else its `horizon` plus the years of rule merit.rounds_reach in force on the horizon (none in force: the horizon).
    A round after the last fact recorded is judged on what the record holds, as any round is: one with nothing recorded
    since a round is in its pool when the record makes them eligible then (until merit view 40 the rounds stopped at
    the horizon, and the latest rounds' pools held almost only the promoted, whose promotion is a recent fact). A bound
    of the log alone, never of today: the queries read the rounds up to today (`latest_today`) and no later. `last`:
    the record's `horizon`, when the caller has it."""
    if record.separated_on is not None:
        return record.separated_on
    last = horizon(record) if last is None else last
    rule = rule_on(rules() if book is None else book, ROUNDS_REACH, last)
    years = int(rule.params.get("years", 0)) if rule is not None else 0
    return add_years(last, years) if years > 0 else last


def retirement_stop(record: CareerRecord, book: Rules, end: date, last: date | None = None) -> date | None:
    """The first day past the expected end of service of a PNS with no separation recorded (rule retirement.age, read
    as the past-retirement worklist reads it: projections.merit.retirement `expected_retirement_of`, the rule's
    version for an age reached before it began being that in force on `end`, the last day the rounds reach), from
    which no regular round of theirs is judged but one they were promoted in (merit view 42): a record going on past
    it with no separation recorded (a migration import recorded today) was in all likelihood retired, and would
    otherwise be counted eligible and passed over on every round after it. None with a separation recorded, no
    expected end, or rule merit.rounds_reach's `stop_at_retirement` false (true when not given; read on the record's
    last day, as its `years`; `last`: the record's `horizon`, when the caller has it)."""
    if record.separated_on is not None or record.employment_kind != "PNS":
        return None
    rule = rule_on(book, ROUNDS_REACH, horizon(record) if last is None else last)
    if rule is None or not rule.params.get("stop_at_retirement", True):
        return None
    expected = expected_retirement_of(book, record, end)
    return None if expected is None else date.fromisoformat(expected["day"]) + timedelta(days=1)


class Unread:
    """The type of `UNREAD`: a value the caller did not read (`retired`: `retirement_stop`), read where needed."""


UNREAD = Unread()


def eligible_101(judge: PromotionJudge, day: date) -> bool:
    """Eligible for a regular promotion on `day` by every enforced rule of kind 101 (final record)."""
    record = judge.record
    held = record.rank_before(day)
    if held is None or not record.active_on(day) or record.employment_kind != "PNS":
        return False
    if rule_on(judge.rules, TIME_IN_RANK, day) is None:
        return False  # before the promotion rules nobody is judged eligible or not
    return _unbarred_101(judge, day, held)


def _unbarred_101(judge: PromotionJudge, day: date, held: tuple[str, date, Fact]) -> bool:
    """No enforced rule bars a 101 promotion on `day` from the rank `held` (the rank before `day`)."""
    new = _next_rank(judge.ref, held[0])
    return new is not None and not judge.barred(day, REGULAR, new, held=held)


@functools.lru_cache(maxsize=1024)
def _next_rank(ref: Reference, rank: str) -> str | None:
    """The rank above `rank` (None at the top), cached per reference object."""
    index = rank_index(ref, rank)
    return None if index + 1 >= len(ref.ranks) else ref.ranks.codes[index + 1]


def promotion_rounds(record: CareerRecord, end: date | None = None, judge: PromotionJudge | None = None) -> list[Row]:
    """One row per regular round date the employee was eligible for a 101 promotion or got one
    (up to `end`, by default `rounds_end`; `judge`: the record's, if made)."""
    return ROUNDS.as_rows(round_tuples(record, end, judge))


def round_tuples(
    record: CareerRecord,
    end: date | None = None,
    judge: PromotionJudge | None = None,
    *,
    retired: date | Unread | None = UNREAD,
) -> list[tuple[Any, ...]]:
    """`promotion_rounds` as tuples of the table's columns in order.

    `eligible_101` on each round date, with what it reads that does not change between dates read
    once: the employment kind, the appointment and separation days, the rank before the date (also
    the judge's: the dates ascend, so the rank history is walked once), each date's time-in-rank
    rule and years (`round_rules`, per rules object), when the time in rank is reached and until when
    the education ceiling bars the rank held (the dates before either stepped over). `retired`: the
    `retirement_stop` of `end`, when the caller has it (the rows of the earlier rounds read it too)."""
    start = record.appointed_on
    if start is None:
        return []
    judge = judge or PromotionJudge(record)
    end = end or rounds_end(record, judge.rules)
    book, pns, separated = judge.rules, record.employment_kind == "PNS", record.separated_on
    if isinstance(retired, Unread):
        retired = retirement_stop(record, book, end)
    retired = retired or date.max  # past the expected end of service: promoted rows only
    promoted, otherwise = counted_promotions(record, book)
    days, years_on = round_rules(book, start.year, end.year)
    first, stop = bisect.bisect_right(days, start), bisect.bisect_right(days, end)
    history = record.rank_history
    known: KnownFrom | None = None  # made for the first row
    rows: list[tuple[Any, ...]] = []
    following, held = 0, None  # the next rank in the history; rank_before(day)
    due, due_of = date.max, None  # the day the time in rank is reached, and of which (held, years)
    decided, versions = sorted(promoted), version_changes(book, TIME_IN_RANK)
    # the next round read: those before the time in rank is reached, or while the education ceiling bars the rank held,
    # are stepped over (below)
    resume = first
    for i in range(first, stop):
        if i < resume:
            continue
        day = days[i]
        while following < len(history) and history[following][0] < day:
            tmt, rank, fact = history[following]
            held, following = (rank, tmt, fact), following + 1
        if held is None:
            continue
        years = years_on[i]
        if years is not None and years is not False and (due_of is None or due_of[0] is not held or due_of[1] != years):
            due, due_of = add_years(held[1], int(years)), (held, years)
        decision = promoted.get(day)
        if decision is None and years is not None and years is not False and due > day:
            # the time in rank not reached: no row (neither eligible nor promoted) until the round of `due`, unless a
            # 101 counts in a round before it or another version of the time-in-rank rule is in force (the years asked
            # may change). A rank held from a later TMT (another kind's promotion) is due later still.
            until = min(due, first_after(decided, day), first_after(versions, day))
            resume = bisect.bisect_left(days, until, i + 1, stop)
            continue
        if decision is None and (day in otherwise or day >= retired):
            # promoted that day by another kind: no regular candidate left behind (nor passed over); or past the
            # expected end of service (`retirement_stop`), not promoted: in all likelihood retired
            continue
        is_eligible = (
            pns
            and years is not False  # a time-in-rank rule in force
            and (years is None or due <= day)  # skip the full check early
            # active_on(day) (the day is after the appointment); a promotion of the separation's own day is judged
            # as earned in the service ending then (promotion_post), in rule when every rule is met, as audited
            and (separated is None or day < separated or (day == separated and decision is not None))
        )
        if is_eligible and not _unbarred_101(judge, day, held):
            is_eligible = False
            new = _next_rank(judge.ref, held[0])
            lifted = None if new is None else judge.ceiling_bars_until(day, REGULAR, new)
            if lifted is not None:
                # barred by the education ceiling until it may lift (a degree, a version of the rule): no row before
                # then unless a 101 counts in a round before it, nor another judgement unless another rank is held
                upcoming = history[following][0] if following < len(history) else date.max
                resume = bisect.bisect_left(days, min(lifted, upcoming, first_after(decided, day)), i + 1, stop)
        if not is_eligible and decision is None:
            continue
        known = known or KnownFrom(record, rounds_reading(book))
        rows.append(round_tuple(record, day, held, is_eligible, decision, known))
    return rows


def first_after(days: Sequence[date], day: date) -> date:
    """The first of the ascending `days` after `day` (date.max when none is)."""
    i = bisect.bisect_right(days, day)
    return days[i] if i < len(days) else date.max


def counted_promotions(record: CareerRecord, book: Rules) -> tuple[dict[date, Fact], frozenset[date]]:
    """The rounds the record's promotions count in (`counted_round`: a TMT off a round date counts in the last round
    before it; merit view 34): the 101 promotion counted in each round (the first: one on the round date itself
    before one after it), and the rounds in which it was promoted by another kind (a 203 by a new degree, 206; a 211
    or 212 only on a round date itself, their TMT being free). In a round of the second the employee is no candidate
    for its 101 (the final record's promotion, as a decision's page leaves out a colleague "promoted (any kind)" on its
    round): no row, neither eligible left behind in the fairness pool nor passed over by a 101 of that round."""
    regular: dict[date, Fact] = {}
    otherwise: set[date] = set()
    for f in record.promotions():
        kind = str(f.get("promotion_kind"))
        day = counted_round(book, f.effective_date, kind)
        if kind != REGULAR:
            otherwise.add(day)
        else:
            regular.setdefault(day, f)  # (in TMT order: one on the round date comes before one after it)
    return regular, frozenset(otherwise)


def earlier_round_tuples(
    record: CareerRecord,
    end: date | None = None,
    judge: PromotionJudge | None = None,
    *,
    retired: date | Unread | None = UNREAD,
) -> list[tuple[Any, ...]]:
    """`earlier_rounds` as tuples of the table's columns in order: on each permitted 101 date up to `end`
    on which the final record has no promotion of any kind (`counted_promotions`), the round as known
    before each moment on or after the start of the day (UTC+9, the easternmost zone: no promotion of
    that day is recorded earlier) at which an entry bearing on it (`KnownFrom`) was recorded, while the
    employee was eligible as known then: the colleague a decision recorded at that moment was compared
    with. Consecutive moments whose rows read alike are one row; `known_from` is the latest bearing
    entry recorded before the first of them, `known_until` the last of them (the row stands for a
    decision recorded in (known_from, known_until]; after it the next state's or the final
    `promotion_rounds` row does).

    An entry bears late on the round days from the first it may change (`read_from`) to the last begun
    when it was recorded: most entries are recorded before any round they bear on, and only the days of
    the others are judged again (each record as known before a moment made once). `retired`: as for
    `round_tuples`."""
    start = record.appointed_on
    if start is None or record.employment_kind != "PNS" or not record.entries:
        return []
    judge = judge or PromotionJudge(record)
    end = end or rounds_end(record, judge.rules)
    book = judge.rules
    if isinstance(retired, Unread):
        retired = retirement_stop(record, book, end)
    if retired is not None:
        end = min(end, retired - timedelta(days=1))  # (a round the final record is promoted in has no row here)
    days, years_on = round_rules(book, start.year, end.year)
    first, stop = bisect.bisect_right(days, start), bisect.bisect_right(days, end)
    span = rounds_reading(book)
    by_version: dict[int, Entry] = {}  # made when a correction or retraction is read (`read_from`), or a round judged
    late: dict[int, dict[datetime, str]] = {}  # round day (its index) -> the moments bearing on it late, their kinds
    reading = first_round_moments(book)  # year -> the start of the first round reading its ratings and trainings
    for e in record.entries:
        kind = e.kind
        if kind in NOT_READ_BY_ROUNDS:
            continue
        # a rating or training, read by the rounds of the next years only (the kind told here: most entries are neither)
        year = rated_year(e, span) if kind in RATED_KINDS else None
        moment = e.recorded_at
        if year is not None:
            threshold = reading.get(year)
            if threshold is None:
                threshold = reading[year] = first_round_moment(book, year + 1).astimezone(UTC)
            if moment < threshold:
                continue  # (most ratings and trainings: recorded before the first round that reads them)
        # the last round day begun when it was recorded (in UTC+9, the easternmost zone)
        last = (moment + NINE_HOURS).date() if moment.tzinfo is UTC else moment.astimezone(EASTERNMOST).date()
        if year is not None:
            read, last = date(year + 1, 1, 1), min(last, date(year + span, 12, 31))
        else:
            if kind in READ_FROM_THEIR_DAY:
                read = e.effective_date
            else:
                if not by_version and kind in AMENDING:
                    by_version = {entry.version: entry for entry in record.entries}
                read = read_from(e, by_version)
        if read > last:
            continue
        i = bisect.bisect_left(days, read)
        if i < first:
            i = first
        while i < stop and days[i] <= last:
            late.setdefault(i, {})[moment] = kind
            i += 1
    if not late:
        return []
    regular, otherwise = counted_promotions(record, book)
    promoted = otherwise.union(regular)  # of any kind, in the rounds they count in: as `round_tuples` leaves them out
    by_version = by_version or {e.version: e for e in record.entries}
    bearing: list[tuple[datetime, date, date]] = []  # (recorded, first and last day read) of the entries, when needed
    known: dict[datetime, PromotionJudge] = {}
    rows: list[tuple[Any, ...]] = []
    for i in sorted(late):
        day, years = days[i], years_on[i]
        if day in promoted or years is False:
            continue  # compared as promoted, or nobody judged eligible then
        if years is not None and RANK_KINDS.isdisjoint(late[i].values()):
            held = record.rank_before(day)  # the rank held then as known at every moment: its time in rank too
            if held is None or add_years(held[1], int(years)) > day:
                continue
        moments = sorted(late[i])
        bearing = bearing or sorted(  # as `KnownFrom` reads them
            (e.recorded_at, *bears_on(e, by_version, span)) for e in record.entries if e.kind not in NOT_READ_BY_ROUNDS
        )
        since = next(
            (moment for moment, read, until in reversed(bearing) if moment < moments[0] and read <= day <= until), None
        )
        state: list[Any] | None = None
        for moment in moments:
            then = known.get(moment)
            if then is None:
                then = known[moment] = PromotionJudge(record.known_before(moment), book)
            row = earlier_round(then, day, years)
            if state is not None and (row is None or row != state[0]):
                rows.append((*state[0], moment_text(state[1]), None, moment_text(state[2])))
                state = None
            if row is not None:
                state = [row, since, moment] if state is None else [row, state[1], moment]
            since = moment
        if state is not None:
            rows.append((*state[0], moment_text(state[1]), None, moment_text(state[2])))
    return rows


NINE_HOURS = timedelta(hours=9)


@functools.lru_cache(maxsize=4096)
def first_round_moment(book: Rules, year: int) -> datetime:
    """The start (UTC+9) of the first permitted 101 date on or after 1 January of `year` (per rules object)."""
    days = permitted_in_years(book, year, year + 1)
    return datetime.combine(days[0], time.min, EASTERNMOST) if days else datetime.max.replace(tzinfo=UTC)


@functools.lru_cache(maxsize=16)
def first_round_moments(book: Rules) -> dict[int, datetime]:
    """`first_round_moment(book, year + 1)` per `year` in UTC, filled as read (per rules object: one look-up per
    rating). The same moment in UTC, the zone of the recorded times compared with it: a comparison of datetimes of
    two zones (UTC+9 and UTC) subtracts their offsets, about fifteen times the cost of one within a zone."""
    return {}


@functools.lru_cache(maxsize=16)
def rounds_reading(book: Rules) -> int:
    """How many years before a round's year its row reads ratings and trainings ending in them: the measures' 2
    (`round_measures`), the years of `promotion.performance` for a 101 and the year before of `promotion.training`
    (per rules object, the most of any version)."""
    years = [int(v.params.get("years", {}).get(REGULAR) or 0) for v in book.versions("promotion.performance")]
    return max([2, *years])


AMENDING = frozenset({"correction", "retraction"})  # the kinds `read_from` reads through their target

# The kinds that may change the rank held before a round and since when (`earlier_round_tuples`)
RANK_KINDS = frozenset({"appointment", "rank_promotion", "correction", "retraction"})


def earlier_round(judge: PromotionJudge, day: date, years: Any) -> tuple[Any, ...] | None:
    """The columns of a round as the record of `judge` reads on `day` but its times (`known_from`,
    `decided_at`), when eligible then for a 101 (`years`: in rank, as `round_rules` gives them), else None."""
    record = judge.record
    held = record.rank_before(day)
    if held is None or (years is not None and add_years(held[1], int(years)) > day) or not eligible_101(judge, day):
        return None
    return round_tuple(record, day, held, True, None, NOT_KNOWN)[:-2]


@functools.lru_cache(maxsize=4096)
def round_rules(book: Rules, first: int, last: int) -> tuple[tuple[date, ...], tuple[Any, ...]]:
    """The permitted 101 dates of the years `first` to `last` (`permitted_in_years`) and, for each,
    the years in rank the time-in-rank rule in force on it asks for a 101 promotion: False when no
    such rule is in force (nobody is judged eligible), None when it names no years for 101 (cached
    per rules object)."""
    days = permitted_in_years(book, first, last)
    found: list[Any] = []
    for day in days:
        rule = rule_on(book, TIME_IN_RANK, day)
        found.append(False if rule is None else rule.params.get("years", {}).get(REGULAR))
    return days, tuple(found)


def round_row(
    record: CareerRecord, day: date, held: tuple[str, date, Fact], eligible: bool, decision: Fact | None
) -> Row:
    """A `promotion_rounds` row: the employee on a round `day`, holding `held` (`decision`: the 101
    promotion of that day, if any)."""
    return ROUNDS.as_row(round_tuple(record, day, held, eligible, decision))


def round_tuple(
    record: CareerRecord,
    day: date,
    held: tuple[str, date, Fact],
    eligible: bool,
    decision: Fact | None,
    known: KnownFrom | None = None,
) -> tuple[Any, ...]:
    """`round_row` as a tuple of the table's columns in order. The measures are the final record's,
    but a promoted round's are of the record as known before its decision was recorded when something
    recorded since bears on them (`KnownFrom`): the passed-over comparison reads each side as known
    then (`known_from` < `decided_at`, projections/merit/queries.py)."""
    known = known or KnownFrom(record, rounds_reading(rules()))
    since = known.on(day)
    decided = decision.entry.recorded_at if decision is not None else None
    measured, measured_held = record, held
    if decided is not None and since is not None and since >= decided:
        measured = record.known_before(decided)
        before = measured.rank_before(day)
        measured_held = (before[0], before[1], held[2]) if before else held
    place = record.placement_on(day) or (None, None, None)
    birth = record.birth_date
    return (
        record.subject,
        day_iso(day),
        place[0],
        place[1],
        key_of(place[1]),
        place[2],
        held[0],
        record.employment_kind,
        record.profile("sex"),
        measured.education_on(day),
        day_iso(birth) if birth else None,
        record.profile("recruitment_path"),
        int(eligible),
        int(decision is not None),
        day_iso(decision.effective_date) if decision is not None else None,
        *round_measures(measured, day, measured_held),
        moment_text(since),
        moment_text(decided),
    )


def round_measures(record: CareerRecord, day: date, held: tuple[str, date, Fact]) -> tuple[float | None, float, int]:
    """A round's performance (mean score of the two years before `day`'s year, None unrated), training JP
    (of those years) and days in the rank `held`."""
    ref = reference()
    scores = [
        predicate_score(ref, f.get("predicate")) for y in (day.year - 1, day.year - 2) if (f := record.ratings.get(y))
    ]
    jp = sum(record.jp_by_year.get(y, 0) for y in (day.year - 1, day.year - 2))
    return (sum(scores) / len(scores) if scores else None, float(jp), (day - held[1]).days)


def moment_text(moment: datetime | None) -> str | None:
    """A recorded time as text that sorts as the times do (UTC, to the microsecond)."""
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="microseconds")


# The kinds a round's eligibility (101), place, rank and measures never read
NOT_READ_BY_ROUNDS = frozenset(
    {
        "award",
        "mentee_assigned",
        "mentee_released",
        "mentoring_end",
        "mentoring_session",
        "mentoring_start",
        "post_appointment",
        "post_end",
        "training_feedback",
        "unit_rating",
        "unit_registration",
    }
)


# The kinds `read_from` reads from their effective date (the others it tells apart)
READ_FROM_THEIR_DAY = frozenset(BY_KIND) - {"correction", "retraction", "performance_rating", "rank_promotion"}


class KnownFrom:
    """When what a record's round on a day reads was last recorded: the latest recorded time of the
    entries that bear on that day (`bears_on`; the kinds of `NOT_READ_BY_ROUNDS` never do). The row of
    the round reads the same of the record as known before any later moment as of the final record.

    A rating or training bears only on the rounds of the `span` years after its own (`rated_year`), as
    `earlier_round_tuples` reads them: one of the round's own year, or of a year before those it reads,
    recorded after a decision changes nothing the round reads, and has no earlier state made for it."""

    def __init__(self, record: CareerRecord, span: int):
        by_version: dict[int, Entry] = {}  # made when a correction or retraction is read (`read_from`)
        pairs = []
        yearly: dict[int, datetime] = {}  # the year of ratings and trainings -> the latest recorded
        for e in record.entries:
            kind = e.kind
            if kind in NOT_READ_BY_ROUNDS:
                continue
            year = rated_year(e, span) if kind in RATED_KINDS else None
            if year is None:
                if kind in READ_FROM_THEIR_DAY:
                    pairs.append((e.effective_date, e.recorded_at))
                    continue
                if not by_version and kind in AMENDING:
                    by_version = {entry.version: entry for entry in record.entries}
                pairs.append((read_from(e, by_version), e.recorded_at))
            elif year not in yearly or e.recorded_at > yearly[year]:
                yearly[year] = e.recorded_at
        pairs.sort()
        self.days = [day for day, _ in pairs]
        self.latest = list(accumulate((moment for _, moment in pairs), max))
        self.yearly, self.span = yearly, span

    def on(self, day: date) -> datetime | None:
        found = bisect.bisect_right(self.days, day)
        latest = self.latest[found - 1] if found else None
        if self.yearly:
            for year in range(day.year - self.span, day.year):
                moment = self.yearly.get(year)
                if moment is not None and (latest is None or moment > latest):
                    latest = moment
        return latest


NOT_KNOWN = KnownFrom(CareerRecord("", []), 0)  # no entries: `on` any day is None (the times made elsewhere)


RATED_KINDS = frozenset({"performance_rating", "training"})  # the kinds `rated_year` gives a year of


def rated_year(entry: Entry, span: int) -> int | None:
    """The year of a rating (its `year`) or a training (its effective date's): the rounds read it only in the `span`
    years after it (`rounds_reading`: the measures' and the 101's rules' years before the round's); None for the
    other kinds, and for a year out of range (read from its day on, as the other kinds)."""
    kind = entry.kind
    if kind == "performance_rating":
        year = entry.values.get("year")
    elif kind == "training":
        year = entry.effective_date.year
    else:
        return None
    return year if type(year) is int and 0 < year < date.max.year - span else None


def bears_on(entry: Entry, by_version: dict[int, Entry], span: int) -> tuple[date, date]:
    """The first and last round days an entry bears on (`KnownFrom`): a rating or training of year Y those of the
    years Y + 1 to Y + `span` (`rated_year`), any other from `read_from` on."""
    year = rated_year(entry, span)
    if year is not None:
        return date(year + 1, 1, 1), date(year + span, 12, 31)
    return entry.effective_date if entry.kind in READ_FROM_THEIR_DAY else read_from(entry, by_version), date.max


def read_from(entry: Entry, by_version: dict[int, Entry]) -> date:
    """The first round day an entry may change: a fact from its effective date, a rating of year Y
    also from 1 January of Y + 1 (the rounds read the ratings of the years before), a promotion from
    the day after its TMT (a round reads the rank held before it), a correction or retraction from
    the first day its target or the corrected date does (any day when that is not known)."""
    kind = entry.kind
    if kind in ("correction", "retraction"):
        version = entry.values.get("target_version")
        target = by_version.get(version) if type(version) is int else None
        if target is None or target.kind in ("correction", "retraction"):
            return date.min
        first = read_from(target, by_version)
        corrected = (entry.values.get("corrected_fields") or {}) if kind == "correction" else {}
        if not isinstance(corrected, dict) or set(corrected) & {"year", "promotion_kind"}:
            return date.min
        moved = corrected.get("effective_date")
        if moved is not None:
            try:
                moved_day = moved if isinstance(moved, date) else date.fromisoformat(str(moved))
            except ValueError:
                return date.min
            first = min(first, read_from(dataclasses.replace(target, effective_date=moved_day), by_version))
        return first
    day = entry.effective_date
    if kind == "performance_rating":
        year = entry.values.get("year")
        return min(day, date(year + 1, 1, 1)) if type(year) is int and 0 < year < date.max.year else date.min
    if kind == "rank_promotion":
        return day + timedelta(days=1) if day < date.max else day
    return day
