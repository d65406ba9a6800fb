"""The post rules of docs/rules.md judged for one definitive post appointment.

`PostJudge(record)` judges an appointment against a record (the audit passes the record as
known before the decision was recorded). Every rule is data-driven from rules.toml (the
version in force on the appointment's TMT) and returns met / missing with the facts it
relied on, like the promotion rules (projections/merit/rules.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from dateutil.relativedelta import relativedelta

from careerlog.ages import whole_years
from careerlog.domain.wording import Template
from careerlog.reference import Reference, Rule, Rules, reference, rules
from projections.career import CareerRecord, Fact, PostSpell, predicate_score
from projections.merit.eligibility import next_level
from projections.merit.rules import Check, Judge, enforced, rank_index, rating_facts, ratings_short, rule_on

# The wording of the post rules' outcomes (translated on the pages: web/pages/messages.py).
RANK_RANGE = Template("rank {rank}; the post's range is {low} to {high}")
EDUCATION = Template("education {level}; at least {minimum} needed")
EXPERIENCE = Template("in service since {start}; {years} y needed, reached on {due}", ("start", "due"), (), ("years",))
POST_BELOW = Template(
    "{days} days in {below} by {day}; {years} y ({needed} days) needed",
    ("day",),
    (),
    ("days", "years", "needed"),
    ("below",),
    (("below", "post_kinds"),),  # each post kind of the alternatives named on the pages
)
MAX_AGE = Template("age {age} on {day}; at most {limit}", ("day",), (), ("age", "limit"))
MET = Template("met")
TRAINING_DONE = Template("{training} completed on {day}", ("day",))
NO_TRAINING = Template("no {training} completed by {by}", ("by",))
OPEN_SELECTION = Template(
    "selection {selection}; allowed: {allowed}",
    codes=(("selection", "selection_kinds"), ("allowed", "selection_kinds")),
)
CREDIT = Template(
    "credit {total:g} in {level} since {year}; {needed:g} needed for {target}", (), (), ("total", "needed")
)
JPT_TENURE = Template(
    "{post_kind} held since {since}; not to be replaced before {due}",
    ("since", "due"),
    codes=(("post_kind", "post_kinds"),),
)

DEFINITIVE = "DEFINITIVE"
# The post rules in the order they are shown, each with the PostJudge method judging it: the first for every
# definitive post, the others for a managerial one too.
JUDGE_NAMES = (
    ("post.rank_range", "_rank_range"),
    ("post.credit_points", "_credit_points"),
    ("post.jpt_tenure", "_jpt_tenure"),
)
MANAGERIAL_JUDGE_NAMES = (
    ("post.education", "_education"),
    ("post.experience", "_experience"),
    ("post.post_below", "_post_below"),
    ("post.max_age", "_max_age"),
    ("post.performance", "_performance"),
    ("post.leadership_training", "_leadership_training"),
    ("post.open_selection", "_open_selection"),
)


def is_judged_post(fact: Fact) -> bool:
    """Only definitive appointments are decisions (Plt, Plh and Pj are temporary)."""
    return fact.kind == "post_appointment" and fact.get("assignment") == DEFINITIVE


def rank_taking_post(record: CareerRecord, day: date) -> tuple[str, date, Fact] | None:
    """The rank held on taking a post on `day`: the rank held the day before, or, for a post of the appointment's own
    day (a CPNS's first post: the appointment and its first post take effect together), the rank the appointment
    gives. A promotion of the same day does not count: it is a decision of its own (a 201 rests on the post)."""
    held = record.rank_before(day)
    if held is None and (given := record.rank_on(day)) is not None and given[2].kind == "appointment":
        return given
    return held


def matches(spec: str, spell: PostSpell) -> bool:
    """A post spec of rules.toml: a post kind, or `FUNGSIONAL:LEVEL`."""
    kind, _, level = spec.partition(":")
    return spell.post_kind == kind and (not level or spell.level == level)


def years_in_days(day: date, years: int) -> int:
    """The days of the `years` calendar years before `day` (a leap day counts)."""
    return (day - (day - relativedelta(years=years))).days


@functools.lru_cache(maxsize=1024)
def managerial_kind(ref: Reference, post_kind: str) -> bool:
    """Whether the reference makes `post_kind` managerial (cached per reference object: a post's audit asks some
    three times per appointment)."""
    return bool(ref.post_kinds[post_kind].get("managerial"))


class PostJudge(Judge):
    """Judges definitive post appointments of one record."""

    def __init__(self, record: CareerRecord, book: Rules | None = None):
        self.record = record
        self.ref = reference()
        self.rules = rules() if book is None else book  # `book`: the rules the caller read

    def managerial(self, post_kind: str) -> bool:
        return managerial_kind(self.ref, post_kind)

    def checks(self, fact: Fact) -> list[Check]:
        """Every post rule in force on the appointment's TMT that applies to its post."""
        managerial = self.managerial(str(fact.get("post_kind")))
        out = []
        for rule, judge in in_force(self.rules, fact.effective_date, managerial, self._findings_only):
            result = judge(self, rule, fact)
            if result is not None:
                out.append(result)
        return out

    def findings(self, fact: Fact) -> list[Check]:
        """The findings among `checks(fact)`, in the same order, judged without making the outcomes met (`outcome`) nor
        judging the rules not enforced."""
        self._findings_only = True
        try:
            return [c for c in self.checks(fact) if c.finding]
        finally:
            self._findings_only = False

    def previous_post(self, fact: Fact) -> PostSpell | None:
        """The definitive post held the day before the appointment (other than the appointment's own)."""
        day = fact.effective_date
        held = [
            s
            for s in self.record.posts
            if s.assignment == DEFINITIVE and s.fact.version != fact.version and s.start < day
            and (s.end is None or s.end >= day)
        ]  # fmt: skip
        return held[-1] if held else None

    def rank_bounds(self, fact: Fact) -> tuple[str | None, str | None]:
        kind, level = str(fact.get("post_kind")), fact.get("level")
        spec = self.ref.post_kinds[kind]
        if kind == "FUNGSIONAL" and level in self.ref.functional_levels:
            spec = self.ref.functional_levels[level]
        return spec.get("min_rank"), spec.get("max_rank")

    def _rank_range(self, rule: Rule, fact: Fact) -> Check | None:
        low, high = self.rank_bounds(fact)
        held = rank_taking_post(self.record, fact.effective_date)
        if low is None or high is None or held is None or held[0] not in self.ref.ranks:
            return None  # no range (pelaksana), or a PPPK grade: no eselon range applies
        met = rank_index(self.ref, low) <= rank_index(self.ref, held[0]) <= rank_index(self.ref, high)
        below = None if met else self.ladder_move(fact, held[0])
        evidence = [held[2]] if below is None else [held[2], below.fact]
        return self.outcome(
            rule, met or below is not None, lambda: RANK_RANGE(rank=held[0], low=low, high=high), evidence
        )

    def ladder_move(self, fact: Fact, rank: str) -> PostSpell | None:
        """The functional post held the day before, when `fact` appoints to the next level of its ladder from the
        top rank of that level (kenaikan jenjang: the rank step into the new level, a 202, follows it), else None."""
        levels, level = self.ref.functional_levels, fact.get("level")
        before = self.previous_post(fact)
        if fact.get("post_kind") != "FUNGSIONAL" or before is None or before.post_kind != "FUNGSIONAL":
            return None
        held = before.level
        if held is None or held not in levels or level != next_level(self.ref, held):
            return None
        return before if str(levels[held]["max_rank"]) == rank else None

    def _education(self, rule: Rule, fact: Fact) -> Check | None:
        minimum = rule.params["min_level"].get(fact.get("post_kind"))
        day = fact.effective_date
        level = self.record.education_on(day)
        if minimum is None or level is None:
            return None
        order = self.ref.education
        met = int(order[level]["order"]) >= int(order[minimum]["order"])
        return self.outcome(
            rule, met, lambda: EDUCATION(level=level, minimum=minimum), self.record.education_facts(day)
        )

    def _experience(self, rule: Rule, fact: Fact) -> Check | None:
        years = rule.params["years"].get(fact.get("post_kind"))
        start = self.record.appointed_on
        if years is None or start is None or self.record.appointment is None:
            return None
        due = start + relativedelta(years=int(years))
        return self.outcome(
            rule,
            due <= fact.effective_date,
            lambda: EXPERIENCE(start=start, years=years, due=due),
            [self.record.appointment],
        )

    def _post_below(self, rule: Rule, fact: Fact) -> Check | None:
        kind, day = fact.get("post_kind"), fact.effective_date
        below, years = rule.params["below"].get(kind), rule.params["years"].get(kind)
        if not below or years is None:
            return None
        spells = [
            s
            for s in self.record.posts
            if s.assignment == DEFINITIVE and s.fact.version != fact.version and any(matches(b, s) for b in below)
        ]
        days = sum(s.days_until(day) for s in spells)
        needed = years_in_days(day, int(years))
        return self.outcome(
            rule,
            days >= needed,
            lambda: POST_BELOW(days=days, below=" or ".join(below), day=day, years=years, needed=needed),
            [s.fact for s in spells],
        )

    def _max_age(self, rule: Rule, fact: Fact) -> Check | None:
        limit = rule.params["years"].get(fact.get("post_kind"))
        birth = self.record.birth_date
        if limit is None or birth is None or self.record.appointment is None:
            return None
        age = whole_years(birth, fact.effective_date)
        return self.outcome(rule, age <= int(limit), lambda: MAX_AGE(age=age, day=fact.effective_date, limit=limit))

    def _performance(self, rule: Rule, fact: Fact) -> Check | None:
        years = rule.params["years"].get(fact.get("post_kind"))
        if years is None:
            return None
        minimum = predicate_score(self.ref, rule.params["min_predicate"])
        found = rating_facts(self.record, fact.effective_date, int(years))
        short = sorted(str(y) for y, f in found if f is None or predicate_score(self.ref, f.get("predicate")) < minimum)
        return self.outcome(
            rule,
            not short,
            lambda: (
                ratings_short(self.record, fact.effective_date, rule.params["min_predicate"], short) if short else MET()
            ),
            [f for _, f in found if f is not None],
        )

    def _leadership_training(self, rule: Rule, fact: Fact) -> Check | None:
        wanted = self.ref.post_kinds[fact.get("post_kind")].get("leadership_training")
        if not wanted:
            return None
        by = fact.effective_date + relativedelta(months=int(rule.params.get("grace_months", 0)))
        done = [t for t in self.record.trainings(until=by) if t.get("training_kind") == wanted]
        return self.outcome(
            rule,
            bool(done),
            lambda: (
                TRAINING_DONE(training=wanted, day=done[0].effective_date)
                if done
                else NO_TRAINING(training=wanted, by=by)
            ),
            done[:1],
        )

    def _open_selection(self, rule: Rule, fact: Fact) -> Check | None:
        if fact.get("post_kind") not in rule.params["kinds"]:
            return None
        selection = fact.get("selection")
        allowed = rule.params["allowed"]
        return self.outcome(
            rule, selection in allowed, lambda: OPEN_SELECTION(selection=selection, allowed=", ".join(allowed)), [fact]
        )

    def _credit_points(self, rule: Rule, fact: Fact) -> Check | None:
        """A move up to a higher functional level: the credit earned in the level held."""
        held = self.previous_post(fact)
        target = fact.get("level")
        if fact.get("post_kind") != "FUNGSIONAL" or held is None or held.post_kind != "FUNGSIONAL":
            return None
        ladder = next((list(lad) for lad in rule.params["ladders"] if held.level in lad), [])
        if target not in ladder or ladder.index(target) <= ladder.index(held.level):
            return None  # not a move up the same ladder
        level = self.ref.functional_levels[str(held.level)]
        years = range(held.start.year, fact.effective_date.year)
        used = [self.record.ratings[y] for y in years if y in self.record.ratings]
        factor = self.ref.credit_factor
        total = sum(factor(f.get("predicate")) * float(level["coefficient"]) for f in used)
        needed = float(level["credit_per_step"])
        return self.outcome(
            rule,
            total >= needed,
            lambda: CREDIT(total=total, level=held.level, year=held.start.year, needed=needed, target=target),
            [held.fact, *used],
        )

    def _jpt_tenure(self, rule: Rule, fact: Fact) -> Check | None:
        """Moving a JPT holder out of the post within the years after the appointment."""
        day = fact.effective_date
        held = self.previous_post(fact)
        if held is None or held.post_kind not in rule.params["kinds"]:
            return None
        order = self.ref.post_kinds
        if int(order[fact.get("post_kind")].get("order", 0)) > int(order[held.post_kind].get("order", 0)):
            return None  # a move up (by open selection) is not a replacement
        due = held.start + relativedelta(years=int(rule.params["years"]))
        return self.outcome(
            rule, due <= day, lambda: JPT_TENURE(post_kind=held.post_kind, since=held.start, due=due), [held.fact]
        )


# The judging methods as plain functions, called with the judge (as projections/merit/rules.py's `_JUDGES`).
PostRule = Callable[[PostJudge, Rule, Fact], "Check | None"]
_JUDGES: tuple[tuple[str, PostRule], ...] = tuple((rule_id, getattr(PostJudge, name)) for rule_id, name in JUDGE_NAMES)
_MANAGERIAL_JUDGES: tuple[tuple[str, PostRule], ...] = tuple(
    (rule_id, getattr(PostJudge, name)) for rule_id, name in MANAGERIAL_JUDGE_NAMES
)


@functools.lru_cache(maxsize=65536)
def in_force(book: Rules, day: date, managerial: bool, findings_only: bool) -> tuple[tuple[Rule, PostRule], ...]:
    """The post rules in force on a day for a post (`managerial`: the managerial post rules too), each with its judge,
    in the order they are shown (one look-up per day instead of one per rule: cached per rules object);
    `findings_only`: the enforced alone (asked for the findings alone, a rule not enforced finds none)."""
    judges = _JUDGES + _MANAGERIAL_JUDGES if managerial else _JUDGES
    found = ((rule_on(book, rule_id, day), judge) for rule_id, judge in judges)
    return tuple((rule, judge) for rule, judge in found if rule is not None and (enforced(rule) or not findings_only))
