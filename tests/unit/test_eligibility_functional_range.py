"""A promotion by a functional post (202, credit points) stays within the rank range of the post's level.

Credit points are set per rank step of a functional level (reference: Ahli Pertama 50 a step ...) and each level
spans a rank range (asn.toml functional_levels, PermenPANRB 1/2023: Ahli Pertama III/a-III/b). The acceptance
pass of 2026-12-02 found the eligibility view offering an Ahli Pertama at III/b a 202 promotion to III/c, the
first rank of Ahli Muda: a rank above the level's range needs an appointment to the next level first.
"""

from __future__ import annotations

from datetime import date

from projections.merit.audit import MeritProjection
from tests import factories as f

T = "T00:00:00+00:00"


def ahli_pertama(rank_steps: list[tuple[str, str]]) -> f.CareerBuilder:
    """An S-1 CPNS of 2015 at III/a, confirmed, a definitive Ahli Pertama since 2016, rated Sangat Baik."""
    builder = f.CareerBuilder(date(1990, 1, 1), date(2015, 3, 1), rank="III/a", education="S-1")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2016-03-01", "reference": "PNS-1"})
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA", "title": "Analis SDM", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2016-04-01", "reference": "J-1"}
    builder.add("post_appointment", post)
    for new_rank, tmt in rank_steps:
        builder.add("rank_promotion", f.promotion(new_rank, tmt, kind="202"))
    for year in range(2015, 2026):
        builder.add("performance_rating", f.rating(year, "SANGAT_BAIK"), f"{year + 1}-01-15{T}")
    return builder


def offered(builder: f.CareerBuilder) -> dict[str, str]:
    """The kinds offered (a 101 closed by promotion.regular_without_post is a row with no earliest date: not one)."""
    rows = MeritProjection().rows(builder.record())["eligibility"]
    return {str(row["kind"]): str(row["new_rank"]) for row in rows if row["earliest_date"] is not None}


def test_a_functional_post_promotion_is_offered_within_the_levels_range() -> None:
    assert offered(ahli_pertama([])) == {"202": "III/b"}  # no 101 to a post holder (promotion.regular_without_post)


def test_no_functional_post_promotion_past_the_top_of_the_levels_range() -> None:
    assert offered(ahli_pertama([("III/b", "2019-04-01")])) == {}  # level_top says why (the next level first)
