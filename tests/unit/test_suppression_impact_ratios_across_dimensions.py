"""The impact ratios' groups of each dimension (sex, region, education) add up to the same pool of an agency and year,
which another dimension gives whenever all its groups are shown: a group withheld gets complements in its own dimension,
as against a total shown; a ratio beside its withheld reference group is left out with every detail comparing them;
and the mentoring report's difference says `suppressed` beside any figure of it withheld (docs/security.md "A group's
attribute", a review of 2026-12-07)."""

from __future__ import annotations

from typing import Any

from projections import suppression
from tests.unit.test_suppression_withholds_a_groups_attribute import card_of, value
from web.pages.reports import table_rows

COMPARED = {
    "selection_rate": 0.2,
    "reference": False,
    "adverse_impact": True,
    "p_fisher": 0.0021,
    "p_fisher_adjusted": 0.0042,
    "significant": True,
    "untested": None,
}


def impact(dim: str, groups: list[tuple[str, int, int]], reference: str) -> list[dict[str, Any]]:
    """An agency and year's values of one dimension, each compared with `reference`'s counts."""
    ref = next(g for g in groups if g[0] == reference)
    counts = {"reference_group": reference, "reference_promoted": ref[1], "reference_eligible": ref[2]}
    return [
        value("KOTA-MEDAN", 2025, {dim: group}, promoted, pool, **COMPARED, **counts)
        for group, promoted, pool in groups
    ]


def judged(card: dict[str, Any], indicator: str, min_cell: int = 5) -> dict[str, dict[str, Any]]:
    trend = suppression.scorecard(card, min_cell)["indicators"][indicator]["trend"]
    return {next(iter(v["group"].values())): v for v in trend}


def test_a_sex_withheld_for_its_promoted_is_not_the_pool_of_the_regions_less_the_other_sex() -> None:
    # (F 2 of 25 withheld alone: the regions, all shown, 32 of 85, less M's 30 of 60 gave it)
    card = card_of(
        {
            "merit.impact_ratio_by_sex": impact("sex", [("M", 30, 60), ("F", 2, 25)], "M"),
            "merit.impact_ratio_by_region": impact("region", [("12.71", 20, 50), ("12.07", 12, 35)], "12.71"),
        }
    )
    by_sex = judged(card, "merit.impact_ratio_by_sex")
    assert {g: (v["numerator"], v["suppressed"]) for g, v in by_sex.items()} == {"M": (None, True), "F": (None, True)}
    by_region = judged(card, "merit.impact_ratio_by_region")
    assert {g: (v["numerator"], v["suppressed"]) for g, v in by_region.items()} == {
        "12.71": (20, False),
        "12.07": (12, False),
    }


def test_a_region_withheld_gets_the_smallest_other_as_its_complement_and_the_rest_are_shown() -> None:
    regions = [("12.71", 20, 50), ("12.07", 9, 30), ("12.06", 1, 12), ("12.01", 10, 40)]
    found = judged(
        card_of({"merit.impact_ratio_by_region": impact("region", regions, "12.71")}), "merit.impact_ratio_by_region"
    )
    assert {g: v["suppressed"] for g, v in found.items()} == {
        "12.71": False,
        "12.07": True,  # (the smallest other beside 12.06's 1 of 12: the pool less the others shown was 12.06's)
        "12.06": True,
        "12.01": False,
    }
    # (beside its reference shown, a ratio is shown: 10 of 40 against 20 of 50)
    assert (found["12.01"]["value"], found["12.01"]["details"]["reference_eligible"]) == (0.25, 50)


def test_a_ratio_beside_its_withheld_reference_group_is_left_out_with_its_tests() -> None:
    # (12.06 4 of 5, the highest rate, withheld for its 1 not promoted; 12.07 its complement; 12.71's 0.25 over its
    # 0.2 gave the reference's 0.8)
    regions = [("12.06", 4, 5), ("12.07", 6, 30), ("12.71", 10, 50)]
    card = card_of({"merit.impact_ratio_by_region": impact("region", regions, "12.06")})
    medan = judged(card, "merit.impact_ratio_by_region")["12.71"]
    assert (medan["suppressed"], medan["numerator"], medan["denominator"], medan["value"]) == (False, 10, 50, None)
    assert medan["details"] == {
        **dict.fromkeys(suppression.COMPARING),
        "selection_rate": 0.2,
        "untested": "reference_withheld",
    }
    exact = judged(card, "merit.impact_ratio_by_region", 1)["12.71"]  # (an inspector is told it)
    assert (exact["value"], exact["details"]["p_fisher"], exact["details"]["untested"]) == (0.2, 0.0021, None)


def mentoring(mentees: dict[str, Any], peers: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": [{"group": "mentees", **mentees}, {"group": "peers", **peers}],
        "difference": {"promotion_rate": None, "jp_per_year": 2.5, "mean_rating": 0.1},
    }


def test_the_mentoring_difference_row_is_suppressed_beside_its_promotion_rate_withheld() -> None:
    # (1 of 13 mentees promoted: their promoted, rate and the difference's rate withheld, the groups' counts shown)
    withheld = {"count": 13, "promoted": None, "promotion_rate": None, "suppressed": False}
    peers = {"count": 40, "promoted": 10, "promotion_rate": 0.25, "suppressed": False}
    found = mentoring(withheld, peers)
    assert suppression.difference_withheld(found["items"], found["difference"]) == ("promotion_rate",)
    difference = table_rows("mentoring", found, words=False)[-1]
    assert (difference["group"], difference["promotion_rate"], difference["suppressed"]) == ("difference", None, True)
    told = mentoring({**withheld, "promoted": 5, "promotion_rate": 0.3846}, peers)
    assert table_rows("mentoring", told, words=False)[-1]["suppressed"] is False
    assert suppression.difference_withheld(told["items"], told["difference"]) == ()
