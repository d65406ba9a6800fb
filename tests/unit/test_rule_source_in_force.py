"""A finding cites the regulation in force on the promotion's TMT, not the latest one: a 2002 promotion is judged by
PP 99/2000 as amended by PP 12/2002 (Peraturan BKN 4/2023 did not exist), a 2021 one's ratings by PP 46/2011
(PermenPANRB 6/2022 came in 2022), a 2025 one by the rules of today. The check itself (its params) is the same in
every version, so only the citation differs."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from careerlog.reference import rules
from projections.merit.audit import audit_promotion
from tests import factories as f

T = "T00:00:00+00:00"


def early_promotion_findings(appointed: date, tmt: str) -> dict[str, tuple[str, str]]:
    """The findings (rule: source, status) of a 101 one year after the appointment, with no ratings recorded."""
    builder = f.CareerBuilder(birth=date(appointed.year - 25, 1, 1), appointed=appointed)
    builder.add("rank_promotion", f.promotion("III/b", tmt), f"{tmt}{T}")
    record = builder.record()
    _, findings = audit_promotion(record, record.promotions()[0])
    return {r["rule"]: (r["source"], r["status"]) for r in findings}


def test_a_2002_promotions_findings_cite_pp_99_2000_as_amended_by_pp_12_2002() -> None:
    found = early_promotion_findings(date(2001, 3, 1), "2002-04-01")
    assert found["promotion.time_in_rank"] == ("PP 99/2000 jo PP 12/2002", "S")
    assert found["promotion.performance"] == ("PP 99/2000 jo PP 12/2002; PP 10/1979", "M")
    assert not any("4/2023" in source or "6/2022" in source for source, _ in found.values())


def test_a_2021_promotions_rating_finding_cites_pp_46_2011_not_permenpanrb_6_2022() -> None:
    found = early_promotion_findings(date(2020, 3, 1), "2021-04-01")
    assert found["promotion.performance"] == ("PP 99/2000 jo PP 12/2002; PP 46/2011", "M")
    assert found["promotion.time_in_rank"] == ("PP 99/2000 jo PP 12/2002", "S")


def test_a_2025_promotions_findings_cite_the_current_regulations() -> None:
    found = early_promotion_findings(date(2024, 3, 1), "2025-04-01")
    assert found["promotion.time_in_rank"] == ("PP 99/2000 jo PP 12/2002; Peraturan BKN 4/2023", "S")
    assert found["promotion.performance"] == ("PP 99/2000; PP 30/2019; PermenPANRB 6/2022", "S")


@pytest.mark.parametrize("rule_id", ["promotion.time_in_rank", "promotion.performance", "promotion.dates"])
def test_the_versions_of_a_rule_follow_each_other_without_gap(rule_id: str) -> None:
    versions = sorted(rules().versions(rule_id), key=lambda r: r.valid_from)
    assert len(versions) > 1
    assert all(a.valid_to == b.valid_from for a, b in itertools.pairwise(versions))
    assert versions[-1].valid_to is None


@pytest.mark.parametrize("rule_id", ["promotion.time_in_rank", "promotion.performance"])
def test_the_versions_split_for_their_citation_judge_alike(rule_id: str) -> None:
    versions = rules().versions(rule_id)
    assert len({v.source for v in versions}) == len(versions)
    assert all(v.params == versions[0].params and v.severity == versions[0].severity for v in versions)
