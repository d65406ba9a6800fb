"""An independent reading of docs/rules.md over generated commands, to test the demo.

It sees only what a store would hold (each command's payload and recorded time) and judges
every decision by the facts recorded before it, the way docs/rules.md describes the merit
audit. The demo's tests compare what fires here with the irregularities the generator lists.
It shares no code with the generator's own rule checks (careerlog.demo.merit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.ages import months_last_day
from careerlog.application import Command
from careerlog.domain.unit import unit_of
from careerlog.reference import reference, rules

EVIDENCE = ("performance_rating", "training", "education", "exam", "confirmation", "penalty")


@dataclass
class Fact:
    version: int
    kind: str
    eff: date
    values: dict[str, Any]
    recorded: datetime


@dataclass
class Record:
    """One employee's commands in recording order."""

    nip: str
    facts: list[Fact] = field(default_factory=list)
    fixes: list[Fact] = field(default_factory=list)  # corrections and retractions
    sorted_facts: list[Fact] | None = None

    def by_date(self) -> list[Fact]:
        if self.sorted_facts is None:
            self.sorted_facts = sorted(self.facts, key=lambda f: (f.eff, f.version))
        return self.sorted_facts

    def known(self, before: datetime) -> list[Fact]:
        """Facts recorded before a moment, with the corrections and retractions recorded before it."""
        if not any(fix.recorded < before for fix in self.fixes):
            return [f for f in self.by_date() if f.recorded < before]
        facts = {
            f.version: Fact(f.version, f.kind, f.eff, dict(f.values), f.recorded)
            for f in self.facts
            if f.recorded < before
        }
        for fix in self.fixes:
            if fix.recorded >= before or fix.values["target_version"] not in facts:
                continue
            if fix.kind == "retraction":
                del facts[fix.values["target_version"]]
            else:
                target = facts[fix.values["target_version"]]
                target.values.update(fix.values["corrected_fields"])
        return sorted(facts.values(), key=lambda f: (f.eff, f.version))


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def records(commands: Iterable[Command]) -> tuple[dict[str, Record], list[Command]]:
    people: dict[str, Record] = {}
    units: list[Command] = []
    for command in commands:
        if command.subject.startswith("UNIT:"):
            units.append(command)
            continue
        record = people.setdefault(command.subject, Record(command.subject))
        version = len(record.facts) + len(record.fixes) + 1
        assert command.migration is not None
        fact = Fact(
            version,
            command.kind,
            _date(command.payload["effective_date"]),
            dict(command.payload),
            command.migration.recorded_at,
        )
        (record.fixes if command.kind in ("correction", "retraction") else record.facts).append(fact)
    return people, units


class View:
    """An employee's state at a date, from the facts known at some moment."""

    def __init__(self, facts: list[Fact]):
        self.facts = facts
        self.appointment = next(f for f in facts if f.kind == "appointment")

    def of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def rank_at(self, day: date) -> tuple[str, date]:
        rank, since = self.appointment.values["rank"], self.appointment.eff
        for f in self.of("rank_promotion"):
            if f.eff < day:
                rank, since = f.values["new_rank"], f.eff
        return rank, since

    def education_at(self, day: date) -> str:
        ref = reference()
        best = self.appointment.values["education"]
        for f in self.of("education"):
            if f.eff <= day and ref.education[f.values["level"]]["order"] > ref.education[best]["order"]:
                best = f.values["level"]
        return str(best)

    def unit_at(self, day: date) -> tuple[str, str]:
        place = (self.appointment.values["agency"], self.appointment.values["unit"])
        for f in self.of("placement"):
            if f.eff <= day:
                place = (f.values["agency"], f.values["unit"])
        return place

    def rating(self, year: int) -> str | None:
        found = [f for f in self.of("performance_rating") if f.values["year"] == year]
        return str(found[-1].values["predicate"]) if found else None

    def definitive_posts(self) -> list[Fact]:
        return [f for f in self.of("post_appointment") if f.values["assignment"] == "DEFINITIVE"]


def score(predicate: str | None) -> int:
    """A predicate of any scheme scored as the rules compare it (its common-order predicate's score)."""
    return 0 if predicate is None else reference().predicate_score(predicate)


