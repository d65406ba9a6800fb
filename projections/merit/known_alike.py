"""A promotion judged on the final record where the record as known before it would judge alike.

The audit judges a rank promotion by the record as known before the decision was recorded
(`CareerRecord.known_before`), a record of its own per decision. What the promotion rules read of a
record for a promotion on `day` (projections/merit/rules.py, `PromotionJudge`) is:

- the facts in effect by `day`: the rank held before it (`rank_before`: TMTs before `day`), the degrees,
  exams, confirmations, penalties and status changes in effect by then, the leadership trainings ended by then (which
  exempt a crossing's service exam), the trainings of the year before and the status
  (status changes, study leaves) on its last day (promotion.training), the definitive post held on `day` (or the day
  before, on the day of separation) and whether the service ended by then;
- the ratings of the years before `day`'s year, whatever their effective dates;
- the first appointment (its education), whatever its date;
- the post ends by the appointment they end (a later post end of one appointment replaces an earlier one);
- for a promotion `promotion.degree_rank` judges (203), the degrees whatever their dates (one obtained only after
  the TMT is named): such a promotion with a degree recorded at or after the decision is judged as known before it.

These are the reads of the rules in `COVERED`. A rule added to `JUDGE_NAMES` counts once it is added
there too, its reads checked against this list; until then every promotion is judged as known before it.

So when every entry recorded at or after the decision is a fact (no correction or retraction) that
takes effect after `day` (a promotion: on or after `day`, as the decision's own does), that is no rating
of a year before `day`'s year, no appointment, and no post end of an appointment another post end also
ends, the record as known before the decision and the final record give every rule the same facts, and
so the same outcomes: the final record's judge is used (one per record, shared with the promotion rounds
and the eligibility) instead of a record and a judge made per decision. Otherwise, or when the record's
entries were not recorded in the order of their versions, the decision is judged as before. The rows
are the same either way (tests/unit/test_merit_known_alike.py compares both on awkward records).

A definitive post appointment on `day` is judged alike in the same way (`post_judge_of`: the final record's
`PostJudge`, one per record). What the post rules read of a record (projections/merit/posts.py, rules in
`POST_COVERED`) is what the promotion rules read (above: the rank held before `day`, or on the appointment's own
day the rank it gives, `posts.rank_taking_post`: the first appointment, read whatever its date; the degrees in
effect by `day`, the ratings of the years before `day`'s year, the first appointment) and the definitive posts held
before `day` (their starts and kinds; their ends as far as `day`: every later start, end or separation ends
them on `day` or after), with two more: the leadership trainings completed by `day` and the rule's grace
months (`until`, not `day`), and, for the experience in the posts below (`post.post_below`), the definitive
posts of those kinds whatever their days (its evidence lists them all). So every entry recorded at or after
the decision must take effect after `until` as above, the post appointments among them other than the
decision's own too (a later post ends the posts held before `day` on `day` or after) and, where
`post.post_below` applies, there must be none.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import reference_key
from projections.career import CareerRecord, Entry, Fact
from projections.merit.posts import JUDGE_NAMES as POST_JUDGE_NAMES
from projections.merit.posts import MANAGERIAL_JUDGE_NAMES, PostJudge
from projections.merit.rules import JUDGE_NAMES, PromotionJudge, rule_on

# The promotion rules whose reads are those listed in the module docstring (the final record judges alike).
COVERED = frozenset(
    {
        "promotion.time_in_rank",
        "promotion.performance",
        "promotion.education_ceiling",
        "promotion.dates",
        "promotion.service_exam",
        "promotion.penalty",
        "promotion.structural_range",
        "promotion.functional_range",
        "promotion.one_step",
        "promotion.degree_rank",
        "promotion.credit_points",
        "promotion.regular_without_post",
        "promotion.no_probation",
        "promotion.legal_status",
        "promotion.training",
    }
)
ALL_COVERED = {rule_id for rule_id, _ in JUDGE_NAMES} <= COVERED
# The post rules whose reads are those listed in the module docstring.
POST_COVERED = frozenset(
    {
        "post.rank_range",
        "post.credit_points",
        "post.jpt_tenure",
        "post.education",
        "post.experience",
        "post.post_below",
        "post.max_age",
        "post.performance",
        "post.leadership_training",
        "post.open_selection",
    }
)
ALL_POSTS_COVERED = {rule_id for rule_id, _ in (*POST_JUDGE_NAMES, *MANAGERIAL_JUDGE_NAMES)} <= POST_COVERED
POST = "post_appointment"


class KnownBefore:
    """The judges of a record's promotions as known before each was recorded (`judge`: the final record's)."""

    def __init__(self, judge: PromotionJudge):
        self.judge = judge
        # the entries' recorded times, `alike_before` of each count of them known (of every entry, and with the post
        # appointments apart) and where the post appointments are among them; made when first asked, once per record
        self._cuts: Cuts | None = None
        self._posts: PostJudge | None = None  # the final record's post judge, made when first asked

    def judge_of(self, fact: Fact) -> PromotionJudge:
        """The judge of the promotion `fact` by the record as known before it was recorded."""
        moment, record = fact.entry.recorded_at, self.judge.record
        cuts = self._cuts or self._cut()
        cut = bisect.bisect_left(cuts.times, moment)
        alike = ALL_COVERED and cuts.ordered and fact.effective_date < cuts.before[cut]
        if alike and not _degree_after(self.judge.rules, record, fact, cut):
            return self.judge
        return PromotionJudge(record.known_before(moment), self.judge.rules)

    def post_judge_of(self, fact: Fact) -> PostJudge:
        """The judge of the definitive post appointment `fact` by the record as known before it was recorded."""
        moment, record, book = fact.entry.recorded_at, self.judge.record, self.judge.rules
        cuts = self._cuts or self._cut()
        if ALL_POSTS_COVERED and cuts.ordered:
            final = self._posts or self._post_judge()
            cut = bisect.bisect_left(cuts.times, moment)
            if _post_until(book, final, fact) < cuts.posts_apart[cut] and _posts_alike(
                cuts.posts_from(cut), fact, book, final
            ):
                return final
        return PostJudge(record.known_before(moment), book)

    def _cut(self) -> Cuts:
        self._cuts = Cuts(self.judge.record)
        return self._cuts

    def _post_judge(self) -> PostJudge:
        self._posts = PostJudge(self.judge.record, self.judge.rules)
        return self._posts


class Cuts:
    """What the judges of a record's decisions read of its entries, read once per record: the entries' recorded
    times; whether they rise with the versions (`ordered`: known before a moment is then the entries up to a version,
    else every decision is judged as known before it); for each count of entries known, `alike_before` of it
    (`before`) and with the post appointments apart (`posts_apart`), the earliest `read_days` of the later entries
    read from the last entry back (until 2026-12-07 the later entries were read again for each decision); and where
    the post appointments are among the entries (`posts_from`)."""

    def __init__(self, record: CareerRecord):
        entries, times = record.entries, record.recorded_in_order  # (None: not in order, as `known_before` reads it)
        self.times = [e.recorded_at for e in entries] if times is None else times
        self.ordered = times is not None
        days = read_days(entries) if self.ordered else []  # (not ordered: neither is read)
        apart = [date.max if e.kind == POST else day for e, day in zip(entries, days, strict=True)] if days else []
        self.before, self.posts_apart = suffix_min(days), suffix_min(apart)
        self._posts = [i for i, e in enumerate(entries) if e.kind == POST]
        self._entries = entries

    def posts_from(self, count: int) -> list[Entry]:
        """The post appointments among the entries after the first `count` (in order of version)."""
        entries = self._entries
        return [entries[i] for i in self._posts[bisect.bisect_left(self._posts, count) :]]


def suffix_min(days: list[date]) -> list[date]:
    """For each count of `days` (0 to all of them), the earliest of those after it (`date.max` when none)."""
    found = list(itertools.accumulate(reversed(days), min, initial=date.max))
    found.reverse()
    return found


DEGREE_RULE = "promotion.degree_rank"


def _degree_after(book: Any, record: CareerRecord, fact: Fact, cut: int) -> bool:
    """Whether `promotion.degree_rank`, which reads the degrees whatever their dates, judges the promotion `fact` and
    a degree is among the entries from the `cut`-th on (recorded at or after the decision)."""
    rule = rule_on(book, DEGREE_RULE, fact.effective_date)
    if rule is None or fact.get("promotion_kind") not in rule.params.get("kinds", []):
        return False
    return any(e.kind == "education" for e in record.entries[cut:])


def _post_until(book: Any, judge: PostJudge, fact: Fact) -> date:
    """The last day the post rules read of the appointment `fact`'s record (its TMT; for a managerial post judged by
    `post.leadership_training`, the end of the rule's grace)."""
    day = fact.effective_date
    if not judge.managerial(str(fact.get("post_kind"))):
        return day
    rule = rule_on(book, "post.leadership_training", day)
    return day if rule is None else day + relativedelta(months=int(rule.params.get("grace_months", 0)))


