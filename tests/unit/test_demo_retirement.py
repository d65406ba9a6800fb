"""The demo retires its civil servants at the retirement age of the post they hold (rule retirement.age), the age
the career page tells an employee: nobody is kept in service past it, and each retirement's reason names the age of
the post held on its eve. Before, the generator had its own ages (60 for every teacher, 60 for Ahli Utama, decided
by the post held on 1 January of the year of turning 58): a teacher of 58 read on the page that service 'was to end'
and none was recorded, and an Ahli Utama retired at 60, not 65."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from careerlog.demo import Demo
from careerlog.demo.model import Rec
from careerlog.reference import reference, rules
from careerlog.retirement import retirement_age
from tests import demos

pytestmark = pytest.mark.xdist_group(demos.GROUP)  # the shared demo is generated once, on one worker

TODAY = demos.LARGE[2]  # the shared demo's day


@pytest.fixture(scope="module")
def demo() -> Demo:
    return demos.large()


def by_employee(demo: Demo) -> dict[str, list[Rec]]:
    records: dict[str, list[Rec]] = defaultdict(list)
    for rec in demo.records():
        if not rec.subject.startswith("UNIT:"):
            records[rec.subject].append(rec)
    return records


def held_age(recs: list[Rec], day: date) -> int:
    """The retirement age of the definitive post taken up before `day` (as the page reads the post held)."""
    posts = [r.payload for r in recs if r.kind == "post_appointment" and r.payload["assignment"] == "DEFINITIVE"]
    held: dict[str, Any] = {"post_kind": "PELAKSANA"}
    for post in sorted(posts, key=lambda p: p["effective_date"]):
        if date.fromisoformat(post["effective_date"]) < day:
            held = post
    book = rules()
    first = book.versions("retirement.age")[0].valid_from
    found = retirement_age(book, max(day, first), held["post_kind"], held.get("level"), held.get("title"))
    assert found is not None
    return found[0]


def birth_of(recs: list[Rec]) -> date:
    return date.fromisoformat(next(r for r in recs if r.kind == "appointment").payload["birth_date"])


def test_no_one_serves_past_the_retirement_age_of_the_post_held(demo: Demo) -> None:
    separations = reference().separation_statuses()
    kept = []
    for nip, recs in by_employee(demo).items():
        if any(r.kind == "status_change" and r.payload["status"] in separations for r in recs):
            continue
        last_day = birth_of(recs) + relativedelta(years=held_age(recs, TODAY), day=31)
        if last_day < TODAY:
            kept.append((nip, last_day))
    assert kept == []


def test_each_retirement_is_at_the_age_of_the_post_held_on_its_eve(demo: Demo) -> None:
    retired = 0
    for nip, recs in by_employee(demo).items():
        for rec in recs:
            if rec.kind != "status_change" or rec.payload["status"] != "RETIRED":
                continue
            retired += 1
            age = held_age(recs, rec.eff - timedelta(days=1))
            assert rec.payload["reason"] == f"Batas usia pensiun {age} tahun", nip
            reached = birth_of(recs) + relativedelta(years=age)
            assert rec.eff == reached + relativedelta(months=1, day=1), nip
    assert retired > 100
