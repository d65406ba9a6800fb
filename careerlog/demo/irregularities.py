"""The irregularities the demo injects for the merit audit to find, and the list it writes of them."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from careerlog.demo.model import Person, Rec

# Every type with the rules that fire for its decision (docs/rules.md), and nothing else.
RULES: dict[str, tuple[str, ...]] = {
    "early_promotion": ("promotion.time_in_rank",),
    "above_education_ceiling": ("promotion.education_ceiling",),
    "promotion_during_penalty": ("promotion.penalty",),
    "low_performance": ("promotion.performance",),
    "wrong_promotion_date": ("promotion.dates",),
    "missing_service_exam": ("promotion.service_exam",),
    "evidence_recorded_after": ("evidence.recorded_after",),  # plus the rule the late evidence satisfies
    "jpt_without_open_selection": ("post.open_selection",),
    "post_rank_out_of_range": ("post.rank_range",),
    "regular_promotion_of_post_holder": ("promotion.regular_without_post",),
    "passed_over": ("merit.passed_over",),
    "grade_inflation": ("skp.distribution",),
    "group_disadvantaged": ("fairness.adverse_impact",),
}
# Chance an opportunity is taken (per round for the rank-based ones), and the date from which
# the first opportunity is always taken while a type has none yet (so small demos have each).
# Raised by half on 2026-12-03 (before: 0.02, 0.008, 0.35, 0.13, 0.01, 0.12, 0.012, 0.06, 0.1, 0.05, 0.002, 0.5):
# the injected decisions were about 2.1% of the decisions since 2000, at the edge of the few percent the demo is
# for (tests/unit/test_demo.py asks 2-6%: the 2,000 demo of seed 3 had 2.01%, and 1.84% once the senior posts'
# selections changed); now about 3%.
RATES: dict[str, float] = {
    "early_promotion": 0.03,  # per rank reached
    "above_education_ceiling": 0.012,
    "promotion_during_penalty": 0.525,
    "low_performance": 0.195,  # rarer chances since ratings below Baik bring coaching (careers.respond_to_rating)
    "wrong_promotion_date": 0.015,
    "missing_service_exam": 0.18,
    "evidence_recorded_after": 0.018,
    "evidence_recorded_after_post": 0.09,
    "jpt_without_open_selection": 0.15,
    "post_rank_out_of_range": 0.075,
    "regular_promotion_of_post_holder": 0.003,  # per round a post holder has no 201 or 202 to be promoted by
    "passed_over": 0.75,  # fewer chances since fewer ratings fall below Baik (careers.respond_to_rating)
}
FORCE_FROM: dict[str, date] = {
    "early_promotion": date(2010, 1, 1),
    "above_education_ceiling": date(2010, 1, 1),
    "promotion_during_penalty": date(2010, 1, 1),
    "low_performance": date(2010, 1, 1),
    "wrong_promotion_date": date(2008, 1, 1),
    "missing_service_exam": date(2008, 1, 1),
    "jpt_without_open_selection": date(2014, 6, 1),
    "post_rank_out_of_range": date(2008, 1, 1),
    "regular_promotion_of_post_holder": date(2010, 1, 1),
    "passed_over": date(2004, 1, 1),
}
INJECT_FROM = date(2001, 1, 1)  # promotion rules are in force from 2000; judged years must exist too


class Quota:
    """Decides, reproducibly, which opportunities become irregularities."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counts: Counter[str] = Counter()

    def want(self, kind: str, day: date, scale: float = 1.0) -> bool:
        if day < INJECT_FROM:
            return False
        forced = FORCE_FROM.get(kind)
        if self.counts[kind] == 0 and forced is not None and day >= forced:
            return True
        return self.rng.random() < RATES[kind] * scale

    def took(self, kind: str) -> None:
        self.counts[kind] += 1


@dataclass(eq=False)
class Entry:
    """One injected irregularity; the decision's record gives its reference once recorded."""

    type: str
    rules: tuple[str, ...]
    person: Person | None = None
    rec: Rec | None = None
    details: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"type": self.type}
        if self.person is not None:
            row["nip"] = self.person.nip
        if self.rec is not None:
            row["reference"] = self.rec.reference
            row["effective_date"] = self.rec.eff.isoformat()
        row.update(self.extra)
        row["rules"] = list(self.rules)
        row["details"] = self.details
        return row


class Book:
    """The irregularities injected so far."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def add(
        self,
        kind: str,
        person: Person | None = None,
        rec: Rec | None = None,
        rules: tuple[str, ...] | None = None,
        details: dict[str, Any] | None = None,
        **extra: Any,
    ) -> Entry:
        entry = Entry(kind, rules or RULES[kind], person, rec, details or {}, extra)
        self.entries.append(entry)
        return entry

    def counts(self) -> Counter[str]:
        return Counter(e.type for e in self.entries)

    def to_json(self) -> list[dict[str, Any]]:
        rows = [e.to_json() for e in self.entries if e.rec is not None or e.person is None]
        return sorted(rows, key=lambda r: (r["type"], r.get("effective_date", ""), r.get("nip", ""), r.get("unit", "")))