def _posts_alike(later: list[Entry], fact: Fact, book: Any, judge: PostJudge) -> bool:
    """Whether the post appointments among `later` (the entries recorded at or after the decision's, in order of
    version) other than the decision's own leave the post rules' reads of `fact` alike (the module docstring)."""
    others = [e for e in later if e.kind == POST and e.version != fact.version]
    if not others:
        return True
    day = fact.effective_date
    if judge.managerial(str(fact.get("post_kind"))) and rule_on(book, "post.post_below", day) is not None:
        return False  # its evidence lists the posts below whatever their days
    return all(type(e.effective_date) is date and e.effective_date > day for e in others)


def alike_before(entries: list[Entry], count: int, days: list[date] | None = None, apart: str | None = None) -> date:
    """With a record's first `count` entries (in order of version) known, the day before which a promotion judged
    on them is judged alike on all of them (module docstring): the earliest of the days each later entry allows
    (`read_days`, or `days` if read; `date.max` when no entry follows). The entries of the kind `apart` (the post
    appointments, which a post's audit tells apart) bound nothing. Of one count; a record's decisions read theirs
    from `Cuts`, every count's made at once (until 2026-12-07 each decision read its later entries again)."""
    days = read_days(entries) if days is None else days
    if apart is None:
        return min(days[count:], default=date.max)
    later = zip(entries[count:], days[count:], strict=True)
    return min((day for entry, day in later if entry.kind != apart), default=date.max)


