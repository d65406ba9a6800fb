"""The scorecard's merit counts on both stores: a promotion no rule judged (before 2000) is not clean, and the
decisions audited by rule (promotions and definitive posts) leave out the CPNS appointments, judged apart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.sqlstore import SqlStore
from projections.scorecard import ScorecardQueries
from tests import factories as f
from tests.conftest import projected

pytestmark = pytest.mark.xdist_group("test_scorecard_merit_counts")
TODAY = date(2026, 6, 1)
OLD = f.nip(date(1960, 5, 1), date(1985, 3, 1), "M", sequence=71)
LATE = f.nip(date(1990, 5, 1), date(2014, 3, 1), "F", sequence=72)
NEW = f.nip(date(1998, 5, 1), date(2024, 3, 1), "F", sequence=73)


def populate(app: CareerLog) -> None:
    def rec(nip: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(nip, kind, payload, actor="hr")

    rec(OLD, "appointment", f.appointment(date(1960, 5, 1), date(1985, 3, 1), "M"))
    rec(OLD, "confirmation", f.confirmation("1986-03-01"))
    rec(OLD, "rank_promotion", f.promotion("III/b", "1996-04-01"))  # before every promotion rule: not judged
    rec(LATE, "appointment", f.appointment(date(1990, 5, 1), date(2014, 3, 1), "F"))
    rec(LATE, "confirmation", f.confirmation("2015-03-01"))
    rec(LATE, "rank_promotion", f.promotion("III/b", "2024-04-01"))
    rec(NEW, "appointment", f.appointment(date(1998, 5, 1), date(2024, 3, 1), "F"))  # a CPNS appointment of 2024


@pytest.fixture(scope="module")
def views(shared_database_url: str) -> Iterator[SqlStore]:
    with projected(
        shared_database_url, populate, clock=f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))
    ) as v:
        yield v


def counts(views: SqlStore, year: int, indicator: str) -> set[tuple[Any, Any]]:
    card = ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", year, years=1)
    found = card["indicators"][indicator]
    rows = found if isinstance(found, list) else [found]
    return {(i["numerator"], i["denominator"]) for r in rows for i in r["trend"] if i["year"] == year}


def test_a_promotion_no_rule_judged_is_not_counted_clean(views: SqlStore) -> None:
    assert counts(views, 1996, "merit.clean_promotions") == {(0, 0)}  # not 1 of 1 clean
    assert counts(views, 2024, "merit.clean_promotions") in ({(1, 1)}, {(0, 1)})


def test_the_decisions_audited_by_rule_leave_out_the_cpns_appointments(views: SqlStore) -> None:
    assert {d for _, d in counts(views, 2024, "merit.recorded_after_decision")} == {1}  # the promotion, not 2
    card = ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", 2024, years=1)
    rows = [i for i in card["indicators"]["merit.findings_by_rule"]["trend"] if i["year"] == 2024]
    # each rule's of the decisions it judges: a promotion rule's the one promotion, a post rule's the posts (none)
    by_kind = {(i["group"]["rule"].split(".")[0], i["denominator"]) for i in rows}
    assert by_kind == {("promotion", 1), ("post", 0)}  # (until 2026-12-06 each rule's 1: promotions and posts)
