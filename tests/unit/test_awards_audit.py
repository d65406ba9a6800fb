"""The awards audit: long-service decorations against years served and penalties, achievement
awards against performance, each judged by what was recorded before the award."""

from __future__ import annotations

from datetime import date
from typing import Any

from projections.career import CareerRecord
from projections.scorecard.awards import AwardsProjection, audit_award, service_years
from tests import factories as f

APPOINTED = date(2010, 3, 1)


def career() -> f.CareerBuilder:
    return f.CareerBuilder(appointed=APPOINTED)


def penalty(level: str, kind: str, day: str) -> dict[str, Any]:
    return {"level": level, "penalty_kind": kind, "effective_date": day, "reference": f"HD-{day}"}


def findings(record: CareerRecord) -> list[dict[str, Any]]:
    return [found.as_dict() for fact in record.of_kind("award") for found in audit_award(record, fact)]


def test_a_ten_year_decoration_after_ten_years_without_penalty_has_no_finding() -> None:
    builder = career().add("award", f.award("SLKS_10", "2020-03-01"))
    record = builder.record()
    assert findings(record) == []
    assert service_years(record, date(2020, 3, 1)) == 10


def test_a_twenty_year_decoration_after_fifteen_years_is_a_finding() -> None:
    builder = career().add("award", f.award("SLKS_20", "2025-08-17"))
    record = builder.record()
    assert findings(record) == [
        {
            "rule": "awards.long_service_years",
            "severity": "high",
            "source": "UU 20/2009 art. 28; PP 35/2010 (10, 20 and 30 years of service, S); counting service "
            "from the TMT CPNS to the award's TMT is an inference",
            "status": "I",
            "message": "SLKS_20 needs 20 years of service; 15 served at 2025-08-17",
            "evidence": [1, 2],
        }
    ]


def test_unpaid_leave_does_not_count_as_service() -> None:
    builder = (
        career()
        .add("status_change", f.status("UNPAID_LEAVE", "2013-03-01"))
        .add("status_change", f.status("ACTIVE", "2015-03-01"))
        .add("award", f.award("SLKS_10", "2020-08-17"))
    )
    record = builder.record()
    assert service_years(record, date(2020, 8, 17)) == 8  # 730 days away: from 2012-02-29
    assert [x["message"] for x in findings(record)] == ["SLKS_10 needs 10 years of service; 8 served at 2020-08-17"]


def test_a_decoration_to_someone_given_a_medium_penalty_is_a_finding_and_a_light_one_is_not() -> None:
    builder = (
        career()
        .add("penalty", penalty("LIGHT", "TEGURAN_LISAN", "2014-05-02"))
        .add("penalty", penalty("MEDIUM", "PENUNDAAN_KP_1", "2016-05-02"))
        .add("award", f.award("SLKS_10", "2021-08-17"))
    )
    record = builder.record()
    assert [(x["rule"], x["message"], x["evidence"]) for x in findings(record)] == [
        (
            "awards.long_service_penalty",
            "SLKS_10 conferred on an employee given PENUNDAAN_KP_1 (MEDIUM, 2016-05-02)",
            [3, 4],
        )
    ]


def test_a_penalty_recorded_only_after_the_award_does_not_make_it_a_finding() -> None:
    builder = (
        career()
        .add("award", f.award("SLKS_10", "2021-08-17"), recorded="2021-08-20T00:00:00+00:00")
        .add("penalty", penalty("SEVERE", "PENURUNAN_PANGKAT_3", "2016-05-02"), recorded="2022-01-10T00:00:00+00:00")
    )
    record = builder.record()
    assert findings(record) == []


def test_an_achievement_award_to_an_employee_rated_below_baik_is_a_finding() -> None:
    builder = (
        career()
        .add("performance_rating", f.rating(2021, "SANGAT_BAIK"))
        .add("performance_rating", f.rating(2022, "KURANG"))
        .add("award", f.award("PEGAWAI_TELADAN", "2023-08-17"))
    )
    record = builder.record()
    assert [(x["rule"], x["severity"], x["message"], x["evidence"]) for x in findings(record)] == [
        (
            "awards.achievement_performance",
            "medium",
            "PEGAWAI_TELADAN for achievement conferred on an employee rated KURANG for 2022 (at least BAIK expected)",
            [3, 4],
        )
    ]


def test_an_achievement_award_to_a_well_rated_employee_has_no_finding() -> None:
    builder = (
        career().add("performance_rating", f.rating(2022, "BAIK")).add("award", f.award("ANUGERAH_ASN", "2023-08-17"))
    )
    record = builder.record()
    assert findings(record) == []


def test_the_awards_view_has_one_row_per_award_and_one_per_finding() -> None:
    builder = (
        career()
        .add("performance_rating", f.rating(2024, "SANGAT_BAIK"))
        .add("award", f.award("SLKS_20", "2025-08-17", reference="KEPPRES-1"))
        .add("award", f.award("PEGAWAI_TELADAN", "2025-08-17", reference="SK-TELADAN-1"))
        .add("award", f.award("OTHER", "2025-09-01", reference="SK-X"))
        .add("retraction", f.retraction(5, "2025-09-02"))
    )
    rows = AwardsProjection().rows(builder.record())
    assert [
        tuple(r[c] for c in ("version", "award_kind", "year", "agency", "long_service", "achievement"))
        + tuple(r[c] for c in ("service_years", "last_rated_year", "last_score", "finding_count"))
        for r in rows["awards"]
    ] == [
        (3, "SLKS_20", 2025, "KOTA-MEDAN", 1, 0, 15, 2024, 5, 1),
        (4, "PEGAWAI_TELADAN", 2025, "KOTA-MEDAN", 0, 1, 15, 2024, 5, 0),
    ]
    assert [(r["version"], r["rule"], r["evidence"]) for r in rows["award_findings"]] == [
        (3, "awards.long_service_years", "[1, 3]")
    ]
