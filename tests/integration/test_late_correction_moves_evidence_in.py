"""A fact moved into effect by the TMT by a correction recorded after the decision is late evidence
(evidence.recorded_after), as the same fact recorded after the decision is.

A medium penalty recorded before a 101 promotion was recorded, as starting after its TMT, then corrected after the
promotion was recorded to start before the TMT: the record known at the decision had no penalty served on the TMT
(compliant, rightly judged as known then), and the final record has one. The same penalty recorded after the decision
is an evidence.recorded_after finding (high); corrected into the window it was nothing: CareerRecord.recorded_after
compared the fact's first recording only. The study-leave audit read a penalty's first recording alike. A correction
recorded after the decision that leaves the fact after the TMT is no late evidence. The merit view on both stores.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from projections.merit.study_leave import StudyLeaveProjection
from tests import factories as f
from tests.unit.test_merit_queries import T, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TMT = "2018-04-01"
PENALTY_VERSION = 13  # the appointment, post, confirmation, exam and 8 ratings before it


def clerk() -> f.CareerBuilder:
    """A III/a S-1 pelaksana since 2010-03-01, confirmed, with UD I, rated Baik every year to 2017 (12 facts)."""
    builder = f.CareerBuilder(birth=date(1986, 9, 26), appointed=date(2010, 3, 1))
    builder.add("post_appointment", post("PELAKSANA", "2010-03-01"))
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    builder.add("exam", {"exam": "UD_I", "effective_date": "2010-06-01", "reference": "UD-I"}, f"2010-06-10{T}")
    for year in range(2010, 2018):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def promoted(corrected_to: str | None) -> f.CareerBuilder:
    """A III/a clerk eligible for a 101 on 2018-04-01, with a medium penalty recorded on 2018-04-10 as starting on
    2018-04-05 (after the TMT), promoted by a decision recorded on 2018-04-20; the penalty's start `corrected_to` by a
    correction recorded on 2018-06-01 (None: not corrected)."""
    builder = clerk()
    penalty = {"level": "MEDIUM", "penalty_kind": "PENUNDAAN_KP_1", "effective_date": "2018-04-05"}
    builder.add("penalty", {**penalty, "reference": "HD-1"}, f"2018-04-10{T}")
    builder.add("rank_promotion", f.promotion("III/b", TMT), f"2018-04-20{T}")
    if corrected_to is not None:
        end = (date.fromisoformat(corrected_to).replace(year=2019) - date.resolution).isoformat()
        correction = f.correction(PENALTY_VERSION, "2018-06-01", effective_date=corrected_to, end_date=end)
        builder.add("correction", correction, f"2018-06-01{T}")
    return builder


def audited(database_url: str, builder: f.CareerBuilder) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    record = builder.record()
    store = view_store_at(database_url, [record])
    [decision] = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '101'", (record.subject,))
    found = store.query("SELECT rule, evidence FROM findings WHERE subject = ? AND version = ?", (record.subject, 14))
    return dict(decision), [{"rule": r["rule"], "evidence": json.loads(r["evidence"])} for r in found]


def test_a_penalty_moved_before_the_tmt_by_a_correction_recorded_after_the_promotion_is_late_evidence(
    database_url: str,
) -> None:
    decision, found = audited(database_url, promoted(corrected_to="2018-01-02"))

    assert (decision["verdict"], decision["max_severity"]) == ("findings", "high")
    assert [r["rule"] for r in found] == ["evidence.recorded_after"]  # judged as known then: no promotion.penalty
    [evidence] = found[0]["evidence"]
    assert (evidence["version"], evidence["kind"], evidence["effective_date"]) == (
        PENALTY_VERSION,
        "penalty",
        "2018-01-02",
    )
    assert evidence["recorded_at"].startswith("2018-06-01")  # the correction's recording


def test_a_correction_recorded_after_the_promotion_leaving_the_penalty_after_the_tmt_is_no_late_evidence(
    database_url: str,
) -> None:
    for builder in (promoted(corrected_to=None), promoted(corrected_to="2018-04-02")):
        decision, found = audited(database_url, builder)
        assert (decision["verdict"], found) == ("compliant", [])


def test_a_penalty_moved_before_a_study_leave_by_a_later_correction_is_late_evidence() -> None:
    builder = f.CareerBuilder(appointed=date(2018, 3, 1))
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2019-03-01", "reference": "SK-PNS"})
    penalty = {
        "level": "MEDIUM",
        "penalty_kind": "PENUNDAAN_KP_1",
        "end_date": "2021-11-02",
        "effective_date": "2021-05-03",
    }
    builder.add("penalty", {**penalty, "reference": "HD-1"}, f"2021-05-03{T}")  # version 3: after the start
    leave = {"institution": "Universitas Sumatera Utara", "level": "S-2", "effective_date": "2021-05-01"}
    builder.add("study_leave_start", {**leave, "reference": "TB-1"}, f"2021-05-04{T}")
    correction = f.correction(3, "2021-06-01", effective_date="2021-03-01", end_date="2021-08-31")
    builder.add("correction", correction, f"2021-06-01{T}")

    rows = StudyLeaveProjection().rows(builder.record())

    assert [r["rule"] for r in rows["study_leave_findings"]] == ["evidence.recorded_after"]
    assert [e["version"] for e in json.loads(rows["study_leave_findings"][0]["evidence"])] == [3]
