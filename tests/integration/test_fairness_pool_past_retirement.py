"""The fairness pools count everyone eligible on a round; a record past the retirement age with no separation
recorded (the past-retirement worklist's) stays eligible on every round up to its last recorded day, not promoted:
counted as passed over. The answer now says how many such records and rounds are in the pools of its period and
scope (`past_retirement`), without taking them out or judging them (retirement.age is unconfirmed, M). On both
stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.sqlstore import SqlStore
from projections.merit.fairness import FairnessQueries
from tests import factories as f
from tests.conftest import projected

pytestmark = pytest.mark.made_store

TODAY = date(2026, 6, 30)
MEDAN = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71"}
OLD = f.nip(date(1962, 1, 15), date(1990, 3, 1), "M", sequence=81)  # 58 on 2020-01-15: expected end 2020-01-31
YOUNG = f.nip(date(1985, 5, 5), date(2010, 3, 1), "F", sequence=82)
RETIRED = f.nip(date(1961, 2, 2), date(1990, 3, 1), "F", sequence=83)  # separated at 58: not in the pools after


def populate(app: CareerLog) -> None:
    def rec(nip: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(nip, kind, payload, actor="hr")

    people = [(OLD, date(1962, 1, 15), "M"), (YOUNG, date(1985, 5, 5), "F"), (RETIRED, date(1961, 2, 2), "F")]
    for nip, birth, sex in people:
        appointed = date(int(nip[8:12]), int(nip[12:14]), 1)
        rec(nip, "appointment", f.appointment(birth, appointed, sex, rank="III/b", education="S-2", **MEDAN))
        confirmed = appointed.replace(year=appointed.year + 1).isoformat()
        rec(nip, "confirmation", {"latsar_certificate": "L-1", "effective_date": confirmed, "reference": "PNS"})
        rec(nip, "rank_promotion", f.promotion("III/c", "2014-04-01"))
        for year in range(2011, 2019 if nip == RETIRED else 2026):
            rec(nip, "performance_rating", f.rating(year, "BAIK"))
    rec(RETIRED, "status_change", f.status("RETIREMENT_AGE", "2019-03-01"))


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    with projected(database_url, populate, clock=f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))) as views:
        yield views


def caveat(store: SqlStore, **options: Any) -> dict[str, Any]:
    found: dict[str, Any] = FairnessQueries(store, today=TODAY).fairness("sex", **options)["past_retirement"]
    return found


def test_a_record_past_the_retirement_age_without_separation_is_counted_in_the_pool_it_is_passed_over_in(
    store: SqlStore,
) -> None:
    pooled = {r["subject"] for r in store.query("SELECT subject FROM promotion_rounds WHERE round_date = '2021-04-01'")}
    assert pooled == {OLD, YOUNG}  # eligible in 2021 though expected to have left in January 2020
    assert caveat(store, start="2021-01-01", end="2021-12-31") == {
        "records": 1,
        "rounds": 2,  # 2021-04-01 and 2021-10-01
        "promoted": 0,
        "rule": "retirement.age",
        "rule_status": "M",
    }


def test_rounds_before_the_expected_end_and_other_scopes_count_none(store: SqlStore) -> None:
    assert caveat(store, start="2018-04-01", end="2019-10-01")["records"] == 0
    assert caveat(store, scope={"agency": ["PROV-SUMUT"]})["rounds"] == 0
    whole = caveat(store)
    # April and October 2020-2023, six a year 2024-2025, and 2026's up to today (2026-06-30: the view judges the
    # rounds after it too, merit.rounds_reach, which no pool reads before their day)
    assert (whole["records"], whole["rounds"]) == (1, 23)


def test_the_scorecard_reading_without_detail_asks_no_caveat(store: SqlStore) -> None:
    assert "past_retirement" not in FairnessQueries(store, today=TODAY).fairness("sex", detail=False)