def param(rule_id: str, day: date, name: str, default: Any = None) -> Any:
    return rules().param(rule_id, day, name, default)


def promotion_rules(view: View, decision: Fact) -> set[str]:
    """The promotion rules a rank promotion breaks, by the facts known before it."""
    ref = reference()
    day, kind, new = decision.eff, decision.values["promotion_kind"], decision.values["new_rank"]
    fired: set[str] = set()
    rank, since = view.rank_at(day)
    index = ref.rank_index
    years = param("promotion.time_in_rank", day, "years", {}).get(kind)
    if years is not None and since + relativedelta(years=int(years)) > day:
        fired.add("promotion.time_in_rank")
    rated = param("promotion.performance", day, "years", {}).get(kind)
    minimum = score(param("promotion.performance", day, "min_predicate", None))
    if rated is not None and any(score(view.rating(day.year - n)) < minimum for n in range(1, int(rated) + 1)):
        fired.add("promotion.performance")
    ceiling = ref.education[view.education_at(day)]["ceiling"]
    if kind in param("promotion.education_ceiling", day, "kinds", []) and index(new) > index(ceiling):
        fired.add("promotion.education_ceiling")
    if rules().in_force("promotion.dates", day) and not permitted(day, kind):
        fired.add("promotion.dates")
    if rules().in_force("promotion.service_exam", day) and kind not in param(
        "promotion.service_exam", day, "exempt_kinds", ["211", "212"]
    ):
        exams = param("promotion.service_exam", day, "exams", {})
        crossing = kind in param("promotion.service_exam", day, "crossing_kinds", ["101", "201"])
        needed = [code for target, code in exams.items() if crossing and index(rank) < index(target) <= index(new)]
        if kind == param("promotion.service_exam", day, "degree_kind"):
            needed.append(param("promotion.service_exam", day, "degree_exam"))
        passed = {f.values["exam"] for f in view.of("exam") if f.eff <= day}
        if any(code not in passed and not exam_exempt(view, code, day) for code in needed):
            fired.add("promotion.service_exam")
    if (
        rules().in_force("promotion.penalty", day)
        and kind not in param("promotion.penalty", day, "exempt_kinds", ["211"])
        and blocked(view, day)
    ):
        fired.add("promotion.penalty")
    if kind in param("promotion.regular_without_post", day, "kinds", []):
        held = definitive_post(view, day)
        if held is not None and held.values["post_kind"] in param(
            "promotion.regular_without_post", day, "post_kinds", []
        ):
            fired.add("promotion.regular_without_post")
    exempt = param("promotion.no_probation", day, "exempt_kinds", [])
    if kind not in exempt and not any(f.eff <= day for f in view.of("confirmation")):
        fired.add("promotion.no_probation")
    if kind in param("promotion.structural_range", day, "kinds", []):
        held = held_post(view, day)
        top = ref.post_kinds[held.values["post_kind"]].get("max_rank") if held else None
        if top is None or index(new) > index(top):
            fired.add("promotion.structural_range")
    if kind in param("promotion.functional_range", day, "kinds", []):
        held = held_post(view, day, functional=True)
        held_level = str(held.values.get("level")) if held else ""
        levels = ref.functional_levels
        if held_level in levels and index(new) > index(levels[held_level]["max_rank"]):
            fired.add("promotion.functional_range")
    steps = param("promotion.one_step", day, "steps", {}).get(kind)
    if steps is not None and index(new) > index(rank) + int(steps):
        fired.add("promotion.one_step")
    if kind in param("promotion.degree_rank", day, "kinds", []) and not degree_allows(view, day, new):
        fired.add("promotion.degree_rank")
    if rules().in_force("promotion.credit_points", day) and kind in param("promotion.credit_points", day, "kinds", []):
        held = held_post(view, day, functional=True)
        level = held.values.get("level") if held else None
        if level is None or credit(view, day, since, level) < ref.functional_levels[level]["credit_per_step"]:
            fired.add("promotion.credit_points")
    return {r for r in fired if rules().in_force(r, day)}


def degree_allows(view: View, day: date, new: str) -> bool:
    """promotion.degree_rank: a degree (an education fact, not the entry education) obtained by `day` whose starting
    rank, of the highest one, is not below `new`."""
    ref = reference()
    held = [f.values["level"] for f in view.of("education") if f.eff <= day]
    if not held:
        return False
    best = max(held, key=lambda level: ref.education[level]["order"])
    return ref.rank_index(new) <= ref.rank_index(ref.education[best]["start"])


