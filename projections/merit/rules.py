"""The rule engine: each promotion rule of docs/rules.md judged against a CareerRecord.

Every check is data-driven from careerlog/reference/rules.toml (the version in force on the
decision's TMT) and returns met / missing / not_applicable with the facts it relied on, so
a finding can show its evidence (subject, version, kind, effective date, recorded time,
reference). The caller chooses the record: as known before a decision (the audit) or the
final record (promotion rounds, eligibility).
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from careerlog.ages import add_years, months_last_day
from careerlog.domain.employee import penalty_months
from careerlog.domain.quick import quick_init
from careerlog.domain.wording import Params, Template, Wording
from careerlog.reference import Reference, Rule, Rules, reference, rules
from projections.career import (
    CareerRecord,
    Fact,
    PostSpell,
    cached_property,
    confirmation_due,
    education_order,
    pns_from,
    predicate_score,
)
from projections.training import record_away_at_end

MET, MISSING, NOT_APPLICABLE = "met", "missing", "not_applicable"
# The kinds promotion.service_exam and promotion.penalty do not judge when a rules file names none (`exempt_kinds`):
# posthumous (211) and service (212) promotions; a posthumous one only, for the penalty.
EXAM_EXEMPT, PENALTY_EXEMPT = ("211", "212"), ("211",)
# The kinds whose crossing into III/a or IV/a promotion.service_exam asks the service exam of (`crossing_kinds`) when a
# rules file names none: regular (101) and structural (201); a 203 is asked the adjustment exam (`degree_exam`) instead.
EXAM_CROSSING_KINDS = ("101", "201")
SEVERITY_ORDER = {"low": 1, "medium": 2, "high": 3}
EVIDENCE_KINDS = ("performance_rating", "training", "education", "exam", "confirmation", "penalty")


@quick_init  # the rules' outcomes: a third of the frozen dataclass's own __init__
@dataclass(frozen=True)
class Check:
    """The outcome of one rule for one decision (or a hypothetical promotion)."""

    rule: str
    outcome: str
    severity: str
    source: str
    status: str
    said: Wording | Callable[[], Wording]  # its wording, or how to word it (worded when first read)
    evidence: tuple[Fact, ...] = ()
    enforced: bool = True  # False: shown, but not a finding nor a bar to eligibility (`enforced = false`)

    @cached_property
    def wording(self) -> Wording:
        return self.said if isinstance(self.said, Wording) else self.said()

    @property
    def message(self) -> str:
        return self.wording.text

    @property
    def template(self) -> str:
        """The English template `message` is rendered from (careerlog/domain/wording.py)."""
        return self.wording.template

    @property
    def params(self) -> Params:
        """Its values, as the message shows them."""
        return self.wording.params

    @property
    def missing(self) -> bool:
        return self.outcome == MISSING

    @property
    def finding(self) -> bool:
        """Missing and enforced: a finding of the audit, a bar to eligibility."""
        return self.outcome == MISSING and self.enforced


def evidence_json(subject: str, facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    """The facts a check relied on, with their effective and recorded times: each when it last changed (its recording
    or latest correction: `recorded_at` the time its values shown were recorded). The decision judged, where among
    them (a finding by an absence, promotion.one_step's), likewise: a corrected decision's its latest correction's,
    later than the decision's own; its page does not mark it "after the decision" (it is no evidence late for itself:
    web/templates/pages/audit.html). Merit view 63 gave the decision its first recording's time beside values its
    correction wrote, a time at which they never held; view 64 went back."""
    return [
        {
            "subject": subject,
            "version": f.version,
            "kind": f.kind,
            "effective_date": f.effective_date.isoformat(),
            "recorded_at": f.last_recorded_at.isoformat(),
            "reference": f.reference,
        }
        for f in facts
    ]


def check(
    rule: Rule, met: bool, wording: Wording | Callable[[], Wording], evidence: list[Fact] | tuple[Fact, ...] = ()
) -> Check:
    """A rule's outcome; `wording` may be a function giving it (the eligibility checks seldom read it)."""
    outcome = MET if met else MISSING
    return Check(rule.id, outcome, rule.severity, rule.source, rule.status, wording, tuple(evidence), enforced(rule))


def kind_status(rule: Rule, kind: str | None) -> str:
    """The rule's status for a promotion of `kind`: the one its `status_note` gives that kind ("201: M": M for a 201,
    since 2026-12-07; the API gave S, where `careerlog rules` and docs/rules.md say "S (201: M)"), else its own."""
    head, _, status = rule.status_note.partition(":")
    if kind is not None and head.strip() == kind and status.strip() in ("S", "M", "I"):
        return status.strip()
    return rule.status


def of_kind(found: Check, rule: Rule, kind: str) -> Check:
    """A promotion rule's outcome with the status its rule has for a promotion of `kind` (`kind_status`): the one
    eligibility, the findings and an audited decision's rules judged all give (until 2026-12-07 the findings and the
    rules judged gave the rule's own, S for a 201's promotion.time_in_rank where eligibility gave M)."""
    status = kind_status(rule, kind)
    return found if status == found.status else replace(found, status=status)


def enforced(rule: Rule) -> bool:
    """Whether a rule version's missing outcome is a finding and a bar (`enforced = false`: shown, never either)."""
    return bool(rule.params.get("enforced", True))


