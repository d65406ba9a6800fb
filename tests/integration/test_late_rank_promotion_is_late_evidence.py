"""A rank promotion in effect before a decision's TMT but recorded after the decision is late evidence
(evidence.recorded_after): the rank held before the TMT is what time in rank, one step and a post's rank range read.

A III/a clerk's 101 to III/b of 2014 recorded only in June 2018, after the 101 to III/c of 2018-04-01 was recorded:
judged as known then, the III/c read as a jump from III/a (promotion.one_step) with nothing saying that the rank it
started from was recorded late, while a rating, degree, exam, penalty or post recorded so is an evidence.recorded_after
finding. On both stores.
"""

from __future__ import annotations

import json

import pytest

from tests import factories as f
from tests.integration.test_late_correction_moves_evidence_in import clerk
from tests.unit.test_merit_queries import T, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def twice_promoted(late: bool) -> f.CareerBuilder:
    """A III/a S-1 clerk since 2010 (`clerk`), promoted to III/b on 2014-04-01 and to III/c on 2018-04-01 (recorded
    2018-04-20); the III/b recorded on 2018-06-01 if `late`, else on 2014-04-20."""
    builder = clerk()
    if not late:
        builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-20{T}")
    builder.add("rank_promotion", f.promotion("III/c", "2018-04-01"), f"2018-04-20{T}")
    if late:
        builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2018-06-01{T}")
    return builder


@pytest.mark.parametrize("late", [True, False], ids=["III/b recorded late", "III/b recorded in time"])
def test_a_rank_promotion_before_the_tmt_recorded_after_the_decision_is_late_evidence(
    database_url: str, late: bool
) -> None:
    record = twice_promoted(late).record()
    store = view_store_at(database_url, [record])
    rows = store.query(
        "SELECT d.rank_after, f.rule, f.evidence FROM decisions d LEFT JOIN findings f"
        " ON f.subject = d.subject AND f.version = d.version WHERE d.subject = ? AND d.decision = 'promotion'"
        " ORDER BY d.tmt, f.rule",
        (record.subject,),
    )
    found = [(r["rank_after"], r["rule"]) for r in rows]
    if not late:
        assert found == [("III/b", None), ("III/c", None)]
        return
    # the III/c judged as known then (from III/a: one step), and the III/b it rests on named as recorded late
    assert found == [("III/b", None), ("III/c", "evidence.recorded_after"), ("III/c", "promotion.one_step")]
    [evidence] = json.loads(rows[1]["evidence"])
    assert (evidence["kind"], evidence["effective_date"]) == ("rank_promotion", "2014-04-01")
    assert evidence["recorded_at"].startswith("2018-06-01")