def permitted(day: date, kind: str) -> bool:
    if kind in param("promotion.dates", day, "exempt_kinds", []):
        return True
    return day.day == param("promotion.dates", day, "day") and day.month in param("promotion.dates", day, "months")


def blocked(view: View, day: date) -> bool:
    levels = param("promotion.penalty", day, "blocking_levels", [])
    extra = param("promotion.penalty", day, "extra_months", {})
    for f in view.of("penalty"):
        if f.values["level"] not in levels or f.eff > day:
            continue
        months = reference().penalty_kinds[f.values["penalty_kind"]].get("months")
        end = _date(f.values["end_date"]) if f.values.get("end_date") else (
            months_last_day(f.eff, months) if months else None
        )  # fmt: skip
        months = int(extra.get(f.values["level"], 0))
        if end is None or day <= (months_last_day(end + timedelta(days=1), months) if months else end):
            return True  # (a penalty of no end known stands)
    return False


def definitive_post(view: View, day: date) -> Fact | None:
    """The definitive post taken up last on or before a day."""
    held = None
    for f in view.definitive_posts():
        if f.eff <= day:
            held = f
    return held


def held_post(view: View, day: date, functional: bool = False) -> Fact | None:
    held = definitive_post(view, day)
    if held is None:
        return None
    managerial = reference().post_kinds[held.values["post_kind"]].get("managerial")
    wanted = held.values["post_kind"] == "FUNGSIONAL" if functional else managerial
    return held if wanted else None


def credit(view: View, day: date, since: date, level: str) -> float:
    """promotion.credit_points' credit: each rated year from the rank's TMT year to the year before `day` in which a
    definitive functional post was held (for part of the year at least) earns predicate factor x the coefficient of
    the level held last in the year, as the same share of a step of `level`; the other years earn none."""
    levels = reference().functional_levels
    needed = float(levels[level]["credit_per_step"])
    spells = functional_spells(view)
    total = 0.0
    for year in range(since.year, day.year):
        first, after = date(year, 1, 1), date(year + 1, 1, 1)
        held = [lv for start, end, lv in spells if start < after and (end is None or end > first)]
        predicate = view.rating(year)
        if held and predicate is not None:
            at = levels[held[-1]]
            total += (
                reference().credit_factor(predicate) * float(at["coefficient"]) * needed / float(at["credit_per_step"])
            )
    return total


def functional_spells(view: View) -> list[tuple[date, date | None, str]]:
    """(start, end exclusive or None, level) of each definitive functional post: held until the next definitive post
    taken up after it, or the post_end naming it."""
    posts = sorted(view.definitive_posts(), key=lambda f: f.eff)
    ends = {f.values["appointment_reference"]: f.eff for f in view.of("post_end")}
    spells: list[tuple[date, date | None, str]] = []
    for post in posts:
        if post.values["post_kind"] != "FUNGSIONAL" or post.values.get("level") not in reference().functional_levels:
            continue
        ends_at = [f.eff for f in posts if f.eff > post.eff][:1]
        if post.values["reference"] in ends:
            ends_at.append(ends[post.values["reference"]])
        spells.append((post.eff, min(ends_at, default=None), str(post.values["level"])))
    return spells


def ladder_move(view: View, decision: Fact, rank: str) -> bool:
    """An appointment to the next level of a functional ladder from the top rank of the level held before it."""
    levels, level = reference().functional_levels, str(decision.values.get("level"))
    before = max((f for f in view.definitive_posts() if f.eff < decision.eff), key=lambda f: f.eff, default=None)
    if before is None or decision.values["post_kind"] != "FUNGSIONAL" or before.values["post_kind"] != "FUNGSIONAL":
        return False
    held = str(before.values.get("level"))
    if held not in levels or rank != levels[held]["max_rank"]:
        return False
    following = levels.codes[levels.codes.index(held) + 1 :][:1]
    return following == [level] and levels[level]["min_rank"] == next_rank_of(rank)


def next_rank_of(rank: str) -> str | None:
    codes = reference().ranks.codes
    at = codes.index(rank) + 1
    return codes[at] if at < len(codes) else None