# The wording of the promotion rules' outcomes (translated on the pages: web/pages/messages.py).
TIME_IN_RANK = Template("{rank} since {since}; {years} y needed, reached on {due}", ("since", "due"), (), ("years",))
RATINGS_SHORT = Template("ratings below {predicate} or absent for {years}", codes=(("predicate", "skp_predicates"),))
# ... of one appointed in the TMT's year or later (`rating_facts` asks the appointment's year, whose rating cannot be
# there yet): until 2026-12-05 "ratings below BAIK or absent for 2026", read as an impossible demand; the same outcome
NO_YEAR_RATED = Template("no year of service rated yet (appointed {appointed})", ("appointed",))
RATINGS_MET = Template("ratings met for {years}")
NO_EDUCATION = Template("no education recorded")
EDUCATION_CEILING = Template("education {level} allows up to {ceiling}; new rank {new}")
DATES = Template("TMT {day}; permitted: day {day_of_month} of months {months}", ("day",))
# (`exams`: codes of the exams table, named on the pages; the stored English keeps the codes: exam UD_I)
EXAM_MISSING = Template("exam {exams} not passed by {day}", ("day",), codes=(("exams", "exams"),))
EXAM_PASSED = Template("exam {exams} passed", codes=(("exams", "exams"),))
# A crossing's exam not asked (promotion.service_exam's `exempt_education`, `exempt_training`: M): by the education held
# on the TMT, or by a leadership training completed by it
EXAM_EXEMPT_EDUCATION = Template(
    "exam {exams} not needed: education {level} held", codes=(("exams", "exams"), ("level", "education"))
)
EXAM_EXEMPT_TRAINING = Template(
    "exam {exams} not needed: {training} completed on {day}",
    ("day",),
    codes=(("exams", "exams"), ("training", "training_kinds")),
)
# (met: "no blocking penalty ..."; a count "label: {count}", which reads in English whatever the count)
PENALTY = Template("blocking penalties served on {day}: {count}", ("day",), (), ("count",))
NO_PENALTY = Template("no blocking penalty served on {day}", ("day",))
NO_MANAGERIAL_POST = Template("no definitive managerial post held on {day}", ("day",))
STRUCTURAL_RANGE = Template("post {post_kind} tops at {top}; new rank {new}", codes=(("post_kind", "post_kinds"),))
NO_FUNCTIONAL_POST = Template("no definitive functional post held on {day}", ("day",))
REGULAR_WITH_POST = Template(
    "definitive post {post_kind} held on {day}: its holder is promoted by {instead}, not {kind}",
    ("day",),
    codes=(("post_kind", "post_kinds"), ("instead", "promotion_kinds"), ("kind", "promotion_kinds")),
)
NO_POST_BARS = Template("no definitive managerial or functional post held on {day}", ("day",))
FUNCTIONAL_RANGE = Template(
    "functional level {level} tops at {top}; new rank {new}", codes=(("level", "functional_levels"),)
)
ONE_STEP = Template(
    "a {kind} promotion from {rank} goes up to {top}; new rank {new}", codes=(("kind", "promotion_kinds"),)
)
CREDIT = Template("credit {total:g} of {needed:g} since {year}", (), (), ("total", "needed"))
CONFIRMED = Template("confirmed as PNS")
NOT_CONFIRMED = Template("not confirmed by {day}", ("day",))
TRAINING = Template("{hours} JP in {year}; {needed} needed", (), (), ("hours", "needed"))
STATUS_BARS = Template("status {status} on {day} bars a promotion", ("day",), codes=(("status", "statuses"),))
NO_STATUS_BARS = Template("no legal status barring a promotion on {day}", ("day",))
NO_DEGREE = Template("no degree recorded for a {kind} promotion", codes=(("kind", "promotion_kinds"),))
DEGREE_AFTER = Template(
    "degree {level} obtained on {obtained}, after the TMT {day}", ("obtained", "day"), codes=(("level", "education"),)
)
DEGREE_RANK = Template("degree {level} starts at {start}; new rank {new}", codes=(("level", "education"),))


def round_dates(start: date, end: date, book: Rules | None = None) -> Iterator[date]:
    """The permitted regular (101) promotion dates after `start` up to and including `end`
    (under `book`, by default the configured rules)."""
    days = permitted_in_years(rules() if book is None else book, start.year, end.year)
    return iter(days[bisect.bisect_right(days, start) : bisect.bisect_right(days, end)])


@functools.lru_cache(maxsize=4096)
def permitted_in_years(book: Rules, first: int, last: int) -> tuple[date, ...]:
    """The permitted 101 dates of the years `first` to `last`, in order (cached per rules object)."""
    return tuple(day for year in range(first, last + 1) for day in permitted_in_year(book, year))


@functools.lru_cache(maxsize=4096)
def permitted_in_year(book: Rules, year: int) -> tuple[date, ...]:
    """The permitted 101 dates of a year under a rules file: each day of the month (`day`) of a version's `months` on
    which that version is in force (cached per rules object)."""
    found = set()
    for version in book.versions("promotion.dates"):
        for month in version.params["months"]:
            try:
                day = date(year, int(month), int(version.params["day"]))
            except ValueError:  # (no such day in that month)
                continue
            rule = book.in_force("promotion.dates", day)
            if rule is not None and day.day == int(rule.params["day"]) and day.month in rule.params["months"]:
                found.add(day)
    return tuple(sorted(found))


@functools.lru_cache(maxsize=65536)
def counted_round(book: Rules, day: date, kind: str) -> date:
    """The promotion round a promotion of `kind` with TMT `day` counts in (docs/audit.md, "Promotions off a round
    date"): the last permitted 101 date on or before `day` (under `book`), where its colleagues are compared and the
    fairness pools count it; `day` itself when the version of `promotion.dates` in force then exempts the kind (211,
    212: dated any day, as their rule allows) or none is in force, or no permitted date comes before it (cached per
    rules object)."""
    rule = rule_on(book, "promotion.dates", day)
    if rule is None or kind in rule.params.get("exempt_kinds", []):
        return day
    days = permitted_in_years(book, day.year - 1, day.year)
    i = bisect.bisect_right(days, day)
    return days[i - 1] if i else day


@functools.lru_cache(maxsize=65536)
def rule_on(book: Rules, rule_id: str, day: date) -> Rule | None:
    """The version of a rule in force on a day (cached per rules object)."""
    return book.in_force(rule_id, day)


@functools.lru_cache(maxsize=64)
def version_changes(book: Rules, rule_id: str) -> tuple[date, ...]:
    """The days a version of a rule comes into or goes out of force, in order (cached per rules object): between two
    of them the same versions are in force, so `rule_on` reads the same one."""
    return tuple(sorted({d for r in book.versions(rule_id) for d in (r.valid_from, r.valid_to) if d is not None}))


@functools.lru_cache(maxsize=1024)
def rank_index(ref: Reference, rank: str) -> int:
    """`Reference.rank_index`, cached per reference object."""
    return ref.rank_index(rank)


def _listed(rule: Rule) -> str:
    return ", ".join(str(m) for m in rule.params["months"])


def param_on(book: Rules, rule_id: str, day: date, name: str, default: Any = None) -> Any:
    """A parameter of the version of a rule in force on a day (`Rules.param`, cached)."""
    rule = rule_on(book, rule_id, day)
    return default if rule is None else rule.params.get(name, default)


def rating_facts(record: CareerRecord, day: date, years: int) -> list[tuple[int, Fact | None]]:
    """The ratings a rule of `years` reads for a TMT on `day`: of each of the calendar years before its year (Y-1 ..
    Y-N) the employee served in, appointed by its 31 December; a year before the appointment is neither asked nor
    named. One who served none of them is asked the year of the appointment, the first year served (its rating is not
    there before the TMT: the requirement is not met, naming no year before the appointment)."""
    asked = [day.year - n for n in range(1, years + 1)]
    appointed = record.appointed_on
    if appointed is not None:
        asked = [y for y in asked if y >= appointed.year] or [appointed.year]
    return [(y, record.ratings.get(y)) for y in asked]


