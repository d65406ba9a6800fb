"""The demo's working state: each person's career as dated histories, and the facts to record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from careerlog.demo.dates import current_rules, moment
from careerlog.domain.ratings import scheme_of_year
from careerlog.reference import reference

RANKS: tuple[str, ...] = tuple(reference().ranks.codes)
RANK_INDEX: dict[str, int] = {code: i for i, code in enumerate(RANKS)}
EDU_ORDER: dict[str, int] = {e.code: int(e["order"]) for e in reference().education}
EDU_START: dict[str, str] = {e.code: str(e["start"]) for e in reference().education}
EDU_CEILING: dict[str, str] = {e.code: str(e["ceiling"]) for e in reference().education}
SCORE: dict[str, int] = {p.code: int(p["score"]) for p in reference().skp_predicates}
CREDIT_FACTOR: dict[str, float] = {p.code: float(p["credit_factor"]) for p in reference().skp_predicates}


def scheme_predicate(common: str, year: int) -> str:
    """The predicate a year's rating is recorded with: the predicate of the scheme in force for the year (rule
    skp.scheme: DP3 before 2014, PP 46/2011 to 2021, the current SKP since) that the rules read as `common`, a
    predicate of the common order (asn.toml rating_predicates `common`, as Reference.predicate_score and
    credit_factor map it), so every judgement and credit point is the same (1999 BUTUH_PERBAIKAN: CUKUP; 2010
    SANGAT_KURANG: DP3_KURANG). The demo draws ratings in the common order (Person.ratings)."""
    scheme = scheme_of_year(year, current_rules())
    if scheme is None:
        return common
    found = [p.code for p in scheme.predicates if p["common"] == common]
    assert len(found) == 1, (year, common, found)
    return found[0]


# Rank ranges of the managerial post kinds and of the functional levels, by code.
RANGES: dict[str, tuple[str, str]] = {
    k.code: (str(k["min_rank"]), str(k["max_rank"])) for k in reference().post_kinds if k.get("min_rank")
} | {level.code: (str(level["min_rank"]), str(level["max_rank"])) for level in reference().functional_levels}
LEADERSHIP: dict[str, str] = {
    k.code: str(k["leadership_training"]) for k in reference().post_kinds if k.get("leadership_training")
}


def next_rank(rank: str) -> str | None:
    index = RANK_INDEX[rank] + 1
    return RANKS[index] if index < len(RANKS) else None


def rank_between(rank: str, low: str, high: str) -> bool:
    return RANK_INDEX[low] <= RANK_INDEX[rank] <= RANK_INDEX[high]


class Rec:
    """A fact to record: its kind, effective date, payload and recorded time."""

    __slots__ = ("agency", "decision", "deps", "eff", "kind", "late_for", "payload", "rec", "seq", "subject")

    def __init__(
        self,
        kind: str,
        eff: date,
        payload: dict[str, Any],
        rec: int,
        agency: str,
        seq: int,
        decision: bool = False,
        deps: list[Rec] | None = None,
        subject: str = "",
    ):
        self.kind = kind
        self.eff = eff
        self.payload = payload
        self.rec = rec  # recorded time, in minutes (careerlog.demo.dates.moment)
        self.agency = agency  # the office that recorded it (recorded_by demo:<agency>)
        self.seq = seq
        self.decision = decision
        self.deps: list[Rec] = deps if deps is not None else []
        self.late_for: Rec | None = None  # evidence deliberately recorded after this decision
        self.subject = subject

    @property
    def reference(self) -> str:
        return str(self.payload["reference"])

    @property
    def recorded_at(self) -> datetime:
        return moment(self.rec)


@dataclass(eq=False, slots=True)
class Post:
    """A post held: definitive, or a temporary assignment (Plt, Plh) with its end."""

    start: date
    kind: str
    level: str | None
    title: str
    unit: str
    assignment: str
    reference: str
    end: date | None = None


@dataclass(eq=False)
class Person:
    """One employee as the simulation goes: the dated histories the rules are judged on."""

    idx: int
    nip: str
    name: str
    sex: str
    birth: date
    appointed: date
    kind: str  # PNS or PPPK
    entry_edu: str
    path: str
    ability: float
    family: str  # the functional job family name, or "" for pelaksana
    ladder: tuple[str, ...]
    home: str  # agency at appointment
    ranks: list[tuple[date, str]] = field(default_factory=list)
    degrees: list[tuple[date, str]] = field(default_factory=list)
    ratings: dict[int, str] = field(default_factory=dict)
    rating_recs: dict[int, Rec] = field(default_factory=dict)
    exams: dict[str, date | None] = field(default_factory=dict)
    penalties: list[tuple[date, date | None, str]] = field(default_factory=list)
    confirmed: date | None = None
    posts: list[Post] = field(default_factory=list)
    places: list[tuple[date, str, str]] = field(default_factory=list)  # (date, agency, unit)
    jp: dict[int, int] = field(default_factory=dict)  # training hours by year of the training's end
    leadership: dict[str, list[Rec]] = field(default_factory=dict)
    leaves: list[tuple[date, date]] = field(default_factory=list)
    separation: date | None = None
    recs: list[Rec] = field(default_factory=list)
    # simulation bookkeeping
    next_check: date = date.min
    eligible_rank: str | None = None  # the rank whose first eligible round has been seen
    delay: int = 0  # rounds still to wait (the group_disadvantaged injection)
    protected: bool = False  # its facts must not change what colleagues are judged against
    early_rank: str | None = None  # the rank whose early-promotion chance has been drawn
    sep_rec: Rec | None = None
    slot: object | None = None  # the managerial slot held (careerlog.demo.posts.Slot)
    reserved: object | None = None  # the slot this person is being trained for
    degree_plans: list[tuple[date, str, date | None]] = field(default_factory=list)
    retiring: date = date.max  # the first day of the month after turning 58
    retires_at: int | None = None  # the age of the retirement planned (rule retirement.age), if one is

    # ------------------------------------------------------------- state at a date

    @property
    def pns(self) -> bool:
        return self.kind == "PNS"

    @property
    def rank(self) -> str:
        return self.ranks[-1][1]

    @property
    def rank_tmt(self) -> date:
        return self.ranks[-1][0]

    def active(self, day: date) -> bool:
        return self.appointed <= day and (self.separation is None or day <= self.separation)

    def rank_at(self, day: date) -> str:
        """The current rank at a date: of the latest promotion with TMT before it."""
        return self.rank_entry(day)[1]

    def rank_entry(self, day: date) -> tuple[date, str]:
        found = self.ranks[0]
        for entry in self.ranks[1:]:
            if entry[0] < day:
                found = entry
            else:
                break
        return found

    def edu_at(self, day: date) -> str:
        """The highest education (by order) completed on or before a date."""
        best = self.entry_edu
        for when, level in self.degrees:
            if when <= day and EDU_ORDER[level] > EDU_ORDER[best]:
                best = level
        return best

    def place_at(self, day: date) -> tuple[str, str]:
        """(agency, unit) on a date."""
        places = self.places
        if len(places) == 1:
            return places[0][1], places[0][2]
        found = places[0]
        for entry in places[1:]:
            if entry[0] <= day:
                found = entry
            else:
                break
        return found[1], found[2]

    def definitive_posts(self) -> list[Post]:
        return [p for p in self.posts if p.assignment == "DEFINITIVE"]

    def post_at(self, day: date) -> Post | None:
        """The definitive post taken up before a date and held on it."""
        for post in reversed(self.posts):
            if post.assignment == "DEFINITIVE" and post.start < day:
                return post
        return None

    def add_post(self, post: Post) -> None:
        index = len(self.posts)
        while index > 0 and self.posts[index - 1].start > post.start:
            index -= 1
        self.posts.insert(index, post)

    def on_leave(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.leaves)

    def time_in_posts(self, kinds: tuple[str, ...], day: date) -> int:
        """Days in definitive posts of some kinds ("KIND" or "KIND:LEVEL"), ended or held at a date."""
        posts = self.definitive_posts()
        total = 0
        for i, post in enumerate(posts):
            if post.start >= day or not _matches(post, kinds):
                continue
            end = posts[i + 1].start if i + 1 < len(posts) else day
            if self.separation is not None:
                end = min(end, self.separation)
            total += max((min(end, day) - post.start).days, 0)
        return total

    def ratings_ok(self, year: int, count: int, minimum: int = 4) -> bool:
        for y in range(year - count, year):
            predicate = self.ratings.get(y)
            if predicate is None or SCORE[predicate] < minimum:
                return False
        return True

    def exam_passed(self, code: str, day: date) -> bool:
        passed = self.exams.get(code)
        return passed is not None and passed <= day

    def leadership_done(self, kind: str, day: date) -> bool:
        return any(r.eff <= day for r in self.leadership.get(kind, ()))

    def performance_score(self, year: int, years: int) -> float:
        scores = [SCORE[self.ratings[y]] for y in range(year - years, year) if y in self.ratings]
        return sum(scores) / len(scores) if scores else 0.0

    def training_hours(self, year: int, years: int) -> int:
        return sum(self.jp.get(y, 0) for y in range(year - years, year))


def _matches(post: Post, kinds: tuple[str, ...]) -> bool:
    for spec in kinds:
        kind, _, level = spec.partition(":")
        if post.kind == kind and (not level or post.level == level):
            return True
    return False