def post_rules(view: View, decision: Fact) -> set[str]:
    """The post rules a definitive post appointment breaks, by the facts known before it."""
    ref = reference()
    day, values = decision.eff, decision.values
    kind = values["post_kind"]
    spec = ref.post_kinds[kind]
    fired: set[str] = set()
    rank, _ = view.rank_at(day)
    bounds = (spec.get("min_rank"), spec.get("max_rank"))
    if kind == "FUNGSIONAL" and values.get("level"):
        level = ref.functional_levels[values["level"]]
        bounds = (level["min_rank"], level["max_rank"])
    if rank in ref.pppk_grades:  # a PPPK grade: no rank range applies (docs/rules.md post.rank_range)
        bounds = (None, None)
    within = not bounds[0] or ref.rank_index(bounds[0]) <= ref.rank_index(rank) <= ref.rank_index(bounds[1])
    if not within and not ladder_move(view, decision, rank):
        fired.add("post.rank_range")
    if spec.get("managerial"):
        fired |= managerial_rules(view, decision)
    if replaced_early(view, decision):
        fired.add("post.jpt_tenure")
    return {r for r in fired if rules().in_force(r, day)}


def replaced_early(view: View, decision: Fact) -> bool:
    """A JPT holder given another post (not a higher one) within the years after the JPT appointment."""
    day = decision.eff
    before = [f for f in view.definitive_posts() if f.eff < day and f.version != decision.version]
    if not before or before[-1].values["post_kind"] not in param("post.jpt_tenure", day, "kinds", []):
        return False
    order = reference().post_kinds
    held = before[-1].values["post_kind"]
    if order[decision.values["post_kind"]].get("order", 0) > order[held].get("order", 0):
        return False
    return before[-1].eff + relativedelta(years=int(param("post.jpt_tenure", day, "years", 2))) > day


def managerial_rules(view: View, decision: Fact) -> set[str]:
    ref = reference()
    day, kind = decision.eff, decision.values["post_kind"]
    fired: set[str] = set()
    minimum = param("post.education", day, "min_level", {}).get(kind)
    if minimum and ref.education[view.education_at(day)]["order"] < ref.education[minimum]["order"]:
        fired.add("post.education")
    years = param("post.experience", day, "years", {}).get(kind)
    if years and view.appointment.eff + relativedelta(years=int(years)) > day:
        fired.add("post.experience")
    below = param("post.post_below", day, "below", {}).get(kind)
    if below and time_below(view, decision, below) < relativedelta_days(
        day, int(param("post.post_below", day, "years", {})[kind])
    ):
        fired.add("post.post_below")
    age = param("post.max_age", day, "years", {}).get(kind)
    birth = _date(view.appointment.values["birth_date"])
    if age and relativedelta(day, birth).years > int(age):
        fired.add("post.max_age")
    rated = param("post.performance", day, "years", {}).get(kind)
    minimum_score = score(param("post.performance", day, "min_predicate", None))
    if rated and any(score(view.rating(day.year - n)) < minimum_score for n in range(1, int(rated) + 1)):
        fired.add("post.performance")
    training = ref.post_kinds[kind]["leadership_training"]
    grace = int(param("post.leadership_training", day, "grace_months", 0))
    if not any(
        f.values["training_kind"] == training and f.eff <= day + relativedelta(months=grace)
        for f in view.of("training")
    ):
        fired.add("post.leadership_training")
    if kind in param("post.open_selection", day, "kinds", []) and decision.values.get("selection") not in param(
        "post.open_selection", day, "allowed", []
    ):
        fired.add("post.open_selection")
    return fired


def relativedelta_days(day: date, years: int) -> int:
    return (day - (day - relativedelta(years=years))).days


def time_below(view: View, decision: Fact, below: list[str]) -> int:
    posts = [f for f in view.definitive_posts() if f.version != decision.version]
    total = 0
    for i, post in enumerate(posts):
        if post.eff >= decision.eff:
            continue
        kind, level = post.values["post_kind"], post.values.get("level")
        if not any(spec == kind or spec == f"{kind}:{level}" for spec in below):
            continue
        end = posts[i + 1].eff if i + 1 < len(posts) and posts[i + 1].eff < decision.eff else decision.eff
        total += (end - post.eff).days
    return total


