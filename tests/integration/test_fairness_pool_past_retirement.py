"""The fairness pools count everyone eligible on a round; a record past the retirement age with no separation
recorded (the past-retirement worklist's) stayed eligible on every round up to its last recorded day, not promoted:
counted as passed over. Since merit view 42 its regular rounds stop at the first day past the expected end of service
(rule retirement.age read as the worklist reads it; merit.rounds_reach's stop_at_retirement) but for one it was
promoted in (its promotion audited as before): in all likelihood retired, it is in no pool after. The answer says how
many such records and rounds are still in the pools of its period and scope (`past_retirement`: their promotions),
without judging them (retirement.age is unconfirmed, M). On both stores."""

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
LATE = f.nip(date(1961, 7, 7), date(1990, 3, 1), "F", sequence=84)  # expected end 2019-07-31; promoted 2021-04-01


def populate(app: CareerLog) -> None:
    def rec(nip: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(nip, kind, payload, actor="hr")

    people = [
        (OLD, date(1962, 1, 15), "M"),
        (YOUNG, date(1985, 5, 5), "F"),
        (RETIRED, date(1961, 2, 2), "F"),
        (LATE, date(1961, 7, 7), "F"),
    ]
    for nip, birth, sex in people:
        appointed = date(int(nip[8:12]), int(nip[12:14]), 1)
        rec(nip, "appointment", f.appointment(birth, appointed, sex, rank="III/b", education="S-2", **MEDAN))
        confirmed = appointed.replace(year=appointed.year + 1).isoformat()
        rec(nip, "confirmation", {"latsar_certificate": "L-1", "effective_date": confirmed, "reference": "PNS"})
        rec(nip, "rank_promotion", f.promotion("III/c", "2014-04-01"))
        for year in range(2011, 2019 if nip == RETIRED else 2026):
            rec(nip, "performance_rating", f.rating(year, "BAIK"))
    rec(RETIRED, "status_change", f.status("RETIREMENT_AGE", "2019-03-01"))
    rec(LATE, "rank_promotion", f.promotion("III/d", "2021-04-01"))


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    with projected(database_url, populate, clock=f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))) as views:
        yield views


def caveat(store: SqlStore, **options: Any) -> dict[str, Any]:
    found: dict[str, Any] = FairnessQueries(store, today=TODAY).fairness("sex", **options)["past_retirement"]
    return found


def rounds_of(store: SqlStore, table: str, subject: str) -> list[tuple[str, int]]:
    found = store.query(f"SELECT round_date, promoted FROM {table} WHERE subject = ? ORDER BY round_date", [subject])
    return [(str(r["round_date"]), int(r["promoted"] or 0)) for r in found]


def test_a_record_past_the_retirement_age_without_separation_is_in_no_round_after_it(store: SqlStore) -> None:
    pooled = {r["subject"] for r in store.query("SELECT subject FROM promotion_rounds WHERE round_date = '2021-10-01'")}
    assert pooled == {YOUNG}  # OLD expected to have left on 2020-01-31, LATE on 2019-07-31: no longer passed over
    # eligible from 2018-04-01 (four years in III/c), up to the expected end of service (2020-01-31) and no later
    late = [("2018-04-01", 0), ("2018-10-01", 0), ("2019-04-01", 0), ("2019-10-01", 0)]
    assert rounds_of(store, "promotion_rounds", OLD)[-4:] == late
    assert all(day <= "2020-01-31" for day, _ in rounds_of(store, "earlier_rounds", OLD))
    assert rounds_of(store, "promotion_rounds", YOUNG)[-1][0] >= "2026"  # (in service: judged on)


def test_a_promotion_after_the_expected_end_keeps_its_round_and_its_audit(store: SqlStore) -> None:
    assert rounds_of(store, "promotion_rounds", LATE)[-2:] == [("2019-04-01", 0), ("2021-04-01", 1)]
    audited = store.query("SELECT subject FROM decisions WHERE subject = ? AND tmt = '2021-04-01'", [LATE])
    assert len(audited) == 1
    assert caveat(store, start="2021-01-01", end="2021-12-31") == {
        "records": 1,  # LATE's promotion, the one round past an expected end still in a pool
        "rounds": 1,
        "promoted": 1,
        "rule": "retirement.age",
        "rule_status": "M",
    }


def test_rounds_before_the_expected_end_and_other_scopes_count_none(store: SqlStore) -> None:
    assert caveat(store, start="2018-04-01", end="2019-10-01")["records"] == 0
    assert caveat(store, scope={"agency": ["PROV-SUMUT"]})["rounds"] == 0
    whole = caveat(store)
    assert (whole["records"], whole["rounds"]) == (1, 1)  # (until merit view 42: OLD's 23 rounds from 2020 on)


def test_the_scorecard_reading_without_detail_asks_no_caveat(store: SqlStore) -> None:
    assert "past_retirement" not in FairnessQueries(store, today=TODAY).fairness("sex", detail=False)
