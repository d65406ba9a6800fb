"""An audited decision's page (and `careerlog audit promotion`) read its subject's record from the ledger three times,
once for each of its confirmations, corrections and rules judged (the review of 2026-12-07): `decision_history` reads
it once and gives all three."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from projections.career import CareerRecord
from projections.merit.audit import decision_history
from tests import factories as f


def test_a_decision_s_history_reads_its_subject_s_record_once() -> None:
    builder = f.CareerBuilder(appointed=date(2010, 3, 1)).confirmed()
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"))
    record = builder.record()
    version = max(v for v, fact in record.facts.items() if fact.kind == "rank_promotion")
    asked: list[tuple[str, ...]] = []

    def records(subjects: Sequence[str]) -> dict[str, CareerRecord]:
        asked.append(tuple(subjects))
        return {builder.nip: record}

    decision = {"decision": "promotion", "subject": builder.nip, "version": version, "tmt": "2014-04-01"}
    found = decision_history(records, decision)

    assert asked == [(builder.nip,)]
    assert set(found) == {"confirmations", "corrections", "rules_judged"}
    assert "promotion.time_in_rank" in {r["rule"] for r in found["rules_judged"]}
    assert found["corrections"] == []
