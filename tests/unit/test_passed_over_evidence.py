"""A merit.passed_over finding points to the facts of both sides of its comparison.

The comparison gives each measure for the promoted and the colleague (performance, training JP, days in rank,
education), but the finding's evidence listed the decision and the colleague's ratings and trainings only: the
inspector's acceptance pass of 2026-12-02 could not find on the decision's page what the promoted's "performance
4.0, training 0" rested on, nor either side's rank or education. Each measure's facts are now listed, the
promoted's first: ratings and trainings of the years compared, the fact of the rank held and the education.
"""

from __future__ import annotations

from datetime import date

from projections.career import CareerRecord
from projections.merit.queries import comparison_evidence
from tests import factories as f

T = "T00:00:00+00:00"


def clerk(birth: date, sex: str, rated: str, jp: int, degree: bool = False) -> CareerRecord:
    builder = f.CareerBuilder(birth, sex=sex, rank="III/a", education="S-1")
    for year in (2011, 2012):
        builder.add("performance_rating", f.rating(year, rated), f"{year + 1}-01-15{T}")
    builder.add("training", f.training("2012-06-30", jp, "2012-06-01"), f"2012-07-10{T}")
    if degree:
        s2 = {"level": "S-2", "field_of_study": "Administrasi Publik", "institution": "USU"}
        builder.add("education", {**s2, "effective_date": "2012-08-01", "reference": "IJ-S2"}, f"2012-08-10{T}")
    builder.add("rank_promotion", f.promotion("III/b", "2013-04-01"), f"2013-04-20{T}")
    return builder.record()


def test_the_evidence_lists_the_promoted_s_facts_and_each_colleague_s_for_every_measure() -> None:
    promoted = clerk(date(1985, 1, 1), "M", "BAIK", 20)
    colleague = clerk(date(1985, 2, 2), "F", "SANGAT_BAIK", 40, degree=True)
    records = {r.subject: r for r in (promoted, colleague)}
    fact = promoted.of_kind("rank_promotion")[-1]
    decision = {
        "subject": promoted.subject,
        "version": fact.version,
        "decision": "promotion",
        "kind": "101",
        "tmt": "2013-04-01",
        "recorded_at": f"2013-04-20{T}",
    }
    found = comparison_evidence(lambda subjects: {s: records[s] for s in subjects}, decision, [colleague.subject])
    by_subject: dict[str, list[str]] = {}
    for e in found:
        by_subject.setdefault(e["subject"], []).append(e["kind"])
    assert list(by_subject) == [promoted.subject, colleague.subject]
    assert sorted(by_subject[promoted.subject]) == [
        "appointment",
        "performance_rating",
        "performance_rating",
        "training",
    ]
    assert sorted(by_subject[colleague.subject]) == [
        "appointment",
        "education",
        "performance_rating",
        "performance_rating",
        "training",
    ]
    assert fact.version not in [e["version"] for e in found if e["subject"] == promoted.subject]
