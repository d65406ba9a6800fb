"""The rule engine and the audit of one promotion: exact outcomes, boundaries, evidence."""

from __future__ import annotations

import json
from datetime import date

from projections.merit.audit import MeritProjection, audit_promotion
from projections.merit.queries import clearly_stronger
from projections.merit.rules import MET, MISSING, Check, PromotionJudge, round_dates
from tests import factories as f

T = "T00:00:00+00:00"


def confirmed() -> f.CareerBuilder:
    """A III/a CPNS of 2010-03-01, confirmed in 2011, rated Baik every year."""
    builder = f.CareerBuilder().add(
        "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    )
    for year in range(2010, 2016):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def outcomes(builder: f.CareerBuilder, day: str, kind: str = "101", new: str = "III/b") -> dict[str, str]:
    return {c.rule: c.outcome for c in PromotionJudge(builder.record()).checks(date.fromisoformat(day), kind, new)}


def test_a_regular_promotion_after_four_years_with_good_ratings_meets_every_rule() -> None:
    result = outcomes(confirmed(), "2014-04-01")
    assert result == {
        "promotion.time_in_rank": MET,
        "promotion.performance": MET,
        "promotion.education_ceiling": MET,
        "promotion.dates": MET,
        "promotion.penalty": MET,
        "promotion.one_step": MET,
        "promotion.regular_without_post": MET,
        "promotion.no_probation": MET,
        "promotion.legal_status": MET,
    }  # promotion.training is in force only from 2017-03-30
    assert outcomes(confirmed(), "2018-04-01")["promotion.training"] == MISSING  # shown, not enforced


def test_time_in_rank_is_missing_one_day_before_four_years_and_met_on_the_day() -> None:
    assert outcomes(confirmed(), "2014-02-28")["promotion.time_in_rank"] == MISSING
    assert outcomes(confirmed(), "2014-03-01")["promotion.time_in_rank"] == MET


def test_the_permitted_dates_change_with_the_rule_version_of_2024() -> None:
    assert outcomes(confirmed(), "2023-06-01")["promotion.dates"] == MISSING
    assert outcomes(confirmed(), "2024-06-01")["promotion.dates"] == MET
    assert list(round_dates(date(2023, 9, 1), date(2024, 4, 1))) == [
        date(2023, 10, 1),
        date(2024, 2, 1),
        date(2024, 4, 1),
    ]


def test_a_butuh_perbaikan_rating_in_the_years_before_is_missing_performance_with_the_ratings_as_evidence() -> None:
    builder = confirmed().add("performance_rating", f.rating(2016, "BUTUH_PERBAIKAN"), f"2017-01-15{T}")
    check = next(
        c
        for c in PromotionJudge(builder.record()).checks(date(2018, 4, 1), "101", "III/b")
        if c.rule == "promotion.performance"
    )
    assert check.outcome == MISSING
    assert check.message == "ratings below BAIK or absent for 2016, 2017"
    assert [e.get("year") for e in check.evidence] == [2016]


def performance_check(builder: f.CareerBuilder, day: date, kind: str = "101", new: str = "III/b") -> Check:
    return next(c for c in PromotionJudge(builder.record()).checks(day, kind, new) if c.rule == "promotion.performance")


def test_the_ratings_asked_are_of_the_years_served_never_of_a_year_before_the_appointment() -> None:
    # a CPNS of 1 December 2025 promoted on 1 December 2026 served 2025 (rated or not), never 2024
    appointed = f.CareerBuilder(appointed=date(2025, 12, 1))
    assert performance_check(appointed, date(2026, 12, 1)).message == "ratings below BAIK or absent for 2025"
    rated = f.CareerBuilder(appointed=date(2025, 12, 1)).add("performance_rating", f.rating(2025), f"2026-01-15{T}")
    assert performance_check(rated, date(2026, 12, 1)).outcome == MET
    # one who served none of the years before the TMT's is asked the first year served, not a year before it, worded
    # as what it is (until 2026-12-05 "ratings below BAIK or absent for 2026", an impossible demand): the same outcome
    first_year = performance_check(f.CareerBuilder(appointed=date(2026, 2, 1)), date(2026, 12, 1))
    assert first_year.message == "no year of service rated yet (appointed 2026-02-01)"
    assert first_year.outcome == MISSING
    # one who served both years is asked both, as before
    assert performance_check(f.CareerBuilder(appointed=date(2024, 12, 1)), date(2026, 12, 1)).message == (
        "ratings below BAIK or absent for 2024, 2025"
    )


def test_crossing_into_iii_a_needs_the_service_exam() -> None:
    def clerk() -> f.CareerBuilder:
        return f.CareerBuilder(rank="II/d", education="D-III").add(
            "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
        )

    assert outcomes(clerk(), "2014-04-01", new="III/a")["promotion.service_exam"] == MISSING
    passed = clerk().add("exam", {"exam": "UD_I", "effective_date": "2013-05-01", "reference": "UD-1"})
    assert outcomes(passed, "2014-04-01", new="III/a")["promotion.service_exam"] == MET


def test_a_medium_penalty_blocks_a_promotion_until_its_last_day() -> None:
    penalty = {
        "level": "MEDIUM",
        "penalty_kind": "PENUNDAAN_KP_1",
        "end_date": "2014-04-30",
        "effective_date": "2013-11-01",
        "reference": "HD-1",
    }
    record = confirmed().add("penalty", penalty).record()
    judge = PromotionJudge(record)

    def outcome(day: date) -> str:
        return next(c.outcome for c in judge.checks(day, "101", "III/b") if c.rule == "promotion.penalty")

    assert outcome(date(2014, 4, 1)) == MISSING  # served until 2014-04-30
    assert outcome(date(2014, 6, 1)) == MET


def test_a_promotion_before_confirmation_is_missing_no_probation() -> None:
    builder = f.CareerBuilder()
    assert outcomes(builder, "2014-04-01")["promotion.no_probation"] == MISSING


def test_the_audit_judges_by_what_was_recorded_before_the_decision_and_flags_late_evidence() -> None:
    builder = f.CareerBuilder().add(
        "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    )
    builder.add("performance_rating", f.rating(2012), f"2013-01-15{T}")
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    builder.add("performance_rating", f.rating(2013), f"2014-06-01{T}")  # recorded after the decision
    record = builder.record()
    decision, findings = audit_promotion(record, record.promotions()[0])
    assert decision["verdict"] == "findings"
    rules = {r["rule"]: r for r in findings}
    assert set(rules) == {"promotion.performance", "evidence.recorded_after"}
    late = json.loads(rules["evidence.recorded_after"]["evidence"])
    assert [(e["kind"], e["effective_date"], e["recorded_at"][:10]) for e in late] == [
        ("performance_rating", "2013-12-31", "2014-06-01")
    ]


def test_a_corrected_promotion_is_audited_as_corrected_and_a_retracted_one_not_at_all() -> None:
    builder = confirmed()
    builder.add("rank_promotion", f.promotion("III/b", "2014-03-01"), f"2014-04-10{T}")  # version 9: wrong date
    builder.add("correction", f.correction(9, "2014-05-01", effective_date="2014-04-01"), f"2014-05-01{T}")
    builder.add("rank_promotion", f.promotion("III/c", "2016-04-01"), f"2016-04-10{T}")  # version 11
    builder.add("retraction", f.retraction(11, "2016-05-01"), f"2016-05-01{T}")
    rows = MeritProjection().rows(builder.record())
    promotions = [d for d in rows["decisions"] if d["decision"] == "promotion"]  # (the appointment is one too)
    assert [(d["version"], d["tmt"], d["corrected"], d["verdict"]) for d in promotions] == [
        (9, "2014-04-01", 1, "compliant")
    ]


def test_promotion_rounds_list_the_eligible_rounds_and_the_promotion_round() -> None:
    builder = confirmed().add("rank_promotion", f.promotion("III/b", "2014-10-01"), f"2014-10-10{T}")
    rounds = MeritProjection().rows(builder.record())["promotion_rounds"]
    assert [(r["round_date"], r["eligible"], r["promoted"], r["rank"]) for r in rounds] == [
        ("2014-04-01", 1, 0, "III/a"),
        ("2014-10-01", 1, 1, "III/a"),
    ]
    first = rounds[0]
    assert (first["performance"], first["training_jp"], first["days_in_rank"]) == (4.0, 0.0, 1492)
    assert (first["sex"], first["education"], first["employment_kind"]) == ("M", "S-1", "PNS")


def test_a_colleague_is_clearly_stronger_only_when_not_weaker_anywhere_and_better_on_two_including_performance() -> (
    None
):
    mine = (4.0, 20.0, 1500, 5)
    assert clearly_stronger((4.5, 30.0, 1500, 5), mine, 2)
    assert not clearly_stronger((4.5, 20.0, 1500, 5), mine, 2)  # better on performance only
    assert not clearly_stronger((4.0, 30.0, 1600, 5), mine, 2)  # better on two, but not performance
    assert not clearly_stronger((5.0, 40.0, 1499, 6), mine, 2)  # weaker on time in rank


def test_eligibility_gives_the_first_permitted_date_after_the_time_in_rank_and_what_is_missing_then() -> None:
    rows = MeritProjection().rows(confirmed().record())["eligibility"]
    assert [(r["kind"], r["rank"], r["new_rank"], r["earliest_date"], r["missing"]) for r in rows] == [
        ("101", "III/a", "III/b", "2014-04-01", "[]")
    ]
    late = f.CareerBuilder(appointed=date(2020, 3, 1))  # unconfirmed, unrated CPNS
    row = MeritProjection().rows(late.record())["eligibility"][0]
    assert row["earliest_date"] == "2024-04-01"  # 2024-03-01 is no longer a permitted date
    assert json.loads(row["missing"]) == ["promotion.performance", "promotion.no_probation"]
    requirements = {r["rule"]: (r["outcome"], r["enforced"]) for r in json.loads(row["requirements"])}
    assert requirements["promotion.training"] == (MISSING, False)


def test_a_judge_asked_on_many_days_answers_as_a_new_judge_each_day() -> None:
    """A judge keeps the outcomes that depend on the year or the degrees held: asked again on other
    days (as the promotion rounds ask), each answer is a new judge's, worded alike."""
    record = (
        confirmed()
        .add(
            "education",
            {
                "level": "S2",
                "field_of_study": "Administrasi Publik",
                "institution": "USU",
                "effective_date": "2013-08-01",
                "reference": "IJ-2",
            },
        )
        .add("training", f.training("2013-05-03", hours=24, start="2013-05-01"))
        .record()
    )
    judge = PromotionJudge(record)

    def seen(j: PromotionJudge, day: date, kind: str, new: str) -> list[tuple[object, ...]]:
        return [(c.rule, c.outcome, c.enforced, c.message, c.evidence) for c in j.checks(day, kind, new)]

    days = [date(y, m, 1) for y in range(2012, 2017) for m in (4, 10)]
    for kind, new in (("101", "III/b"), ("101", "III/c"), ("202", "III/b")):
        for day in days + days[::-1]:
            assert seen(judge, day, kind, new) == seen(PromotionJudge(record), day, kind, new), (day, kind, new)
            fresh = PromotionJudge(record)
            assert judge.barred(day, kind, new) == any(c.finding for c in fresh.outcomes(day, kind, new))
