"""A definitive post taken on the day of the appointment itself (the CPNS's first pelaksana post, a Guru appointed
straight into Ahli Pertama) is audited with the rank that appointment gives: the appointment and its first post
take effect together. Before, the decision's rank was the rank held the day before, none, so the audited post
lists and pages showed a blank 'Rank' for most first posts and post.rank_range judged nothing. A promotion of the
post's day is a decision of its own and still does not count: the rank held the day before is judged."""

from __future__ import annotations

from projections.merit.audit import audit_post
from projections.merit.posts import PostJudge
from projections.merit.rules import MET, MISSING
from tests import factories as f
from tests.unit.test_merit_posts import T, checks, post


def test_a_post_of_the_appointment_day_is_audited_with_the_rank_the_appointment_gives() -> None:
    builder = f.CareerBuilder(rank="III/a").add("post_appointment", post("PELAKSANA", "2010-03-01"))
    record = builder.record()
    decision, findings = audit_post(record, record.of_kind("post_appointment")[-1])
    assert (decision["kind"], decision["rank_before"], decision["verdict"]) == ("PELAKSANA", "III/a", "compliant")
    assert findings == []


def test_a_functional_post_of_the_appointment_day_is_judged_by_the_level_s_range_on_the_appointment_rank() -> None:
    within = f.CareerBuilder(rank="III/a").add("post_appointment", post("FUNGSIONAL", "2010-03-01", "AHLI_PERTAMA"))
    found = checks(within)["post.rank_range"]
    assert found.outcome == MET
    assert [e.kind for e in found.evidence] == ["appointment"]
    above = f.CareerBuilder(rank="III/a").add("post_appointment", post("FUNGSIONAL", "2010-03-01", "AHLI_MADYA"))
    assert checks(above)["post.rank_range"].outcome == MISSING


def test_a_promotion_of_the_post_s_own_day_does_not_count_the_rank_held_the_day_before_does() -> None:
    builder = f.CareerBuilder(rank="III/c").add("post_appointment", post("PELAKSANA", "2010-03-01"))
    builder.add("rank_promotion", f.promotion("III/d", "2014-04-01"), f"2014-04-02{T}")
    builder.add("post_appointment", post("ADMINISTRATOR", "2014-04-01", "III.a"), f"2014-04-03{T}")
    record = builder.record()
    fact = record.of_kind("post_appointment")[-1]
    decision, _findings = audit_post(record, fact)
    assert decision["rank_before"] == "III/c"
    assert {c.rule: c.outcome for c in PostJudge(record).checks(fact)}["post.rank_range"] == MISSING