def ratings_short(record: CareerRecord, day: date, predicate: str, short: list[str]) -> Wording:
    """The wording of ratings short for a TMT on `day`: NO_YEAR_RATED when the one year asked is the appointment's, in
    the TMT's year or later, and unrated (no year of service could be rated yet), else RATINGS_SHORT."""
    appointed = record.appointed_on
    first = appointed is not None and appointed.year >= day.year and short == [str(appointed.year)]
    if appointed is not None and first and record.ratings.get(appointed.year) is None:
        return NO_YEAR_RATED(appointed=appointed)
    return RATINGS_SHORT(predicate=predicate, years=", ".join(short))


def penalty_end(fact: Fact) -> date | None:
    """A penalty's last day: its `end_date`, else the last day of its kind's months from its start (`months_last_day`);
    None when neither is known (a kind of no fixed months, PEMBERHENTIAN, recorded without an end): such a penalty
    stands from its start on."""
    end = fact.get("end_date")
    if isinstance(end, date):
        return end
    months = penalty_months(fact.get("penalty_kind"), fact.effective_date)
    return months_last_day(fact.effective_date, months) if months else None


def penalty_bars_until(fact: Fact, extra_months: Mapping[str, Any]) -> date | None:
    """The last day a penalty bars what its rule guards: its own last day (`penalty_end`) and then the months its
    level adds after it (`extra_months`, none by the bundled rules), whole months from the day after its last day
    counted as its own are (`months_last_day`: ended 30 September, 3 months more bar until 31 December); None when no
    end is known: it bars until one is recorded."""
    end = penalty_end(fact)
    if end is None:
        return None
    months = int(extra_months.get(fact.get("level"), 0))
    return months_last_day(end + timedelta(days=1), months) if months else end


def penalty_served(fact: Fact, day: date, extra_months: Mapping[str, Any]) -> bool:
    """Whether a penalty is served on `day`: begun by then and not past the last day it bars (`penalty_bars_until`:
    its last day and the months its level adds after it); one with no end known stands until an end is recorded."""
    if fact.effective_date > day:
        return False
    until = penalty_bars_until(fact, extra_months)
    return until is None or day <= until


def rating_read_until(book: Rules, judged: date, kind: str, year: int) -> date | None:
    """The last day a promotion date of `kind` still reads the SKP rating of `year`, by promotion.performance in force
    on `judged`: 31 December of the year the rule's years for the kind later (a TMT reads the years before its own,
    `rating_facts`: a 101 reads 2, so 2025 is read until 31 December 2027). None when no version of the rule is in
    force then or it reads no years for the kind. The eligibility view's barred_until and the career page's
    'Promotion dates up to ... still read this rating' both read it here."""
    rule = rule_on(book, "promotion.performance", judged)
    years = None if rule is None else rule.params["years"].get(kind)
    return None if years is None else date(year + int(years), 12, 31)


EFFECTIVE = operator.attrgetter("effective_date")
CEILING_RULE = "promotion.education_ceiling"
# (the demo's promotion rounds: education bars 53% of the eligibility tests, ratings 21%, the exam 4%)
BARS_FIRST = {
    "promotion.education_ceiling": 0,
    "promotion.time_in_rank": 1,
    "promotion.performance": 2,
    "promotion.service_exam": 3,
    "promotion.penalty": 4,
    "promotion.regular_without_post": 5,
    "promotion.legal_status": 6,
}
KindTest = Callable[[Mapping[str, Any], str], bool]  # whether a rule version (its parameters) judges a kind


def keyed(name: str) -> KindTest:
    """A rule judging the kinds its parameter `name` (a table by kind: `years`, `steps`) has a value for."""
    return lambda params, kind: kind in params[name]


def listed(name: str = "kinds") -> KindTest:
    """A rule judging the kinds its parameter `name` lists (none when it is absent)."""
    return lambda params, kind: kind in params.get(name, ())


def not_exempt(default: tuple[str, ...] = ()) -> KindTest:
    """A rule judging every kind but those its `exempt_kinds` lists (`default` when it names none)."""
    return lambda params, kind: kind not in params.get("exempt_kinds", default)


# The promotion rules in the order they are shown, each with the PromotionJudge method judging it.
JUDGE_NAMES = (
    ("promotion.time_in_rank", "_time_in_rank"),
    ("promotion.performance", "_performance"),
    ("promotion.education_ceiling", "_education_ceiling"),
    ("promotion.dates", "_dates"),
    ("promotion.service_exam", "_service_exam"),
    ("promotion.penalty", "_penalty"),
    ("promotion.structural_range", "_structural_range"),
    ("promotion.functional_range", "_functional_range"),
    ("promotion.one_step", "_one_step"),
    ("promotion.degree_rank", "_degree_rank"),
    ("promotion.credit_points", "_credit_points"),
    ("promotion.regular_without_post", "_regular_without_post"),
    ("promotion.no_probation", "_no_probation"),
    ("promotion.legal_status", "_legal_status"),
    ("promotion.training", "_training"),
)
# The kinds each version of a promotion rule judges, read once per version, day and kind (`in_force`): its method is
# asked of those kinds alone.
KINDS_JUDGED: dict[str, KindTest] = {
    "promotion.time_in_rank": keyed("years"),
    "promotion.performance": keyed("years"),
    "promotion.education_ceiling": listed(),
    "promotion.dates": not_exempt(),
    "promotion.service_exam": not_exempt(EXAM_EXEMPT),
    "promotion.penalty": not_exempt(PENALTY_EXEMPT),
    "promotion.structural_range": listed(),
    "promotion.functional_range": listed(),
    "promotion.one_step": keyed("steps"),
    "promotion.degree_rank": listed(),
    "promotion.credit_points": listed(),
    "promotion.regular_without_post": listed(),
    "promotion.no_probation": not_exempt(),
    "promotion.legal_status": not_exempt(),
    "promotion.training": listed(),
}


def pilihan_kind(post_kind: str) -> str:
    """The choice promotion (pilihan) a definitive holder of a post of `post_kind` rises by: 202 for a functional
    post, 201 for a managerial one."""
    return FUNCTIONAL_KIND if post_kind == "FUNGSIONAL" else STRUCTURAL_KIND


STRUCTURAL_KIND, FUNCTIONAL_KIND = "201", "202"