def late_evidence(record: Record, decision: Fact) -> bool:
    until = posts_rested_on(decision)
    return any(
        (f.kind in EVIDENCE or (f.kind == "post_appointment" and until is not None and f.eff <= until
                                and f.values.get("assignment") == "DEFINITIVE"))
        and f.eff <= decision.eff
        and f.recorded > decision.recorded
        for f in record.facts
    )  # fmt: skip


def posts_rested_on(decision: Fact) -> date | None:
    """The last day of the definitive posts a decision rests on: the day before an appointment, the TMT of a
    promotion of a kind judged by a rule that reads the post held (201, 202); None for the others."""
    if decision.kind == "post_appointment":
        return decision.eff - timedelta(days=1)
    rules_reading = ("promotion.structural_range", "promotion.functional_range", "promotion.credit_points")
    kind = decision.values.get("promotion_kind")
    return decision.eff if any(kind in param(r, decision.eff, "kinds", []) for r in rules_reading) else None


@dataclass
class Findings:
    """What fires: per decision (nip, reference), per unit-year, per agency round.

    `rounds` tallies the regular (101) pool only, as the fairness statistics do. A definitive post holder eligible
    for a 201 or 202 (choice promotions: the demo gives them on its own schedule, e.g. a 202 after 4 years in rank
    before 2023, often a round or more after the rules first allow one) is not tallied: a wait for a choice promotion
    is no rule's finding and such holders are outside the fairness pool. Where a wait does bear on the audit, a
    colleague's 202 passing over a clearly stronger fellow functional holder waiting for their own 202, `decisions`
    has it (`passed_over` pools a 202's colleagues by `eligible_functional`) and the demo's tests compare it with the
    listing."""

    decisions: dict[tuple[str, str], set[str]]
    unit_years: set[tuple[str, str, int]]
    rounds: dict[tuple[str, date], dict[str, tuple[int, int]]]  # agency, TMT -> sex -> (promoted, eligible)


def check(commands: Iterable[Command]) -> Findings:
    people, units = records(commands)
    decisions: dict[tuple[str, str], set[str]] = {}
    promotions_on: dict[date, list[tuple[Record, Fact]]] = defaultdict(list)
    for record in people.values():
        for decision in record.facts:
            if decision.kind == "rank_promotion":
                view = View(record.known(decision.recorded))
                fired = promotion_rules(view, decision)
                promotions_on[decision.eff].append((record, decision))
            elif decision.kind == "post_appointment" and decision.values["assignment"] == "DEFINITIVE":
                view = View(record.known(decision.recorded))
                fired = post_rules(view, decision)
            else:
                continue
            if late_evidence(record, decision):
                fired.add("evidence.recorded_after")
            decisions[(record.nip, decision.values["reference"])] = fired
    rounds = passed_over(people, promotions_on, decisions)
    return Findings(decisions, distribution(people, units), rounds)


def eligible(view: View, day: date) -> tuple[str, date, tuple[str, str]] | None:
    """(rank, since, (agency, unit)) if eligible for a regular (101) promotion on a day, else None."""
    if view.appointment.values["employment_kind"] != "PNS" or view.appointment.eff >= day:
        return None
    if not rules().in_force("promotion.time_in_rank", day):
        return None  # before the promotion rules, nobody is judged eligible or not
    if any(f.values["status"] in reference().separation_statuses() and f.eff < day for f in view.of("status_change")):
        return None
    rank, since = view.rank_at(day)
    index = reference().rank_index(rank)
    if index + 1 >= len(reference().ranks):
        return None
    new = reference().ranks.codes[index + 1]
    probe = Fact(0, "rank_promotion", day, {"promotion_kind": "101", "new_rank": new}, datetime.max)
    if promotion_rules(view, probe):
        return None
    return rank, since, view.unit_at(day)