def read_days(entries: list[Entry]) -> list[date]:
    """For each entry of a record, the first day of a promotion it may change (module docstring; `date.min`:
    any). A later entry's fact is as recorded: nothing after it amends it, or its day is `date.min` already.
    All `date.min` when a day is no date."""
    found = []
    shared = None
    try:
        for entry in entries:
            kind, day = entry.kind, entry.effective_date
            if kind in _PLAIN:  # read from its day on
                pass
            elif kind == "performance_rating":  # read by its year, from the next year's promotions on
                day = min(day, _next_year(entry.values.get("year")))
            elif kind == "rank_promotion":  # its TMT on or after the promotion's day: not the rank held before it
                day = day + _DAY if day < date.max else day
            elif kind == "post_end":  # an appointment ended twice: the later end counts, whatever its day
                if shared is None:  # (told by the reference's key, as the ledger and the record name the post)
                    ends = [
                        reference_key(e.values.get("appointment_reference")) for e in entries if e.kind == "post_end"
                    ]
                    shared = {reference for reference in ends if ends.count(reference) > 1}
                if reference_key(entry.values.get("appointment_reference")) in shared:
                    day = date.min
            else:  # a correction or retraction, an appointment (or a kind the rules may read otherwise)
                day = date.min
            found.append(day if type(day) is date else date.min)
    except TypeError:  # a day that is no date: judged as known before, as ever
        return [date.min] * len(entries)
    return found


@functools.lru_cache(maxsize=4096)
def _next_year(year: Any) -> date:
    """1 January of the year after `year` (`date.min` for a year that is no whole number of a date)."""
    return date(year + 1, 1, 1) if type(year) is int and 0 < year < date.max.year else date.min


# the kinds read only from their effective day on (the others are told apart in `alike_before`)
_READ_OTHERWISE = {"correction", "retraction", "appointment", "rank_promotion", "performance_rating", "post_end"}
_PLAIN = frozenset(BY_KIND) - _READ_OTHERWISE
_DAY = timedelta(days=1)