def entered_rank(record: CareerRecord, day: date) -> tuple[str, date, Fact] | None:
    """The first rank of the record (the appointment's), when it is entered on or after `day`: what a promotion of
    `day`, with no rank held before it, starts from (its time in rank never reached; docs/audit.md)."""
    history = record.rank_history
    if not history or history[0][0] < day:
        return None
    since, rank, fact = history[0]
    return rank, since, fact


REGULAR_KIND = "101"
REGULAR_WITHOUT_POST = "promotion.regular_without_post"


def promotion_post(record: CareerRecord, day: date) -> PostSpell | None:
    """The definitive post a promotion effective on `day` is judged with: the one held on `day` (taken up on it
    included; one ended on it, or replaced by another definitive post from it, is not held); on the day of separation,
    when nothing is held, the one held the day before (a promotion effective on the day of retirement was earned in
    the post held until then). An acting post (Plt, Plh, Pj) is never definitive."""
    post = record.definitive_post_on(day)
    if post is None and day == record.separated_on:
        post = record.definitive_post_on(day - timedelta(days=1))
    return post


def has_choice_promotion(post_kind: str) -> bool:
    """Whether a definitive holder of a post of `post_kind` rises by a choice promotion (pilihan, `pilihan_kind`): a
    managerial or a functional post; a pelaksana (administrative) post has none."""
    kinds = reference().post_kinds
    return post_kind == "FUNGSIONAL" or (post_kind in kinds and bool(kinds[post_kind].get("managerial")))


@dataclass(frozen=True)
class RegularBar:
    """Why `promotion.regular_without_post` bars a promotion of `kind` on `day`: its version in force then (`rule`)
    lists the kind, and the holder's definitive post is of a kind it lists (`post_kind`; `post`, the post's spell
    when read from a record: the appointment is the evidence). It bars (`barred`: a finding of the audit, no offer
    of the kind) when the rule is enforced, as every rule (`enforced = false`: shown, never a bar)."""

    rule: Rule
    day: date
    kind: str
    post_kind: str
    post: PostSpell | None = None

    @property
    def instead(self) -> str:
        """The choice promotion the holder rises by: 201 (managerial post) or 202 (functional)."""
        return pilihan_kind(self.post_kind)

    @property
    def barred(self) -> bool:
        return bool(self.rule.params.get("enforced", True))

    def check(self) -> Check:
        """The rule's outcome: missing, with the post's appointment as evidence."""
        post_kind, day, instead, kind = self.post_kind, self.day, self.instead, self.kind
        wording = functools.partial(REGULAR_WITH_POST, post_kind=post_kind, day=day, instead=instead, kind=kind)
        return check(self.rule, False, wording, [self.post.fact] if self.post is not None else [])


def regular_bar(
    book: Rules, held: CareerRecord | PostSpell | str | None, day: date, kind: str = REGULAR_KIND
) -> RegularBar | None:
    """The one reading of `promotion.regular_without_post` (docs/rules.md): whether a promotion of `kind` (101) on
    `day` goes to the holder of a post that the rule's version in force on `day` (under `book`) lists, and which.
    `held` is the record (its `promotion_post` on `day`), the definitive post's spell held on `day`, or the kind of
    the definitive post held (as a stored row names it). None when the rule does not bar it: not in force on `day`,
    not listing `kind`, or no definitive post of a listed kind held; an acting post (Plt, Plh, Pj) never bars, nor
    a post with no choice promotion to rise by (pelaksana), even if listed. Whether the bar holds (`barred`) is the
    rule's enforcement."""
    rule = rule_on(book, REGULAR_WITHOUT_POST, day)
    if rule is None or kind not in rule.params.get("kinds", []) or held is None:
        return None
    post = promotion_post(held, day) if isinstance(held, CareerRecord) else held
    if post is None or (isinstance(post, PostSpell) and post.assignment != "DEFINITIVE"):
        return None
    post_kind = post if isinstance(post, str) else post.post_kind
    if post_kind not in rule.params.get("post_kinds", []) or not has_choice_promotion(post_kind):
        return None
    return RegularBar(rule, day, kind, post_kind, post if isinstance(post, PostSpell) else None)


class Judge:
    """What the promotion and post judges share: each outcome made by `outcome`, which makes none met while the
    judge is asked for the findings alone (`_findings_only`, set by the loop asking: `findings`, `barred`)."""

    _findings_only = False  # (the instance's own while a loop asks for the findings alone)

    def outcome(
        self,
        rule: Rule,
        met: bool,
        wording: Wording | Callable[[], Wording],
        evidence: list[Fact] | tuple[Fact, ...] = (),
    ) -> Check | None:
        """A judge's outcome (`check`); None, as for a rule not judged, when it is met while the judge is asked for the
        findings alone (nothing reads a met outcome there: no Check nor wording made for it). A judge keeping an
        outcome for later questions (`PromotionJudge._outcomes`) makes it with `check`, whoever asks."""
        if met and self._findings_only:
            return None
        return check(rule, met, wording, evidence)


