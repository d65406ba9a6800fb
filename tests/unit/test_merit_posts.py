"""The post rules and grade inflation: exact outcomes, boundaries, messages and evidence."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from projections.career import CareerRecord
from projections.merit.audit import MeritProjection, audit_post
from projections.merit.distribution import judge_unit_year, staff_rating_rows
from projections.merit.posts import PostJudge
from projections.merit.rules import MET, MISSING, Check
from tests import factories as f

T = "T00:00:00+00:00"


def post(kind: str, day: str, level: str | None = None, selection: str | None = None, **extra: Any) -> dict[str, Any]:
    payload = {
        "post_kind": kind,
        "title": f"{kind.title()} {day}",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": day,
        "reference": f"SK-JAB-{day}-{kind}",
        **extra,
    }
    if level is not None:
        payload["level"] = level
    if selection is not None:
        payload["selection"] = selection
    return payload


def clerk(**fields: Any) -> f.CareerBuilder:
    """A III/a S-1 CPNS of 2010-03-01 in a pelaksana post, confirmed 2011, rated Baik 2010-2019."""
    builder = f.CareerBuilder(**fields).add("post_appointment", post("PELAKSANA", "2010-03-01"))
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    for year in range(2010, 2020):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def supervisor() -> f.CareerBuilder:
    """The clerk promoted to III/b in 2014 and trained PKP in 2017: ready for a Pengawas post."""
    builder = clerk().add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    return builder.add("training", f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP"))


def checks(builder: f.CareerBuilder, version: int | None = None) -> dict[str, Check]:
    """The post checks of the builder's last (or a given) post appointment, on the final record."""
    record: CareerRecord = builder.record()
    appointments = record.of_kind("post_appointment")
    fact = appointments[-1] if version is None else next(a for a in appointments if a.version == version)
    return {c.rule: c for c in PostJudge(record).checks(fact)}


def outcomes(found: dict[str, Check]) -> dict[str, str]:
    return {rule: c.outcome for rule, c in found.items()}


def test_a_qualified_pengawas_appointment_meets_every_rule_that_applies() -> None:
    builder = supervisor().add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    found = checks(builder)
    assert outcomes(found) == {
        "post.rank_range": MET,
        "post.education": MET,
        "post.post_below": MET,
        "post.performance": MET,
        "post.leadership_training": MET,
    }
    assert (
        found["post.post_below"].message == "2864 days in PELAKSANA or FUNGSIONAL by 2018-01-02; 4 y (1461 days) needed"
    )
    assert found["post.leadership_training"].message == "PKP completed on 2017-06-30"


