"""A degree obtained in service opens a promotion by degree (penyesuaian ijazah, kind 203) to the starting
rank of that degree (reference: at least 1 year in rank, Baik for 1 year, the adjustment exam passed).

The acceptance pass of 2026-12-02 found the eligibility view offering only the regular (101), structural
(201) and functional (202) kinds: an SLTA employee at II/c with a new S-1 and the UPKP passed was shown
only a regular promotion to II/d, not the promotion by degree to III/a.
"""

from __future__ import annotations

import json
from datetime import date

from projections.merit.audit import MeritProjection
from tests import factories as f

T = "T00:00:00+00:00"


def slta_employee() -> f.CareerBuilder:
    """A II/a SLTA CPNS of 2015-03-01, confirmed in 2016, II/c since 2023-04-01, rated Baik to 2025."""
    builder = f.CareerBuilder(date(1992, 1, 1), date(2015, 3, 1), rank="II/a", education="SLTA")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2016-03-01", "reference": "PNS-1"})
    builder.add("rank_promotion", f.promotion("II/b", "2019-04-01"))
    builder.add("rank_promotion", f.promotion("II/c", "2023-04-01"))
    for year in range(2015, 2026):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def degree(level: str, day: str) -> dict[str, str]:
    return {
        "level": level,
        "field_of_study": "Administrasi Publik",
        "institution": "USU",
        "effective_date": day,
        "reference": f"IJAZAH-{level}-{day}",
    }


def rows(builder: f.CareerBuilder) -> dict[str, dict[str, object]]:
    return {row["kind"]: row for row in MeritProjection().rows(builder.record())["eligibility"]}


def test_a_degree_obtained_in_service_opens_a_promotion_by_degree_to_its_starting_rank() -> None:
    builder = slta_employee()
    builder.add("education", degree("S-1", "2025-08-20"), f"2025-09-01{T}")
    builder.add("exam", {"exam": "UPKP", "effective_date": "2025-11-10", "reference": "UPKP-1"}, f"2025-11-20{T}")
    builder.add("exam", {"exam": "UD_I", "effective_date": "2025-11-11", "reference": "UD-1"}, f"2026-01-20{T}")
    found = rows(builder)
    assert sorted(found) == ["101", "203"]
    by_degree = found["203"]
    assert (by_degree["rank"], by_degree["new_rank"]) == ("II/c", "III/a")  # S-1 starts at III/a
    # a year in rank was reached long before; the degree itself dates the earliest promotion by it
    assert by_degree["earliest_date"] == "2025-10-01"
    assert by_degree["judged_on"] == "2026-02-01"
    rules = {r["rule"]: r["outcome"] for r in json.loads(str(by_degree["requirements"]))}
    assert rules["promotion.time_in_rank"] == rules["promotion.performance"] == "met"
    assert rules["promotion.service_exam"] == "met"  # UPKP (the degree exempts it from UD_I)
    assert "promotion.education_ceiling" not in rules  # a regular promotion's rule
    assert json.loads(str(by_degree["missing"])) == []


def test_a_promotion_by_degree_without_the_adjustment_exam_shows_it_missing() -> None:
    builder = slta_employee()
    builder.add("education", degree("S-1", "2025-08-20"), f"2026-01-20{T}")
    by_degree = rows(builder)["203"]
    assert json.loads(str(by_degree["missing"])) == ["promotion.service_exam"]
    exam = next(r for r in json.loads(str(by_degree["requirements"])) if r["rule"] == "promotion.service_exam")
    assert "UPKP" in exam["message"]
    assert "UD_I" not in exam["message"]  # the degree exempts it from the service exam of its crossing into III/a


def test_no_promotion_by_degree_when_the_degree_starts_at_or_below_the_rank_held() -> None:
    builder = slta_employee()
    builder.add("education", degree("D-III", "2025-08-20"), f"2026-01-20{T}")  # D-III starts at II/c
    assert sorted(rows(builder)) == ["101"]


def test_the_entry_education_opens_no_promotion_by_degree() -> None:
    """An S-1 holder appointed at II/a (an SLTA formation) holds no degree obtained in service."""
    builder = f.CareerBuilder(date(1992, 1, 1), date(2015, 3, 1), rank="II/a", education="S-1")
    assert sorted(rows(builder)) == ["101"]
