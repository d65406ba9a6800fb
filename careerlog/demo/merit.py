"""The merit rules of docs/rules.md as the demo applies them to a person's dated histories.

Each check returns the ids of the rules a decision would break, so the generator can make
clean careers break none and injected irregularities break exactly the named ones. Rule
parameters come from careerlog.reference.rules(); before a rule came into force the demo
still follows its first version, so old careers look like recent ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from careerlog.ages import add_years, months_last_day, whole_years
from careerlog.demo.dates import add_months, current_rules, in_force, is_permitted, param
from careerlog.demo.model import (
    CREDIT_FACTOR,
    EDU_CEILING,
    EDU_ORDER,
    EDU_START,
    LEADERSHIP,
    RANGES,
    RANK_INDEX,
    SCORE,
    Person,
    Post,
)
from careerlog.reference import reference

FUNCTIONAL_LEVELS = frozenset(level.code for level in reference().functional_levels)
POST_ORDER: dict[str, int] = {k.code: int(k.get("order", 0)) for k in reference().post_kinds}
MANAGERIAL = frozenset(k.code for k in reference().post_kinds if k.get("managerial"))
JPT = ("JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA")
YEAR_DAYS = 366  # "at least N years" of summed post time, counted strictly


REGULAR_WITHOUT_POST = "promotion.regular_without_post"


def post_held(person: Person, day: date) -> Post | None:
    """The definitive post held on a day, one taken up on it included (as the audit reads a promotion's TMT)."""
    for post in reversed(person.posts):
        if post.assignment == "DEFINITIVE" and post.start <= day:
            return post
    return None


def min_score(rule_id: str, day: date) -> int:
    return SCORE[param(rule_id, day, "min_predicate", "BAIK")]


@dataclass(frozen=True)
class PromotionRules:
    """The promotion rule parameters in force on a day."""

    time_in_rank: dict[str, int]
    performance: dict[str, int]
    min_score: int
    ceiling_kinds: tuple[str, ...]
    dates_exempt: tuple[str, ...]
    exams: dict[str, str]
    degree_kind: str
    degree_exam: str
    exam_exempt: tuple[str, ...]
    blocking: tuple[str, ...]
    penalty_exempt: tuple[str, ...]
    extra_months: dict[str, int]
    structural_kinds: tuple[str, ...]
    credit_kinds: tuple[str, ...]
    probation_exempt: tuple[str, ...]
    regular_kinds: tuple[str, ...]  # promotion.regular_without_post: the kinds no holder of `barring_posts` gets
    barring_posts: tuple[str, ...]
    degree_kinds: tuple[str, ...]  # promotion.degree_rank: the kinds resting on a degree obtained by the TMT


_PROMOTION_RULES: dict[tuple[int, date], PromotionRules] = {}


def promotion_rules(day: date) -> PromotionRules:
    key = (id(current_rules()), day)
    found = _PROMOTION_RULES.get(key)
    if found is None:
        found = PromotionRules(
            time_in_rank=dict(param("promotion.time_in_rank", day, "years", {})),
            performance=dict(param("promotion.performance", day, "years", {})),
            min_score=min_score("promotion.performance", day),
            ceiling_kinds=tuple(param("promotion.education_ceiling", day, "kinds", ["101"])),
            dates_exempt=tuple(param("promotion.dates", day, "exempt_kinds", ["211", "212"])),
            exams=dict(param("promotion.service_exam", day, "exams", {})),
            degree_kind=str(param("promotion.service_exam", day, "degree_kind", "203")),
            degree_exam=str(param("promotion.service_exam", day, "degree_exam", "UPKP")),
            exam_exempt=tuple(param("promotion.service_exam", day, "exempt_kinds", ["211", "212"])),
            blocking=tuple(param("promotion.penalty", day, "blocking_levels", ["MEDIUM", "SEVERE"])),
            penalty_exempt=tuple(param("promotion.penalty", day, "exempt_kinds", ["211"])),
            extra_months=dict(param("promotion.penalty", day, "extra_months", {})),
            structural_kinds=tuple(param("promotion.structural_range", day, "kinds", ["201"])),
            credit_kinds=tuple(param("promotion.credit_points", day, "kinds", ["202"]))
            if in_force("promotion.credit_points", day)
            else (),
            probation_exempt=tuple(param("promotion.no_probation", day, "exempt_kinds", ["211"])),
            regular_kinds=tuple(param(REGULAR_WITHOUT_POST, day, "kinds", ["101"])),
            barring_posts=tuple(param(REGULAR_WITHOUT_POST, day, "post_kinds", [*MANAGERIAL, "FUNGSIONAL"])),
            degree_kinds=tuple(param("promotion.degree_rank", day, "kinds", ["203"]))
            if in_force("promotion.degree_rank", day)
            else (),
        )
        _PROMOTION_RULES[key] = found
    return found


def exams_needed(old: str, new: str, day: date) -> list[str]:
    """The service exams a promotion from old to new rank needs (crossing into III/a or IV/a)."""
    exams = promotion_rules(day).exams
    return [code for target, code in exams.items() if RANK_INDEX[old] < RANK_INDEX[target] <= RANK_INDEX[new]]


def exam_exempt(person: Person, code: str, day: date) -> bool:
    """Whether promotion.service_exam exempts a crossing's exam on `day` (its `exempt_education`: the education held
    at least the level named for the exam; its `exempt_training`: a leadership training listed ended by then)."""
    minimum = param("promotion.service_exam", day, "exempt_education", {}).get(code)
    if minimum is not None and minimum in EDU_ORDER and EDU_ORDER[person.edu_at(day)] >= EDU_ORDER[minimum]:
        return True
    kinds = param("promotion.service_exam", day, "exempt_training", {}).get(code, ())
    return any(person.leadership_done(kind, day) for kind in kinds)


def penalty_blocks(person: Person, day: date) -> bool:
    if not person.penalties:
        return False
    rules_today = promotion_rules(day)
    for start, end, level in person.penalties:
        if level not in rules_today.blocking or start > day:
            continue
        months = int(rules_today.extra_months.get(level, 0))
        if end is None or day <= (months_last_day(end + timedelta(days=1), months) if months else end):
            return True
    return False


def credit_earned(person: Person, day: date, level: str) -> float:
    """Credit earned in a definitive functional post since the current rank's TMT year, as promotion.credit_points
    counts it (docs/rules.md): each rated year from the rank's TMT year (that year included) to the year before `day`
    in which a definitive functional post was held (functional_years), at the coefficient of the level held that
    year, as the same share of a step of `level` (the level held on `day`)."""
    levels = reference().functional_levels
    needed = float(levels[level]["credit_per_step"])
    rated = [
        (CREDIT_FACTOR[person.ratings[y]], levels[held])
        for y, held in functional_years(person, person.rank_entry(day)[0].year, day.year).items()
        if y in person.ratings
    ]
    return sum(factor * float(lv["coefficient"]) * needed / float(lv["credit_per_step"]) for factor, lv in rated)


def functional_years(person: Person, first: int, stop: int) -> dict[int, str]:
    """The years from `first` until `stop` (excluded) in which a definitive functional post was held, each with the
    level of the last such post held in the year: a year partly in the post counts whole; a year before the post,
    between spells or in another post has none. A definitive post is held until the next one starts (or its end)."""
    posts = person.definitive_posts()
    spells = [
        (post.start, _spell_end(post, posts[i + 1 :]), str(post.level))
        for i, post in enumerate(posts)
        if post.kind == "FUNGSIONAL" and post.level in FUNCTIONAL_LEVELS
    ]
    found: dict[int, str] = {}
    for year in range(first, stop):
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
        held = [level for since, until, level in spells if since < end and (until is None or until > start)]
        if held:
            found[year] = held[-1]
    return found


def _spell_end(post: Post, later: list[Post]) -> date | None:
    """The end (exclusive) of a definitive post: the start of the next definitive post taken up after it, or its own
    end, whichever is first."""
    ends = [p.start for p in later if p.start > post.start][:1] + ([post.end] if post.end else [])
    return min(ends, default=None)


def promotion_failures(person: Person, day: date, kind: str, new_rank: str, *, dates: bool = False) -> list[str]:
    """The promotion rules a promotion of this kind to new_rank on day would break."""
    rules_today = promotion_rules(day)
    failures: list[str] = []
    since, old = person.rank_entry(day)
    years = rules_today.time_in_rank.get(kind)
    if years is not None and add_years(since, int(years)) > day:
        failures.append("promotion.time_in_rank")
    rated = rules_today.performance.get(kind)
    if rated is not None and not person.ratings_ok(day.year, int(rated), rules_today.min_score):
        failures.append("promotion.performance")
    if kind in rules_today.ceiling_kinds:
        ceiling = EDU_CEILING[person.edu_at(day)]
        if RANK_INDEX[new_rank] > RANK_INDEX[ceiling]:
            failures.append("promotion.education_ceiling")
    if dates and kind not in rules_today.dates_exempt and not is_permitted(day):
        failures.append("promotion.dates")
    if kind not in rules_today.exam_exempt:
        # (every kind's crossing, though promotion.service_exam asks it only of its `crossing_kinds`: the demo's 202 and
        # 203 candidates take the service exam too unless their education or leadership training exempts it, stricter
        # than the rule, so their promotions stay compliant)
        needed = [
            code
            for target, code in rules_today.exams.items()
            if RANK_INDEX[old] < RANK_INDEX[target] <= RANK_INDEX[new_rank]
        ]
        if kind == rules_today.degree_kind:
            needed.append(rules_today.degree_exam)
        if any(not person.exam_passed(code, day) and not exam_exempt(person, code, day) for code in needed):
            failures.append("promotion.service_exam")
    if kind not in rules_today.penalty_exempt and penalty_blocks(person, day):
        failures.append("promotion.penalty")
    if kind in rules_today.structural_kinds:
        post = person.post_at(day)
        top = RANGES[post.kind][1] if post and post.kind in MANAGERIAL else None
        if top is None or RANK_INDEX[new_rank] > RANK_INDEX[top]:
            failures.append("promotion.structural_range")
    if kind in rules_today.credit_kinds:
        post = person.post_at(day)
        level = post.level if post and post.kind == "FUNGSIONAL" else None
        needed_credit = float(reference().functional_levels[level]["credit_per_step"]) if level else None
        if needed_credit is None or credit_earned(person, day, str(level)) < needed_credit:
            failures.append("promotion.credit_points")
    if kind in rules_today.regular_kinds:
        held = post_held(person, day)
        if held is not None and held.kind in rules_today.barring_posts:
            failures.append(REGULAR_WITHOUT_POST)
    if kind not in rules_today.probation_exempt and (person.confirmed is None or person.confirmed > day):
        failures.append("promotion.no_probation")
    if kind in rules_today.degree_kinds:
        obtained = [level for when, level in person.degrees if when <= day]
        best = max(obtained, key=lambda level: EDU_ORDER[level], default=None)
        if best is None or RANK_INDEX[new_rank] > RANK_INDEX[EDU_START[best]]:
            failures.append("promotion.degree_rank")
    return failures


def degree_rank(person: Person, day: date) -> str:
    """The starting rank of the education held on a day (the target of a 203 promotion)."""
    return EDU_START[person.edu_at(day)]


def post_failures(
    person: Person, day: date, kind: str, level: str | None, selection: str | None, *, training: bool = True
) -> list[str]:
    """The post rules a definitive appointment to this post on day would break."""
    failures: list[str] = []
    rank = person.rank_at(day)
    low, high = RANGES.get(kind if kind in MANAGERIAL else str(level), (None, None))
    if low and high and not RANK_INDEX[low] <= RANK_INDEX[rank] <= RANK_INDEX[high]:
        failures.append("post.rank_range")
    if kind not in MANAGERIAL:
        return failures
    minimum = param("post.education", day, "min_level", {}).get(kind)
    if minimum and EDU_ORDER[person.edu_at(day)] < EDU_ORDER[minimum]:
        failures.append("post.education")
    experience = param("post.experience", day, "years", {}).get(kind)
    if experience and whole_years(person.appointed, day) < int(experience):
        failures.append("post.experience")
    below = param("post.post_below", day, "below", {}).get(kind)
    below_years = param("post.post_below", day, "years", {}).get(kind)
    if below and below_years and person.time_in_posts(tuple(below), day) < int(below_years) * YEAR_DAYS:
        failures.append("post.post_below")
    max_age = param("post.max_age", day, "years", {}).get(kind)
    if max_age and whole_years(person.birth, day) > int(max_age):
        failures.append("post.max_age")
    rated = param("post.performance", day, "years", {}).get(kind)
    if rated and not person.ratings_ok(day.year, int(rated), min_score("post.performance", day)):
        failures.append("post.performance")
    grace = int(param("post.leadership_training", day, "grace_months", 0))
    if training and not person.leadership_done(LEADERSHIP[kind], add_months(day, grace)):
        failures.append("post.leadership_training")
    if kind in param("post.open_selection", day, "kinds", list(JPT)) and selection not in param(
        "post.open_selection", day, "allowed", ["OPEN", "TALENT_POOL"]
    ):
        failures.append("post.open_selection")
    return failures


@dataclass(frozen=True)
class Measures:
    """The four measures of merit.passed_over for a person on a promotion date."""

    performance: float
    training: int
    time_in_rank: int
    education: int

    def clearly_stronger_than(self, other: Measures, min_better: int) -> bool:
        mine = (self.performance, self.training, self.time_in_rank, self.education)
        theirs = (other.performance, other.training, other.time_in_rank, other.education)
        if any(a < b for a, b in zip(mine, theirs, strict=True)):
            return False
        better = sum(a > b for a, b in zip(mine, theirs, strict=True))
        return better >= min_better and self.performance > other.performance


def measures(person: Person, day: date) -> Measures:
    years = int(param("merit.passed_over", day, "performance_years", 2))
    training_years = int(param("merit.passed_over", day, "training_years", 2))
    return Measures(
        performance=person.performance_score(day.year, years),
        training=person.training_hours(day.year, training_years),
        time_in_rank=(day - person.rank_entry(day)[0]).days,
        education=EDU_ORDER[person.edu_at(day)],
    )


def clearly_stronger(a: Person, b: Person, day: date) -> bool:
    return measures(a, day).clearly_stronger_than(
        measures(b, day), int(param("merit.passed_over", day, "min_better", 2))
    )
