"""A regular round after a record's last fact judges it on what the record holds, as any round does (rule
merit.rounds_reach, merit view 40): one with nothing recorded since a round is in that round's pool when the record
makes them eligible then. Until view 40 the rounds stopped at the record's horizon (its latest effective date or
recording day), so the latest rounds' pools held almost only the promoted, whose promotion is a recent fact (a
1,000-employee demo's last October round: 4 in the pool, all promoted). The view's rows are of the log alone; the
queries read no round after today. On both stores."""

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

MEDAN = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71"}
QUIET = f.nip(date(1980, 5, 5), date(2005, 3, 1), "F", sequence=91)  # nothing recorded after 2026-06-01
PROMOTED = f.nip(date(1981, 6, 6), date(2005, 3, 1), "M", sequence=92)  # promoted on 2026-10-01
CLOCK = f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))


def populate(app: CareerLog) -> None:
    def rec(nip: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(nip, kind, payload, actor="hr")

    for nip, birth, sex in ((QUIET, date(1980, 5, 5), "F"), (PROMOTED, date(1981, 6, 6), "M")):
        rec(nip, "appointment", f.appointment(birth, date(2005, 3, 1), sex, rank="III/b", education="S-2", **MEDAN))
        rec(nip, "confirmation", {"latsar_certificate": "L-1", "effective_date": "2006-03-01", "reference": "PNS"})
        rec(nip, "rank_promotion", f.promotion("III/c", "2022-10-01"))  # four years in rank on 2026-10-01
        for year in range(2018, 2026):
            rec(nip, "performance_rating", f.rating(year, "BAIK"))
    CLOCK.set("2026-10-02T02:00:00+00:00")
    rec(PROMOTED, "rank_promotion", f.promotion("III/d", "2026-10-01"))


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    with projected(database_url, populate, clock=CLOCK) as views:
        yield views


def rounds(store: SqlStore, subject: str) -> list[tuple[str, int, int]]:
    """The subject's rounds of 2026 on (both were promoted to III/c in a round of 2022, eligible before it)."""
    found = store.query(
        "SELECT round_date, eligible, promoted FROM promotion_rounds"
        " WHERE subject = ? AND round_date >= ? ORDER BY round_date",
        [subject, "2026-01-01"],
    )
    return [(str(r["round_date"]), int(r["eligible"]), int(r["promoted"])) for r in found]


def pooled(store: SqlStore, today: date) -> dict[str, tuple[int, int]]:
    """Per round of 2026 on, its pool and promoted as the fairness statistics count them on `today`."""
    counts = FairnessQueries(store, today=today).pool_counts(["sex"], "2026-01-01", None, None)
    by_round = counts.groupby("round_date")[["pool", "promoted"]].sum()
    return {str(day)[:10]: (int(r["pool"]), int(r["promoted"])) for day, r in by_round.iterrows()}


def test_a_record_with_nothing_recorded_since_a_round_is_in_its_pool_when_eligible_by_the_record(
    store: SqlStore,
) -> None:
    # eligible on the October and December rounds of 2026; a 2027 round reads a rating of 2026, which the record
    # lacks, so the rounds stop there (though the view judges them two years past its last recorded day)
    assert rounds(store, QUIET) == [("2026-10-01", 1, 0), ("2026-12-01", 1, 0)]
    assert rounds(store, PROMOTED) == [("2026-10-01", 1, 1)]
    assert pooled(store, date(2026, 12, 5)) == {"2026-10-01": (2, 1), "2026-12-01": (1, 0)}
    answer = FairnessQueries(store, today=date(2026, 12, 5)).fairness("sex", start="2026-10-01", end="2026-10-31")
    assert sorted((g["group"], g["eligible"], g["promoted"]) for g in answer["groups"]) == [("F", 1, 0), ("M", 1, 1)]


def test_a_round_after_today_is_in_no_pool(store: SqlStore) -> None:
    # the view holds the December round already (of the log alone), but no query reads it before its day
    assert pooled(store, date(2026, 11, 30)) == {"2026-10-01": (2, 1)}
    asked = FairnessQueries(store, today=date(2026, 11, 30))
    answer = asked.fairness("sex", start="2026-10-01", end="2026-12-31")
    assert sum(g["eligible"] for g in answer["groups"]) == 2
    assert asked.past_retirement_in_pool("2026-12-01", None, None)["rounds"] == 0
