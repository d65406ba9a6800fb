"""The rules whose regulation changed cite, for a decision, the regulation in force on its TMT (found 2026-12-05:
promotion.penalty cited "PP 94/2021; PP 53/2010" for a 2005 decision, before either; promotion.no_probation and
promotion.legal_status cited PP 11/2017 from 2000; promotion.functional_range PermenPANRB 1/2023 from 2000). Each is
split by period as promotion.time_in_rank is: the same check and params, only the citation (and status) differ."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest

from careerlog.reference import rules
from projections.merit.audit import MeritProjection, audit_promotion
from projections.merit.eligibility import with_sources
from projections.merit.rules import PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
NEW_RANGES = "PermenPANRB 1/2023"


def penalised_promotion_findings(appointed: date, penalty: dict[str, str], tmt: str) -> dict[str, tuple[str, str]]:
    """The findings (rule: source, status) of a 101 promoted while a medium penalty runs (a CPNS: no confirmation)."""
    builder = f.CareerBuilder(birth=date(appointed.year - 25, 1, 1), appointed=appointed)
    builder.add("penalty", {"level": "MEDIUM", "reference": "HD-1", **penalty})
    builder.add("rank_promotion", f.promotion("III/b", tmt), f"{tmt}{T}")
    record = builder.record()
    _, findings = audit_promotion(record, record.promotions()[0])
    return {r["rule"]: (r["source"], r["status"]) for r in findings}


@pytest.mark.parametrize(
    ("appointed", "penalty", "tmt", "discipline", "probation"),
    [
        (date(2001, 3, 1), "2004-10-01", "2005-04-01", "PP 30/1980", ("PP 98/2000 jo PP 11/2002", "M")),
        (date(2008, 3, 1), "2011-10-01", "2012-04-01", "PP 53/2010", ("PP 98/2000 jo PP 11/2002", "M")),
        (date(2019, 3, 1), "2022-10-01", "2023-04-01", "PP 94/2021", ("PP 11/2017 art. 34-37", "S")),
    ],
)
def test_a_promotion_under_a_penalty_cites_the_discipline_regulation_of_its_day(
    appointed: date, penalty: str, tmt: str, discipline: str, probation: tuple[str, str]
) -> None:
    kind = "POTONG_TUKIN_12" if penalty >= "2021-08-31" else "PENUNDAAN_KP_1"
    found = penalised_promotion_findings(appointed, {"penalty_kind": kind, "effective_date": penalty}, tmt)
    assert found["promotion.penalty"] == (discipline, "M")
    assert found["promotion.no_probation"] == probation


def test_an_eligibility_requirement_cites_the_regulation_of_the_day_it_is_judged() -> None:
    """A CPNS of 2010 with a medium penalty of 2013: the 2014 offer's requirements cite PP 53/2010 and PP 98/2000 jo
    PP 11/2002, not PP 94/2021 and PP 11/2017 (judged for 1 April 2015, the first date past the penalty)."""
    builder = f.CareerBuilder()
    for year in range(2010, 2013):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    penalty = {"level": "MEDIUM", "penalty_kind": "PENUNDAAN_KP_1", "effective_date": "2013-11-01", "reference": "HD-1"}
    builder.add("penalty", penalty, f"2013-11-10{T}")
    row = MeritProjection().rows(builder.record())["eligibility"][0]
    assert row["judged_on"] == "2015-04-01"  # the first date past the penalty's 12 months (merit 62; was 2014-04-01)
    requirements = with_sources(rules(), json.loads(row["requirements"]), row["judged_on"])  # (as the answer reads)
    sources = {r["rule"]: (r["source"], r["status"]) for r in requirements}
    assert sources["promotion.penalty"] == ("PP 53/2010", "M")
    assert sources["promotion.no_probation"] == ("PP 98/2000 jo PP 11/2002", "M")
    assert sources["promotion.legal_status"][0].startswith("PP 24/1976 (CLTN); PP 4/1966")


@pytest.mark.parametrize(
    ("day", "legal_status"),
    [(date(2017, 3, 29), "PP 24/1976 (CLTN); PP 4/1966"), (date(2017, 3, 30), "PP 11/2017 (CLTN")],
)
def test_the_legal_status_check_cites_pp_11_2017_from_its_day_only(day: date, legal_status: str) -> None:
    record = f.CareerBuilder().confirmed().record()
    checks = {c.rule: c for c in PromotionJudge(record).checks(day, "101", "III/b")}
    assert checks["promotion.legal_status"].source.startswith(legal_status)
    assert checks["promotion.legal_status"].status == "I"


@pytest.mark.parametrize(
    ("day", "source"),
    [
        (
            date(2022, 10, 1),
            "PermenPAN(RB) of each functional post (its jenjang and rank ranges), before " + NEW_RANGES,
        ),
        (date(2023, 1, 1), NEW_RANGES + "; Peraturan BKN 3/2023"),
    ],
)
def test_the_functional_range_cites_permenpanrb_1_2023_from_2023_only(day: date, source: str) -> None:
    rule = rules().in_force("promotion.functional_range", day)
    assert rule is not None
    assert (rule.source, rule.status) == (source, "M")


SPLIT = ["promotion.penalty", "promotion.no_probation", "promotion.legal_status", "promotion.functional_range"]


@pytest.mark.parametrize("rule_id", SPLIT)
def test_the_versions_follow_each_other_and_judge_alike(rule_id: str) -> None:
    versions = sorted(rules().versions(rule_id), key=lambda r: r.valid_from)
    assert len(versions) > 1
    assert all(a.valid_to == b.valid_from for a, b in itertools.pairwise(versions))
    assert versions[-1].valid_to is None
    assert len({v.source for v in versions}) == len(versions)
    assert all(v.params == versions[0].params and v.severity == versions[0].severity for v in versions)