class PromotionJudge(Judge):
    """Judges rank promotions (real or hypothetical) of one record."""

    def __init__(self, record: CareerRecord, book: Rules | None = None):
        self.record = record
        self.ref = reference()
        self.rules = rules() if book is None else book  # `book`: the rules the caller read
        self.facts_of = record.kind_facts  # the active facts of a kind by date (not indexing every kind)
        self._education: dict[int, tuple[str | None, list[Fact]]] = {}  # by the number of degrees held
        # The outcomes that depend only on the year or the degrees held (a record's promotion rounds
        # ask twice a year), by rule version, kind, new rank and year or degrees: the same Check again (None: not
        # judged).
        self._outcomes: dict[tuple[Any, ...], Check | None] = {}
        # The findings alone of each promotion judged (`checks`, also when `findings` asks), with the rank held before
        # it: `barred` reads them instead of judging it again (the promotion rounds ask of the regular promotions the
        # audit judged on this record). Never the checks: asked for the findings alone, the judge makes no met outcome
        # (`outcome`), so what it judged then is no list of every check, and none is kept to be read as one.
        self._found: dict[tuple[date, str, str], tuple[tuple[str, date, Fact], tuple[Check, ...]]] = {}
        self._held: dict[date, PostSpell | None] = {}  # `post_held` by day

    @staticmethod
    def is_managerial(post_kind: str) -> bool:
        return bool(reference().post_kinds[post_kind].get("managerial"))

    def until(self, kind: str, day: date) -> list[Fact]:
        """The active facts of a kind in effect by `day` (a first part of the list: it is by date)."""
        facts = self.facts_of(kind)
        return facts[: bisect.bisect_right(facts, day, key=EFFECTIVE)]

    def education(self, day: date) -> tuple[str | None, list[Fact]]:
        """The highest education level on a day and the facts it comes from."""
        return self._education_held(self._degrees_by(day))

    def _degrees_by(self, day: date) -> int:
        """How many degrees are in effect by `day`."""
        return bisect.bisect_right(self.facts_of("education"), day, key=EFFECTIVE)

    def _education_held(self, held: int) -> tuple[str | None, list[Fact]]:
        found = self._education.get(held)
        if found is None:
            found = self._education[held] = self._education_of(self.facts_of("education")[:held])
        return found

    def _education_of(self, degrees: list[Fact]) -> tuple[str | None, list[Fact]]:
        facts = self.facts_of("appointment")[:1] + degrees
        levels = [(f.get("education") if f.kind == "appointment" else f.get("level"), f) for f in facts]
        levels = [(lvl, f) for lvl, f in levels if lvl]
        if not levels:
            return None, []
        best = max(levels, key=lambda item: education_order(self.ref, item[0]))
        return str(best[0]), [f for _, f in levels]

    def post_held(self, day: date) -> PostSpell | None:
        """`promotion_post(record, day)`, kept per day: the rules reading it ask up to three times per promotion."""
        held = self._held
        if day in held:
            return held[day]
        post = held[day] = promotion_post(self.record, day)
        return post

    def outcomes(
        self,
        day: date,
        kind: str,
        new_rank: str,
        *,
        bars_first: bool = False,
        held: tuple[str, date, Fact] | None = None,
    ) -> Iterator[Check]:
        """Each promotion rule in force on `day` for a promotion of `kind` to `new_rank`, lazily
        (`bars_first`: the rules that most often bar a promotion first; `held`: the record's
        `rank_before(day)`, when the caller has it)."""
        if held is None:
            held = self.record.rank_before(day)
            if held is None:
                return
        rank, since, rank_fact = held
        for rule, judge in in_force(self.rules, day, kind, bars_first, False):
            if (result := judge(self, rule, day, kind, new_rank, rank, since, rank_fact)) is not None:
                yield result

    def checks(self, day: date, kind: str, new_rank: str) -> list[Check]:
        """Every promotion rule in force on `day` for a promotion of `kind` to `new_rank` on `day`; one not after
        the appointment (no rank held before `day`) judged from the rank the appointment gives (`entered_rank`)."""
        held = self.record.rank_before(day) or entered_rank(self.record, day)
        if held is None:
            return []
        rank, since, rank_fact = held
        found = []  # `outcomes(day, kind, new_rank, held=held)`, as a plain loop
        for rule, judge in in_force(self.rules, day, kind, False, self._findings_only):
            if (result := judge(self, rule, day, kind, new_rank, rank, since, rank_fact)) is not None:
                found.append(of_kind(result, rule, kind) if rule.status_note else result)
        self._found[(day, kind, new_rank)] = (held, tuple([c for c in found if c.finding]))
        return found

    def findings(self, day: date, kind: str, new_rank: str) -> list[Check]:
        """The findings among `checks(day, kind, new_rank)`, in the same order, judged without making the outcomes
        met (`outcome`) nor judging the rules not enforced (`in_force`): an audited decision keeps its findings alone,
        and `barred` reads no more of it."""
        self._findings_only = True
        try:
            self.checks(day, kind, new_rank)  # (its findings kept: `_found`, read here rather than sifted again)
        finally:
            self._findings_only = False
        found = self._found.get((day, kind, new_rank))
        return [] if found is None else list(found[1])

    def barred(self, day: date, kind: str, new_rank: str, *, held: tuple[str, date, Fact] | None = None) -> bool:
        """Whether an enforced rule bars the promotion: `outcomes` (bars first) up to the first
        finding, as a plain loop (the promotion rounds ask it some 11 times per employee)."""
        if held is None:
            held = self.record.rank_before(day)
            if held is None:
                return False
        found = self._found.get((day, kind, new_rank))
        if found is not None and found[0] == held:  # the same rank, TMT and fact
            return bool(found[1])
        rank, since, rank_fact = held
        self._findings_only = True
        try:
            for rule, judge in in_force(self.rules, day, kind, True, True):
                result = judge(self, rule, day, kind, new_rank, rank, since, rank_fact)
                if result is not None and result.finding:
                    return True
        finally:
            self._findings_only = False
        return False

    # Each judge is asked of the kinds its rule's version judges alone (`KINDS_JUDGED`); it returns None when the rule
    # does not apply to the promotion otherwise (or, judging for the findings alone, is met: `outcome`).

    def _time_in_rank(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        years = rule.params["years"][kind]
        due = add_years(since, int(years))  # as relativedelta(years=...): 29 February to the 28th
        return self.outcome(
            rule, due <= day, lambda: TIME_IN_RANK(rank=rank, since=since, years=years, due=due), [held]
        )

    def _performance(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        years = rule.params["years"][kind]
        key = ("performance", id(rule), kind, day.year)  # rating_facts reads the year only
        done = self._outcomes.get(key)
        if done is not None:
            return done
        minimum = predicate_score(self.ref, rule.params["min_predicate"])
        found = rating_facts(self.record, day, int(years))
        short = sorted(str(y) for y, f in found if f is None or predicate_score(self.ref, f.get("predicate")) < minimum)
        record = self.record  # (the wording closes over the record, not the judge: a judge -> check -> judge cycle
        # would leave every record's objects to the cyclic collector instead of reference counting)
        done = self._outcomes[key] = check(
            rule,
            not short,
            lambda: (
                ratings_short(record, day, rule.params["min_predicate"], short)
                if short
                else RATINGS_MET(years=", ".join(str(y) for y in sorted(y for y, _ in found)))
            ),
            [f for _, f in found if f is not None],
        )
        return done

    def _education_ceiling(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        return self._ceiling(rule, day, kind, new)

    def _ceiling(self, rule: Rule, day: date, kind: str, new: str) -> Check:
        """`_education_ceiling`'s outcome, which reads neither the rank held nor since when (`ceiling_bars_until`)."""
        degrees = self._degrees_by(day)
        key = ("education", id(rule), kind, new, degrees)
        done = self._outcomes.get(key)
        if done is not None:
            return done
        level, facts = self._education_held(degrees)
        if level is None:
            done = check(rule, False, NO_EDUCATION)
        else:
            ceiling = self.ref.education[level]["ceiling"]
            met = rank_index(self.ref, new) <= rank_index(self.ref, ceiling)
            done = check(rule, met, lambda: EDUCATION_CEILING(level=level, ceiling=ceiling, new=new), facts)
        self._outcomes[key] = done
        return done

    def ceiling_bars_until(self, day: date, kind: str, new_rank: str) -> date | None:
        """When the education ceiling (enforced) bars a promotion of `kind` to `new_rank` on `day`, out of the rank
        held then (and so `barred`): the first day it may not, the next degree's or the next version change of the
        rule's; else None. Nothing else it reads changes before then (the education held counts the degrees in
        effect, `_degrees_by`), so a caller asking of later days out of the same rank may take the bar as read."""
        rule = rule_on(self.rules, CEILING_RULE, day)
        if rule is None or not KINDS_JUDGED[CEILING_RULE](rule.params, kind):
            return None
        if not self._ceiling(rule, day, kind, new_rank).finding:
            return None
        degrees, changes = self.facts_of("education"), version_changes(self.rules, CEILING_RULE)
        held = self._degrees_by(day)
        next_degree = degrees[held].effective_date if held < len(degrees) else date.max
        next_version = changes[bisect.bisect_right(changes, day)] if changes[-1] > day else date.max
        return min(next_degree, next_version)

    def _dates(self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact) -> Check | None:
        met = day.day == int(rule.params["day"]) and day.month in rule.params["months"]
        return self.outcome(rule, met, lambda: DATES(day=day, day_of_month=rule.params["day"], months=_listed(rule)))

    def _service_exam(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        ref, exams = self.ref, rule.params["exams"]
        crossing = kind in rule.params.get("crossing_kinds", EXAM_CROSSING_KINDS)
        below, upto = rank_index(ref, rank), rank_index(ref, new)
        needed = [c for t, c in exams.items() if crossing and below < rank_index(ref, t) <= upto]
        if kind == rule.params.get("degree_kind"):
            needed.append(rule.params["degree_exam"])
        if not needed:
            return None
        passed = {f.get("exam"): f for f in self.until("exam", day)}
        exempt = {c: why for c in needed if c not in passed and (why := self._exam_exempt(rule, c, day)) is not None}
        lacking = [code for code in needed if code not in passed and code not in exempt]
        used = [passed[code] for code in needed if code in passed] + [why[1] for why in exempt.values()]

        def said() -> Wording:
            if lacking:
                return EXAM_MISSING(exams=", ".join(lacking), day=day)
            if not exempt:
                return EXAM_PASSED(exams=", ".join(needed))
            codes = ", ".join(exempt)
            by, fact = next(iter(exempt.values()))
            if fact.kind == "training":
                return EXAM_EXEMPT_TRAINING(exams=codes, training=by, day=fact.effective_date)
            return EXAM_EXEMPT_EDUCATION(exams=codes, level=by)

        return self.outcome(rule, not lacking, said, used)

    def _exam_exempt(self, rule: Rule, code: str, day: date) -> tuple[str, Fact] | None:
        """Why a crossing's exam is not asked on `day` (promotion.service_exam, M): the education held then is at
        least the level `exempt_education` names for it (S-1 for UD_I, S-2 for UD_II: the level and the fact giving
        it), or a leadership training `exempt_training` lists for it ended by then (the kind and the first such
        training); None when neither (or the rule names no exemption)."""
        minimum = rule.params.get("exempt_education", {}).get(code)
        if minimum is not None and minimum in self.ref.education:
            level, facts = self.education(day)
            if level is not None and education_order(self.ref, level) >= education_order(self.ref, str(minimum)):
                giving = [
                    f for f in facts if (f.get("education") if f.kind == "appointment" else f.get("level")) == level
                ]
                return level, giving[0]
        kinds = rule.params.get("exempt_training", {}).get(code, ())
        if kinds:
            done = [f for f in self.until("training", day) if f.get("training_kind") in kinds]
            if done:
                return str(done[0].get("training_kind")), done[0]
        return None

    def _penalty(self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact) -> Check | None:
        levels, extra = rule.params["blocking_levels"], rule.params.get("extra_months", {})
        blocking = [f for f in self.facts_of("penalty") if f.get("level") in levels and penalty_served(f, day, extra)]
        return self.outcome(
            rule,
            not blocking,
            lambda: PENALTY(count=len(blocking), day=day) if blocking else NO_PENALTY(day=day),
            blocking,
        )

    def _structural_range(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        post = self.post_held(day)
        if post is None or not self.is_managerial(post.post_kind):
            return check(rule, False, lambda: NO_MANAGERIAL_POST(day=day))
        top = self.ref.post_kinds[post.post_kind].get("max_rank")
        met = top is not None and rank_index(self.ref, new) <= rank_index(self.ref, top)
        return self.outcome(
            rule, met, lambda: STRUCTURAL_RANGE(post_kind=post.post_kind, top=top, new=new), [post.fact]
        )

    def _functional_range(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        """202: the new rank within the range of the functional level held on TMT (none held: not judged here,
        promotion.credit_points says so)."""
        post = self.post_held(day)
        level = post.level if post is not None and post.post_kind == "FUNGSIONAL" else None
        if post is None or level is None or level not in self.ref.functional_levels:
            return None
        top = str(self.ref.functional_levels[level]["max_rank"])
        met = rank_index(self.ref, new) <= rank_index(self.ref, top)
        return self.outcome(rule, met, lambda: FUNCTIONAL_RANGE(level=level, top=top, new=new), [post.fact, held])

    def _one_step(self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact) -> Check | None:
        """The new rank at most the configured number of ranks (`steps` by kind) above the rank held before TMT."""
        steps = rule.params["steps"][kind]
        ranks = self.ref.ranks.codes
        top = ranks[min(rank_index(self.ref, rank) + int(steps), len(ranks) - 1)]
        met = rank_index(self.ref, new) <= rank_index(self.ref, top)
        return self.outcome(rule, met, lambda: ONE_STEP(kind=kind, rank=rank, top=top, new=new), [held])

    def _degree_rank(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        """A promotion resting on a degree (203, penyesuaian ijazah: `kinds`) needs a degree (an `education` fact, not
        the appointment's entry education) obtained on or before its TMT, and goes no higher than the starting rank
        of the highest such degree (asn.toml education `start`). The degrees of the record are read whatever their
        days: one obtained only after the TMT is named (known_alike judges such a promotion as known before it)."""
        degrees = self.facts_of("education")
        if not degrees:
            return check(rule, False, lambda: NO_DEGREE(kind=kind))
        obtained = degrees[: self._degrees_by(day)]
        if not obtained:
            first = degrees[0]
            level, later = first.get("level"), first.effective_date
            return check(rule, False, lambda: DEGREE_AFTER(level=level, obtained=later, day=day), [first])
        ref = self.ref
        degree = max(obtained, key=lambda f: education_order(ref, str(f.get("level"))))
        level = str(degree.get("level"))
        start = str(ref.education[level]["start"])
        met = rank_index(ref, new) <= rank_index(ref, start)
        return self.outcome(rule, met, lambda: DEGREE_RANK(level=level, start=start, new=new), [degree])

    def _credit_points(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        post = self.post_held(day)
        if post is None or post.post_kind != "FUNGSIONAL" or not post.level:
            return check(rule, False, lambda: NO_FUNCTIONAL_POST(day=day))
        # Each year in a functional post earns its level's credit; a year in another level counts as the same share
        # of a step of the level held on the TMT (a level moved up on the TMT itself: the years in the level below).
        levels = self.functional_years(since.year, day.year)
        ratings, ref = self.record.ratings, self.ref
        needed = float(ref.functional_levels[post.level]["credit_per_step"])
        rated = [(ratings[y], ref.functional_levels[level]) for y, level in levels.items() if y in ratings]
        used = [f for f, _ in rated]
        total = sum(
            ref.credit_factor(f.get("predicate")) * float(lv["coefficient"]) * needed / float(lv["credit_per_step"])
            for f, lv in rated
        )
        first = min(levels, default=max(since.year, post.start.year))
        return self.outcome(
            rule, total >= needed, lambda: CREDIT(total=total, needed=needed, year=first), [post.fact, *used]
        )

    def credit_unrated(self, day: date, since: date) -> tuple[list[int], float, float, float] | None:
        """Of promotion.credit_points on `day` (the rank held since `since`): the years it counts with no SKP rating
        recorded, the credit counted, the credit those years add at most (each rated at the predicate of the highest
        credit factor) and the credit needed; None when no definitive functional post is held on `day` (the rule then
        asks for one, not for ratings). As `_credit_points` counts it."""
        post = self.post_held(day)
        if post is None or post.post_kind != "FUNGSIONAL" or not post.level:
            return None
        ref, ratings = self.ref, self.record.ratings
        levels = self.functional_years(since.year, day.year)
        needed = float(ref.functional_levels[post.level]["credit_per_step"])
        best = max(float(ref.skp_predicates[code]["credit_factor"]) for code in ref.skp_predicates.codes)

        def credit(level: str, factor: float) -> float:
            lv = ref.functional_levels[level]
            return factor * float(lv["coefficient"]) * needed / float(lv["credit_per_step"])

        total = sum(
            credit(level, ref.credit_factor(ratings[y].get("predicate"))) for y, level in levels.items() if y in ratings
        )
        unrated = [y for y in levels if y not in ratings]
        return unrated, total, sum(credit(levels[y], best) for y in unrated), needed

    def functional_years(self, first: int, stop: int) -> dict[int, str]:
        """The years from `first` until `stop` (excluded) in which a definitive functional post was held, each with
        the level it earns credit at: the level of the last such spell held in the year. A year partly in the post
        counts whole, as its first year does in post.credit_points; a year with no functional post (before the post,
        between spells, in another post) earns none."""
        spells = [
            s
            for s in self.record.posts
            if s.assignment == "DEFINITIVE" and s.post_kind == "FUNGSIONAL" and s.level in self.ref.functional_levels
        ]
        found: dict[int, str] = {}
        for year in range(first, stop):
            start, end = date(year, 1, 1), date(year + 1, 1, 1)
            held = [s for s in spells if s.start < end and (s.end is None or s.end > start)]
            if held:
                found[year] = str(held[-1].level)
        return found

    def _regular_without_post(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        """A regular (101) promotion of a PNS holding on its TMT a definitive post of the kinds listed (managerial,
        functional): `regular_bar`, the one reading of the rule (eligibility and its `regular_closed` read it too)."""
        bar = regular_bar(self.rules, self.post_held(day), day, kind)
        return self.outcome(rule, True, lambda: NO_POST_BARS(day=day)) if bar is None else bar.check()

    def _no_probation(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        confirmed = self.until("confirmation", day)
        return self.outcome(
            rule, bool(confirmed), lambda: CONFIRMED() if confirmed else NOT_CONFIRMED(day=day), confirmed[:1]
        )

    def _cpns_at(self, day: date, confirmed: list[Fact]) -> bool:
        """Whether the employee was still a CPNS on `day`: confirmed as PNS (`pns_from`, the first of `confirmed`: those
        in effect by the TMT judged) only after it, or with none, `day` before the probation year ends
        (`confirmation_due`). With none and the probation year over the day is read as a PNS's: an offer assumes the
        confirmation promotion.no_probation asks of it, and a decision without one is that rule's finding."""
        pns = pns_from(confirmed[0].effective_date) if confirmed else None
        if pns is not None:
            return pns > day
        appointed = self.record.appointed_on
        return appointed is not None and day < confirmation_due(appointed, self.rules)

    def _legal_status(
        self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact
    ) -> Check | None:
        """No promotion on a day the employee holds a legal status the rule lists (`blocking_statuses`: unpaid leave,
        suspension); the evidence is the status change in effect then."""
        changes = self.until("status_change", day)
        status = str(changes[-1].get("status")) if changes else "ACTIVE"
        if status not in rule.params.get("blocking_statuses", []):
            return self.outcome(rule, True, lambda: NO_STATUS_BARS(day=day))
        return check(rule, False, lambda: STATUS_BARS(status=status, day=day), changes[-1:])

    def _training(self, rule: Rule, day: date, kind: str, new: str, rank: str, since: date, held: Fact) -> Check | None:
        """The JP of the year before the TMT, against the version of the rule in force on that year's last day (the
        training table's counting day, `training.yearly_jp` read alike): not judged (None) when none was (a TMT of
        2017 judged 2016, before PP 11/2017), when the employee ended that year as a CPNS (`_cpns_at`; the yearly JP
        is a PNS's) or away from duty (unpaid leave, study leave, suspended: `record_away_at_end`), as the training
        table and the compliance report leave such a year unjudged, unless the rule's `judge_years_away` (an
        inference either way)."""
        confirmed = self.until("confirmation", day)  # (as known before the decision: those in effect by its TMT)
        key = ("training", id(rule), kind, day.year, len(confirmed))
        outcomes = self._outcomes
        if key in outcomes:
            return outcomes[key]
        last_day = date(day.year - 1, 12, 31)
        yearly = rule_on(self.rules, rule.id, last_day)
        if (
            yearly is None
            or self._cpns_at(last_day, confirmed[:1])
            or (not rule.params.get("judge_years_away", False) and record_away_at_end(self.record, day.year - 1))
        ):
            outcomes[key] = None
            return None
        trainings = self.facts_of("training")  # by date: the last year's are those from its 1 January to the next
        year_start, next_start = date(day.year - 1, 1, 1), date(day.year, 1, 1)
        used = trainings[
            bisect.bisect_left(trainings, year_start, key=EFFECTIVE) : bisect.bisect_left(
                trainings, next_start, key=EFFECTIVE
            )
        ]
        repeated = self.record.repeated_trainings  # (a probable duplicate's JP count once: training.counted_once)
        if repeated:
            used = [f for f in used if f.version not in repeated]
        hours = sum(int(f.get("hours")) for f in used)
        needed = int(yearly.params.get("jp", 20))
        year = day.year - 1
        done = self._outcomes[key] = check(
            rule, hours >= needed, lambda: TRAINING(hours=hours, year=year, needed=needed), used
        )
        return done


# The judging methods as plain functions, called with the judge: a judge holds no bound
# methods of itself, so it is freed by reference counting when a decision's audit ends (a
# cycle per judge made the garbage collector find some 200,000 objects per 1,000 employees).
UnboundRule = Callable[[PromotionJudge, Rule, date, str, str, str, date, Fact], "Check | None"]
_JUDGES: tuple[tuple[str, UnboundRule], ...] = tuple(
    (rule_id, getattr(PromotionJudge, name)) for rule_id, name in JUDGE_NAMES
)
_JUDGES_BARS_FIRST = tuple(sorted(_JUDGES, key=lambda j: BARS_FIRST.get(j[0], len(BARS_FIRST))))


@functools.lru_cache(maxsize=65536)
def in_force(
    book: Rules, day: date, kind: str, bars_first: bool, findings_only: bool
) -> tuple[tuple[Rule, UnboundRule], ...]:
    """The promotion rules in force on a day that judge a promotion of `kind` (`KINDS_JUDGED`), each with its judge,
    in the order `outcomes` asks them (one look-up per day and kind instead of one per rule: cached per rules
    object); `findings_only`: the enforced alone (asked for the findings alone, a rule not enforced, which makes
    none, is not judged: promotion.training by the bundled rules)."""
    judges = _JUDGES_BARS_FIRST if bars_first else _JUDGES
    found = ((rule_on(book, rule_id, day), rule_id, judge) for rule_id, judge in judges)
    return tuple(
        (rule, judge)
        for rule, rule_id, judge in found
        if rule is not None and KINDS_JUDGED[rule_id](rule.params, kind) and (enforced(rule) or not findings_only)
    )


POST_KIND = "post_appointment"
EVIDENCE_WITH_POSTS = (*EVIDENCE_KINDS, POST_KIND)
STATUS_KIND = "status_change"
RANK_KIND = "rank_promotion"
LEGAL_STATUS = "promotion.legal_status"
# Every kind `recorded_after` reads (of some, only some facts): none of them recorded since, nothing is late
LATE_KINDS = (*EVIDENCE_WITH_POSTS, RANK_KIND, STATUS_KIND)
# The promotion rules that read the post held on the TMT: a promotion of one of their kinds rests on it.
POST_READING_RULES = ("promotion.structural_range", "promotion.functional_range", "promotion.credit_points")


def recorded_after(
    final: CareerRecord, day: date, moment: Any, posts_until: date | None = None, statuses: tuple[str, ...] = ()
) -> list[Fact]:
    """Supporting facts effective on or before `day` but recorded at or after the decision (with `posts_until`,
    the definitive post appointments effective by then too: the posts the decision rests on; with `statuses`, the
    status changes to one of them too: the statuses that bar the promotion, `blocking_statuses`), and the rank
    promotions effective before `day`: the rank held before it, which time in rank, one step and a post's rank range
    read (one of `day` itself is the decision, or another of that day). A fact recorded before the decision but
    corrected after it is one too (merit view 44): the decision relied on what it said then."""
    kinds = (*(EVIDENCE_KINDS if posts_until is None else EVIDENCE_WITH_POSTS), RANK_KIND)
    late = final.recorded_after((*kinds, STATUS_KIND) if statuses else kinds, day, moment, corrected=True)
    return [
        f
        for f in late
        if (f.kind != POST_KIND or is_post_evidence(f, posts_until))
        and (f.kind != STATUS_KIND or f.get("status") in statuses)
        and (f.kind != RANK_KIND or f.effective_date < day)
    ]


def blocking_statuses(book: Rules, fact: Fact) -> tuple[str, ...]:
    """The statuses that bar a rank promotion `fact` (promotion.legal_status in force on its TMT, its kind not exempt):
    a change to one, effective by the TMT and recorded after the decision, is late evidence as a penalty is. None for
    a post appointment (no such rule judges it), a kind exempt (211) or a day the rule is not in force."""
    if fact.kind != "rank_promotion":
        return ()
    rule = rule_on(book, LEGAL_STATUS, fact.effective_date)
    if rule is None or fact.get("promotion_kind") in rule.params.get("exempt_kinds", []):
        return ()
    return tuple(rule.params.get("blocking_statuses", []))


def is_post_evidence(fact: Fact, until: date | None) -> bool:
    return until is not None and fact.get("assignment") == "DEFINITIVE" and fact.effective_date <= until


def posts_rested_on(book: Rules, fact: Fact) -> date | None:
    """The last effective day of the definitive posts a decision rests on: for a post appointment the day before
    its TMT (the posts held before it: the post below, the JPT tenure, the ladder; one of the same day is a
    decision of its own), for a promotion of a kind a rule reading the post held on its TMT judges (201, 202) its
    TMT; None for any other."""
    day = fact.effective_date
    if fact.kind == POST_KIND:
        return day - timedelta(days=1)
    kind = fact.get("promotion_kind")
    reads = _reads_post(book, kind, day) if type(kind) is str else _reads_post.__wrapped__(book, kind, day)
    return day if reads else None


@functools.lru_cache(maxsize=65536)
def _reads_post(book: Rules, kind: Any, day: date) -> bool:
    """Whether a rule reading the post held on `day` judges a promotion of `kind` then (cached per rules object)."""
    return any(kind in param_on(book, rule_id, day, "kinds", []) for rule_id in POST_READING_RULES)