def eligible_functional(view: View, day: date) -> tuple[str, date, tuple[str, str]] | None:
    """(rank, since, (agency, unit)) if eligible on a day for a 202 to the next rank, holding a definitive functional
    post, else None: the pool of a functional-post (202) promotion, the colleagues who could have had that 202
    (docs/rules.md merit.passed_over; until 2026-12-07 any kind open to them, 101, 201 or 203 too)."""
    if view.appointment.values["employment_kind"] != "PNS" or view.appointment.eff >= day:
        return None
    if not rules().in_force("promotion.time_in_rank", day):
        return None
    if any(f.values["status"] in reference().separation_statuses() and f.eff < day for f in view.of("status_change")):
        return None
    ref = reference()
    rank, since = view.rank_at(day)
    index = ref.rank_index(rank)
    held = definitive_post(view, day)
    if held is None or held.values["post_kind"] != "FUNGSIONAL" or index + 1 >= len(ref.ranks):
        return None
    probe = Fact(
        0, "rank_promotion", day, {"promotion_kind": "202", "new_rank": ref.ranks.codes[index + 1]}, datetime.max
    )
    if promotion_rules(view, probe):
        return None
    return rank, since, view.unit_at(day)


# A functional post's title's level words ("Perawat Ahli Muda"): the post is the title without them, as the audit reads
# it (projections.merit.passed_over.functional_post, which careerlog may not import)
LEVEL_WORDS = frozenset(("ahli", "pertama", "muda", "madya", "utama", "pemula", "terampil", "mahir", "penyelia"))


def definitive_post_held(view: View, day: date) -> Fact | None:
    """The definitive post held on a day, as the audit's CareerRecord.definitive_post_on reads it: the last taken up
    on or before it that has not ended by then (at the next definitive post taken up after it, at the post_end naming
    it, or at a separation). `definitive_post` (the last taken up) ignores the ends."""
    posts = view.definitive_posts()
    ends = {f.values["appointment_reference"]: f.eff for f in view.of("post_end")}
    separating = reference().separation_statuses()
    separated = [f.eff for f in view.of("status_change") if f.values["status"] in separating][:1]
    held = None
    for post in posts:
        later = [f.eff for f in posts if f.eff > post.eff][:1]
        named = [ends[post.values["reference"]]] if post.values["reference"] in ends else []
        end = min([*later, *named], default=None) or (separated[0] if separated else None)
        if post.eff <= day and (end is None or day < end):
            held = post
    return held


def functional_post_of(view: View, day: date) -> str | None:
    """The functional post (its title without level words, in lower case) of the definitive functional post held on
    a day (`definitive_post_held`: until 2026-12-07 the last taken up, ended or not, which the audit's same_post does
    not read), None when none is held: a 202's pool is its appointee's fellow holders of the same functional post (a
    Perawat's 202 does not pass over a Dokter due a 202 of their own: docs/rules.md merit.passed_over)."""
    held = definitive_post_held(view, day)
    if held is None or held.values["post_kind"] != "FUNGSIONAL":
        return None
    words = [w for w in str(held.values.get("title") or "").lower().split() if w not in LEVEL_WORDS]
    return " ".join(words) or None


def measures(view: View, day: date, since: date) -> tuple[float, int, int, int]:
    years = int(param("merit.passed_over", day, "performance_years", 2))
    scores = [score(view.rating(day.year - n)) for n in range(1, years + 1) if view.rating(day.year - n)]
    training_years = int(param("merit.passed_over", day, "training_years", 2))
    hours = sum(
        int(f.values["hours"]) for f in view.of("training") if day.year - training_years <= f.eff.year < day.year
    )
    order = int(reference().education[view.education_at(day)]["order"])
    return (sum(scores) / len(scores) if scores else 0.0, hours, (day - since).days, order)


def stronger(a: tuple[float, int, int, int], b: tuple[float, int, int, int], min_better: int) -> bool:
    if any(x < y for x, y in zip(a, b, strict=True)):
        return False
    return sum(x > y for x, y in zip(a, b, strict=True)) >= min_better and a[0] > b[0]