def test_a_rank_below_the_eselon_range_is_missing_rank_range_with_the_rank_as_evidence() -> None:
    builder = clerk().add("training", f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP"))
    builder.add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    found = checks(builder)["post.rank_range"]
    assert (found.outcome, found.message) == (MISSING, "rank III/a; the post's range is III/b to III/d")
    assert [e.kind for e in found.evidence] == ["appointment"]


def test_years_in_the_post_below_are_missing_one_day_short_and_met_on_the_day() -> None:
    def pengawas(day: str) -> dict[str, str]:
        builder = f.CareerBuilder().add("post_appointment", post("PELAKSANA", "2014-01-02"))
        builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
        builder.add("post_appointment", post("PENGAWAS", day, "IV.a"), f"{day}{T}")
        return outcomes(checks(builder))

    assert pengawas("2018-01-01")["post.post_below"] == MISSING  # 1460 of 1461 days
    assert pengawas("2018-01-02")["post.post_below"] == MET


def test_a_pengawas_without_pkp_or_with_a_butuh_perbaikan_year_is_missing_those_rules() -> None:
    builder = clerk().add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    builder.add("performance_rating", f.rating(2020, "BUTUH_PERBAIKAN"), f"2021-01-15{T}")
    builder.add("post_appointment", post("PENGAWAS", "2021-06-01", "IV.a"), f"2021-06-10{T}")
    found = checks(builder)
    assert {r: c.outcome for r, c in found.items() if c.outcome == MISSING} == {
        "post.leadership_training": MISSING,
        "post.performance": MISSING,
    }
    assert found["post.leadership_training"].message == "no PKP completed by 2021-06-01"
    assert found["post.performance"].message == "ratings below BAIK or absent for 2020"


def jpt_candidate(birth: date = date(1962, 1, 15)) -> f.CareerBuilder:
    """A IV/b S-2 official of 1990 with four years as Administrator and PKN II done."""
    builder = f.CareerBuilder(birth=birth, appointed=date(1990, 3, 1), education="S-2", rank="III/b")
    builder.add("post_appointment", post("ADMINISTRATOR", "2014-01-02", "III.a"), f"2014-01-10{T}")
    builder.add("rank_promotion", f.promotion("IV/b", "2015-04-01", kind="201"), f"2015-04-10{T}")
    for year in range(2014, 2022):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder.add("training", f.training("2017-09-30", 200, "2017-06-01", training_kind="PKN_II"))


def test_a_jpt_pratama_needs_open_selection_experience_and_an_age_of_at_most_56() -> None:
    clean = jpt_candidate().add("post_appointment", post("JPT_PRATAMA", "2018-01-15", "II.b", "OPEN"))
    found = checks(clean)
    assert outcomes(found) == {
        "post.rank_range": MET,
        "post.education": MET,
        "post.experience": MET,
        "post.post_below": MET,
        "post.max_age": MET,
        "post.performance": MET,
        "post.leadership_training": MET,
        "post.open_selection": MET,
    }
    assert found["post.max_age"].message == "age 56 on 2018-01-15; at most 56"
    direct = jpt_candidate(date(1962, 1, 14)).add(
        "post_appointment", post("JPT_PRATAMA", "2018-01-15", "II.b", "DIRECT")
    )
    found = checks(direct)
    assert found["post.max_age"].outcome == MET  # still 56 (57 the next day)
    selection = found["post.open_selection"]
    assert (selection.outcome, selection.message) == (MISSING, "selection DIRECT; allowed: OPEN, TALENT_POOL")
    old = jpt_candidate(date(1961, 1, 15)).add("post_appointment", post("JPT_PRATAMA", "2018-01-15", "II.b", "OPEN"))
    age = checks(old)["post.max_age"]
    assert (age.outcome, age.message) == (MISSING, "age 57 on 2018-01-15; at most 56")


def test_one_born_on_29_february_is_a_year_older_on_28_february_of_a_common_year_for_a_posts_age_limit() -> None:
    leapling = jpt_candidate(date(1964, 2, 29)).add(
        "post_appointment", post("JPT_PRATAMA", "2021-02-28", "II.b", "OPEN")
    )
    age = checks(leapling)["post.max_age"]  # 57 on 28 February 2021, as the appointment's minimum age counts it
    assert (age.outcome, age.message) == (MISSING, "age 57 on 2021-02-28; at most 56")


def test_a_jpt_holder_moved_within_two_years_is_missing_jpt_tenure_unless_moved_up() -> None:
    def moved(kind: str, day: str, level: str) -> dict[str, Check]:
        builder = jpt_candidate().add("post_appointment", post("JPT_PRATAMA", "2018-01-15", "II.b", "OPEN"))
        builder.add("post_appointment", post(kind, day, level, "OPEN" if kind.startswith("JPT") else None))
        return checks(builder)

    early = moved("ADMINISTRATOR", "2019-06-03", "III.a")["post.jpt_tenure"]
    assert (early.outcome, early.message) == (
        MISSING,
        "JPT_PRATAMA held since 2018-01-15; not to be replaced before 2020-01-15",
    )
    assert early.evidence[0].get("post_kind") == "JPT_PRATAMA"
    assert moved("JPT_PRATAMA", "2020-01-15", "II.a")["post.jpt_tenure"].outcome == MET
    assert "post.jpt_tenure" not in moved("JPT_MADYA", "2019-06-03", "I.b")


def test_a_move_up_a_functional_ladder_shows_the_credit_earned_in_the_level_held_but_raises_no_finding() -> None:
    builder = f.CareerBuilder(appointed=date(2018, 3, 1))
    builder.add("post_appointment", post("FUNGSIONAL", "2022-01-03", "AHLI_PERTAMA"), f"2022-01-10{T}")
    builder.add("performance_rating", f.rating(2022), f"2023-01-15{T}")
    builder.add("performance_rating", f.rating(2023, "SANGAT_BAIK"), f"2024-01-15{T}")
    builder.add("rank_promotion", f.promotion("III/c", "2024-04-01", kind="202"), f"2024-04-10{T}")
    builder.add("post_appointment", post("FUNGSIONAL", "2024-06-03", "AHLI_MUDA"), f"2024-06-10{T}")
    found = checks(builder)
    credit = found["post.credit_points"]
    assert (credit.outcome, credit.enforced, credit.finding) == (MISSING, False, False)
    assert credit.message == "credit 31.25 in AHLI_PERTAMA since 2022; 50 needed for AHLI_MUDA"
    assert found["post.rank_range"].outcome == MET  # III/c within Ahli Muda's III/c-III/d


def test_a_post_audit_judges_by_what_was_recorded_before_and_flags_the_late_leadership_training() -> None:
    builder = clerk().add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    builder.add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    late = f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP")
    builder.add("training", late, f"2018-02-01{T}")  # effective before the TMT, recorded after the decision
    record = builder.record()
    decision, findings = audit_post(record, record.of_kind("post_appointment")[-1])
    assert (decision["decision"], decision["kind"], decision["level"], decision["rank_before"]) == (
        "post",
        "PENGAWAS",
        "IV.a",
        "III/b",
    )
    assert (decision["verdict"], decision["finding_count"], decision["max_severity"]) == ("findings", 2, "high")
    rules = {r["rule"]: r for r in findings}
    assert set(rules) == {"post.leadership_training", "evidence.recorded_after"}
    evidence = json.loads(rules["evidence.recorded_after"]["evidence"])
    assert [(e["kind"], e["effective_date"], e["recorded_at"][:10]) for e in evidence] == [
        ("training", "2017-06-30", "2018-02-01")
    ]


def test_only_definitive_posts_are_audited_and_each_is_a_decision_row() -> None:
    builder = supervisor().add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    builder.add("post_appointment", post("ADMINISTRATOR", "2019-02-01", "III.a", assignment="PLT"))
    rows = MeritProjection().rows(builder.record())["decisions"]
    assert [(r["decision"], r["kind"], r["verdict"]) for r in rows] == [
        ("promotion", "101", "compliant"),
        ("post", "PELAKSANA", "compliant"),
        ("post", "PENGAWAS", "compliant"),
        ("appointment", "S-1", "compliant"),  # the CPNS appointment, at the start of S-1 (III/a)
    ]


def test_a_baik_unit_may_have_at_most_70_percent_baik_and_10_percent_sangat_baik() -> None:
    from careerlog.reference import rules

    rule = rules().in_force("skp.distribution", date(2023, 12, 31))
    assert rule is not None
    assert judge_unit_year(rule, "BAIK", {"BAIK": 8, "SANGAT_BAIK": 1, "BUTUH_PERBAIKAN": 1}) == [
        {"predicate": "BAIK", "share": 0.8, "max_share": 0.7}
    ]
    assert judge_unit_year(rule, "BAIK", {"BAIK": 7, "SANGAT_BAIK": 1, "BUTUH_PERBAIKAN": 2}) == []
    assert judge_unit_year(rule, "BAIK", {"BAIK": 6, "SANGAT_BAIK": 2, "BUTUH_PERBAIKAN": 2}) == [
        {"predicate": "SANGAT_BAIK", "share": 0.2, "max_share": 0.1}
    ]
    assert judge_unit_year(rule, "BAIK", {"BAIK": 4}) == []  # fewer than 5 rated staff: not judged
    assert judge_unit_year(rule, "SANGAT_BAIK", {"BAIK": 8, "SANGAT_BAIK": 2}) == []


def test_staff_ratings_are_kept_from_the_rule_s_first_year_in_the_unit_held_on_31_december() -> None:
    builder = clerk().add(
        "placement",
        {"agency": "KOTA-MEDAN", "unit": "Dinas Pendidikan", "region": "12.71", "effective_date": "2019-12-31",
         "reference": "SK-MUT-1"},
    )  # fmt: skip
    for year in (2020, 2021, 2022, 2023):
        builder.add(
            "performance_rating", f.rating(year, "SANGAT_BAIK" if year == 2023 else "BAIK"), f"{year + 1}-01-15{T}"
        )
    rows = staff_rating_rows(builder.record())
    assert [(r["year"], r["unit"], r["predicate"]) for r in rows] == [
        (2022, "Dinas Pendidikan", "BAIK"),
        (2023, "Dinas Pendidikan", "SANGAT_BAIK"),
    ]


def test_a_unit_s_own_ratings_become_rows_with_the_rating_as_evidence() -> None:
    from careerlog.domain.events import BY_KIND
    from careerlog.domain.unit import Unit

    recorded = f.recording(f.NOW)
    unit = Unit.register("KOTA-MEDAN", "BKPSDM", date(2023, 1, 10), recorded)
    payload = {"year": 2022, "predicate": "BAIK", "effective_date": "2023-01-10", "reference": "SKP-UNIT-2022"}
    unit.record(BY_KIND["unit_rating"], f._parse("unit_rating", payload), recorded)
    record = CareerRecord.from_events(unit.id, list(unit.collect_events()))
    rows = MeritProjection().rows(record)["unit_ratings"]
    assert [(r["agency"], r["unit"], r["year"], r["predicate"]) for r in rows] == [
        ("KOTA-MEDAN", "BKPSDM", 2022, "BAIK")
    ]
    assert [(e["kind"], e["effective_date"], e["reference"]) for e in json.loads(rows[0]["evidence"])] == [
        ("unit_rating", "2023-01-10", "SKP-UNIT-2022")
    ]


def test_an_ahli_utama_of_two_years_has_held_the_post_below_a_jpt_madya_or_a_jpt_utama() -> None:
    """The reference (section 3, S): a JPT Utama or Madya needs 2 years in the post below, JPT Madya or JPT Pratama,
    or as Ahli Utama (as a JPT Pratama needs Administrator or Ahli Madya)."""

    def from_ahli_utama(kind: str, day: str) -> Check:
        builder = f.CareerBuilder(birth=date(1970, 1, 15), appointed=date(1995, 3, 1), education="S-3", rank="III/c")
        builder.add("rank_promotion", f.promotion("IV/d", "2015-04-01", kind="202"), f"2015-04-10{T}")
        builder.add("post_appointment", post("FUNGSIONAL", "2016-01-04", "AHLI_UTAMA"), f"2016-01-10{T}")
        builder.add("post_appointment", post(kind, day, "I.b" if kind == "JPT_MADYA" else "I.a", "OPEN"))
        return checks(builder)["post.post_below"]

    madya = from_ahli_utama("JPT_MADYA", "2018-01-04")
    assert (madya.outcome, madya.message) == (
        MET,
        "731 days in JPT_PRATAMA or FUNGSIONAL:AHLI_UTAMA by 2018-01-04; 2 y (731 days) needed",
    )
    assert [e.get("level") for e in madya.evidence] == ["AHLI_UTAMA"]
    assert from_ahli_utama("JPT_MADYA", "2018-01-03").outcome == MISSING  # a day short
    assert from_ahli_utama("JPT_UTAMA", "2018-01-04").outcome == MET


def test_a_post_in_the_year_of_the_appointment_is_worded_as_no_year_rated_yet() -> None:
    """A CPNS appointed in 2026 and given a post in 2026: no year of service could be rated yet (until 2026-12-05
    "ratings below BAIK or absent for 2026", read as an impossible demand); the same outcome."""
    builder = f.CareerBuilder(appointed=date(2026, 2, 1))
    builder.add("post_appointment", post("PENGAWAS", "2026-06-01", "IV.a"), f"2026-06-10{T}")
    found = checks(builder)
    assert found["post.performance"].message == "no year of service rated yet (appointed 2026-02-01)"
    assert found["post.performance"].outcome == MISSING
