"""A promotion judged on the final record where the record as known before it would judge alike.

The audit judges a rank promotion by the record as known before the decision was recorded
(`CareerRecord.known_before`), a record of its own per decision. What the promotion rules read of a
record for a promotion on `day` (projections/merit/rules.py, `PromotionJudge`) is:

- the facts in effect by `day`: the rank held before it (`rank_before`: TMTs before `day`), the degrees,
  exams, confirmations and penalties in effect by then, the trainings of the year before, the definitive
  post held on `day` (or the day before, on the day of separation) and whether the service ended by then;
- the ratings of the years before `day`'s year, whatever their effective dates;
- the first appointment (its education), whatever its date;
- the post ends by the appointment they end (a later post end of one appointment replaces an earlier one).

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
"""

from __future__ import annotations

import bisect
import functools
from datetime import date, datetime, timedelta
from typing import Any

from careerlog.domain.events import BY_KIND
from projections.career import Entry, Fact
from projections.merit.rules import JUDGE_NAMES, PromotionJudge

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
        "promotion.credit_points",
        "promotion.no_probation",
        "promotion.training",
    }
)
ALL_COVERED = {rule_id for rule_id, _ in JUDGE_NAMES} <= COVERED


class KnownBefore:
    """The judges of a record's promotions as known before each was recorded (`judge`: the final record's)."""

    def __init__(self, judge: PromotionJudge):
        self.judge = judge
        self._cuts: tuple[list[datetime], list[date]] | None = None  # made when first asked

    def judge_of(self, fact: Fact) -> PromotionJudge:
        """The judge of the promotion `fact` by the record as known before it was recorded."""
        moment, record = fact.entry.recorded_at, self.judge.record
        times, before = self._cuts or self._cut()
        if ALL_COVERED and before and fact.effective_date < before[bisect.bisect_left(times, moment)]:
            return self.judge
        return PromotionJudge(record.known_before(moment), self.judge.rules)

    def _cut(self) -> tuple[list[datetime], list[date]]:
        entries = self.judge.record.entries
        times = [e.recorded_at for e in entries]
        # known before a moment: the entries up to a version, when their recorded times rise with the versions
        self._cuts = (times, alike_before(entries)) if times == sorted(times) else (times, [])
        return self._cuts


def alike_before(entries: list[Entry]) -> list[date]:
    """For each number of a record's first entries (in order of version) known, the day before which a
    promotion judged on them is judged alike on all of them (module docstring): the earliest of the days
    each later entry allows (`date.min`: none). A later entry's fact is as recorded: nothing after it
    amends it, or the day is `date.min` already."""
    found = []
    bound, shared = date.max, None
    try:
        for entry in reversed(entries):
            kind, day = entry.kind, entry.effective_date
            if kind in _PLAIN:  # read from its day on
                pass
            elif kind == "performance_rating":  # read by its year, from the next year's promotions on
                day = min(day, _next_year(entry.values.get("year")))
            elif kind == "rank_promotion":  # its TMT on or after the promotion's day: not the rank held before it
                day = day + _DAY if day < date.max else day
            elif kind == "post_end":  # an appointment ended twice: the later end counts, whatever its day
                if shared is None:
                    ends = [e.values.get("appointment_reference") for e in entries if e.kind == "post_end"]
                    shared = {reference for reference in ends if ends.count(reference) > 1}
                if entry.values.get("appointment_reference") in shared:
                    day = date.min
            else:  # a correction or retraction, an appointment (or a kind the rules may read otherwise)
                day = date.min
            if type(day) is not date:
                day = date.min
            if day < bound:
                bound = day
            found.append(bound)
    except TypeError:  # a day that is no date: judged as known before, as ever
        return [date.min] * (len(entries) + 1)
    found.reverse()
    found.append(date.max)
    return found


@functools.lru_cache(maxsize=4096)
def _next_year(year: Any) -> date:
    """1 January of the year after `year` (`date.min` for a year that is no whole number of a date)."""
    return date(year + 1, 1, 1) if type(year) is int and 0 < year < date.max.year else date.min


# the kinds read only from their effective day on (the others are told apart in `alike_before`)
_READ_OTHERWISE = {"correction", "retraction", "appointment", "rank_promotion", "performance_rating", "post_end"}
_PLAIN = frozenset(BY_KIND) - _READ_OTHERWISE
_DAY = timedelta(days=1)