def passed_over(
    people: dict[str, Record],
    promotions_on: dict[date, list[tuple[Record, Fact]]],
    decisions: dict[tuple[str, str], set[str]],
) -> dict[tuple[str, date], dict[str, tuple[int, int]]]:
    rounds: dict[tuple[str, date], dict[str, tuple[int, int]]] = {}
    for day, promoted in promotions_on.items():
        promoted_nips = {r.nip for r, _ in promoted}
        judged = [(r, d) for r, d in promoted if d.values["promotion_kind"] in ("101", "202")]
        if not judged:
            continue
        moment = max(d.recorded for _, d in judged)
        choice = any(d.values["promotion_kind"] == "202" for _, d in judged)  # its pool: fellow 202s (below)
        pool, fellows = {}, {}
        for record in people.values():
            if record.facts[0].recorded >= moment or record.facts[0].eff >= day:
                continue
            view = View(record.known(moment))
            found = eligible(view, day)
            if found is not None:
                pool[record.nip] = (view, found)
            fellow = eligible_functional(view, day) if choice else None
            if fellow is not None:
                fellows[record.nip] = (view, fellow)
        tally(rounds, day, pool, promoted_nips, people)
        for record, decision in judged:
            view = View(record.known(decision.recorded))
            rank, since = view.rank_at(day)
            unit = view.unit_at(day)
            mine = measures(view, day, since)
            # a 101's colleagues eligible for a 101; a 202's for a 202 of their own, holding the same functional
            # post as the appointee (docs/rules.md; as the audit's same_post: its post on the day, else on its TMT)
            judging = eligible if decision.values["promotion_kind"] == "101" else eligible_functional
            post = (
                None if judging is eligible else functional_post_of(view, day) or functional_post_of(view, decision.eff)
            )
            for nip, (_, (o_rank, o_since, o_unit)) in (pool if judging is eligible else fellows).items():
                if nip in promoted_nips or o_rank != rank or o_unit != unit:
                    continue
                if people[nip].facts[0].recorded >= decision.recorded:
                    continue
                other_view = View(people[nip].known(decision.recorded))
                if judging(other_view, day) is None:
                    continue
                if post is not None and functional_post_of(other_view, day) != post:
                    continue  # (a fellow holder of another functional post: another track)
                theirs = measures(other_view, day, o_since)
                if stronger(theirs, mine, int(param("merit.passed_over", day, "min_better", 2))):
                    decisions[(record.nip, decision.values["reference"])].add("merit.passed_over")
    return rounds


def tally(
    rounds: dict[tuple[str, date], dict[str, tuple[int, int]]],
    day: date,
    pool: dict[str, tuple[View, tuple[str, date, tuple[str, str]]]],
    promoted: set[str],
    people: dict[str, Record],
) -> None:
    for nip, (view, _) in pool.items():
        agency = view.unit_at(day)[0]
        cell = rounds.setdefault((agency, day), {})
        sex = str(view.appointment.values["sex"])
        done, total = cell.get(sex, (0, 0))
        cell[sex] = (done + (nip in promoted), total + 1)


def distribution(people: dict[str, Record], units: list[Command]) -> set[tuple[str, str, int]]:
    """Unit-years whose staff ratings exceed the unit's caps (skp.distribution)."""
    staff: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for record in people.values():
        view = View(record.facts)
        for fact in view.of("performance_rating"):
            year = int(fact.values["year"])
            agency, unit = view.unit_at(date(year, 12, 31))
            staff[(agency, unit, year)].append(str(fact.values["predicate"]))
    found = set()
    for command in units:
        agency, unit = unit_of(command.subject)
        year = int(command.payload["year"])
        day = date(year, 12, 31)
        if not rules().in_force("skp.distribution", day):
            continue
        rated = staff.get((agency, unit, year), [])
        if len(rated) < int(param("skp.distribution", day, "min_staff", 5)):
            continue
        caps = param("skp.distribution", day, "max_share", {})[command.payload["predicate"]]
        if any(rated.count(p) / len(rated) > share for p, share in caps.items()):
            found.add((agency, unit, year))
    return found


def exam_exempt(view: View, code: str, day: date) -> bool:
    """Whether promotion.service_exam exempts a crossing's exam on `day`: the education held then at least the level
    its `exempt_education` names for the exam, or a leadership training its `exempt_training` lists ended by then."""
    ref = reference()
    minimum = param("promotion.service_exam", day, "exempt_education", {}).get(code)
    order = ref.education[view.education_at(day)]["order"]
    if minimum is not None and minimum in ref.education and order >= ref.education[minimum]["order"]:
        return True
    kinds = param("promotion.service_exam", day, "exempt_training", {}).get(code, ())
    return any(f.values.get("training_kind") in kinds for f in view.of("training") if f.eff <= day)
