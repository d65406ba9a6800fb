"""A figure counting the people of a group who have an attribute (a numerator: promoted, with a finding) is withheld
from a reader of aggregates when it, or the rest of its group, is between 1 and the minimum less 1, a 0 and a whole
group shown (docs/security.md "A group's attribute"): a tester's unit scorecard showed post.open_selection 1 of 8,
the unit's one JPT appointment (2026-12-07)."""

from __future__ import annotations

from typing import Any

import pytest

from projections import suppression


@pytest.mark.parametrize(
    ("numerator", "denominator", "told"),
    [(1, 8, True), (4, 5, True), (4, 8, True), (0, 8, False), (8, 8, False), (5, 10, False), (None, 8, False)],
)
def test_a_numerator_or_its_rest_of_one_to_four_tells_an_attribute(
    numerator: int | None, denominator: int, told: bool
) -> None:
    assert suppression.telling(numerator, denominator, 5) is told


def test_a_numerator_alone_is_judged_where_it_is_no_part_of_its_denominator() -> None:
    # (merit.passed_over: pairs of a promotion and a colleague passed over, 7 of 3 promotions)
    assert not suppression.telling(7, 3, 5, rest=False)
    assert suppression.telling(2, 9, 5, rest=False)


def test_a_reader_of_exact_figures_is_told_every_numerator() -> None:
    assert not suppression.telling(1, 8, 1)


def value(agency: str, year: int, group: dict[str, Any], numerator: int, denominator: int, **details: Any) -> dict:
    return {
        "agency": agency,
        "year": year,
        "group": group,
        "numerator": numerator,
        "denominator": denominator,
        "value": numerator / denominator,
        "details": details,
        "people": denominator,
    }


def card_of(indicators: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"indicators": {k: {"trend": v, "comparison": []} for k, v in indicators.items()}, "findings": []}


def shown(card: dict[str, Any], indicator: str) -> list[tuple[Any, ...]]:
    return [
        (tuple(v["group"].values()), v["numerator"], v["suppressed"])
        for v in suppression.scorecard(card, 5)["indicators"][indicator]["trend"]
    ]


def test_a_rules_one_finding_of_eight_decisions_is_withheld_beside_the_rules_of_none() -> None:
    card = card_of(
        {
            "merit.findings_by_rule": [
                value("PROV-SUMUT", 2024, {"rule": "post.open_selection"}, 1, 8),
                value("PROV-SUMUT", 2024, {"rule": "post.education"}, 0, 8),
                value("PROV-SUMUT", 2024, {"rule": "post.max_age"}, 8, 8),
            ]
        }
    )
    assert shown(card, "merit.findings_by_rule") == [
        (("post.open_selection",), None, True),
        (("post.education",), 0, False),
        (("post.max_age",), 8, False),
    ]


def test_a_rank_withheld_for_its_numerator_gets_a_complement_beside_the_agencys_share() -> None:
    # (the ranks add up to training.jp_share: 1 of 6 withheld alone was the whole's met less the others')
    card = card_of(
        {
            "training.jp_share_by_rank": [
                value("KOTA-MEDAN", 2025, {"rank": "II/a"}, 1, 6),
                value("KOTA-MEDAN", 2025, {"rank": "III/a"}, 6, 12),
                value("KOTA-MEDAN", 2025, {"rank": "IV/a"}, 10, 20),
            ]
        }
    )
    assert shown(card, "training.jp_share_by_rank") == [
        (("II/a",), None, True),
        (("III/a",), None, True),
        (("IV/a",), 10, False),
    ]


def test_an_indicator_counting_no_ones_attribute_is_not_judged_by_its_numerator() -> None:
    card = card_of({"training.hours_per_employee": [value("KOTA-MEDAN", 2025, {}, 3, 8)]})
    assert shown(card, "training.hours_per_employee") == [((), 3, False)]


def test_a_withheld_groups_figures_are_left_out_of_the_details_beside_it() -> None:
    reference = {"reference_group": "12.06", "reference_promoted": 4, "reference_eligible": 5}
    trained = {"difference": 0.3}
    card = card_of(
        {
            # (12.07, the smallest other region, withheld as 12.06's complement: the regions add up to the pool)
            "merit.impact_ratio_by_region": [
                value("KOTA-MEDAN", 2025, {"region": "12.06"}, 4, 5, **reference),
                value("KOTA-MEDAN", 2025, {"region": "12.07"}, 5, 20, **reference),
                value("KOTA-MEDAN", 2025, {"region": "12.71"}, 6, 30, **reference),
            ],
            "outcomes.promotion_trained": [value("KOTA-MEDAN", 2025, {}, 10, 20, **trained)],
            "outcomes.promotion_untrained": [value("KOTA-MEDAN", 2025, {}, 2, 9, **trained)],
        }
    )
    found = suppression.scorecard(card, 5)["indicators"]
    medan = found["merit.impact_ratio_by_region"]["trend"][2]
    assert (medan["suppressed"], medan["details"]["reference_promoted"], medan["details"]["reference_eligible"]) == (
        False,
        None,
        None,
    )
    assert found["outcomes.promotion_untrained"]["trend"][0]["suppressed"]
    assert found["outcomes.promotion_trained"]["trend"][0]["details"]["difference"] is None


def test_a_programmes_promoted_of_one_or_all_but_one_is_withheld_with_its_rates() -> None:
    item = {
        "promotable": 7,
        "promoted": 1,
        "promotion_rate": 0.1429,
        "comparable": 40,
        "comparable_promoted": 10,
        "comparable_promotion_rate": 0.25,
        "promotion_rate_difference": -0.1071,
    }
    withheld = suppression.PROGRAMME_PROMOTED.withhold(item, 5)
    assert (withheld["promotable"], withheld["promoted"], withheld["promotion_rate"]) == (7, None, None)
    assert (withheld["comparable_promoted"], withheld["promotion_rate_difference"]) == (10, None)
    four_of_five = {**item, "promotable": 5, "promoted": 4}
    assert suppression.PROGRAMME_PROMOTED.withhold(four_of_five, 5)["promoted"] is None
    assert suppression.PROGRAMME_PROMOTED.withhold({**item, "promoted": 0}, 5)["promoted"] == 0


def test_a_finding_comparing_a_group_with_a_withheld_reference_is_left_out() -> None:
    # (a review: the finding's text, written before the values were judged, says "against 20 of 22 of M", the
    # reference's counts, which a reader of aggregates is not shown once M's 2 not promoted withhold its value)
    # (by education: SD withheld beside S-1 as its complement, the groups adding up to the pool; S-2 shown)
    s1 = value("KOTA-MEDAN", 2025, {"education": "S-1"}, 20, 22, reference_group="S-1")
    sd = value("KOTA-MEDAN", 2025, {"education": "SD"}, 6, 30, reference_group="S-1", reference_promoted=20)
    s2 = value("KOTA-MEDAN", 2025, {"education": "S-2"}, 8, 40, reference_group="S-1", reference_promoted=20)
    card = card_of({"merit.impact_ratio_by_education": [s1, sd, s2]})
    finding = {"indicator": "merit.impact_ratio_by_education", "agency": "KOTA-MEDAN", "group": {"education": "S-2"}}
    card["findings"] = [{**finding, "years": [2025], "text": "8 of 40 promoted, against 20 of 22 of S-1"}]
    judged = suppression.scorecard(card, 5)
    trend = judged["indicators"]["merit.impact_ratio_by_education"]["trend"]
    assert [v["suppressed"] for v in trend] == [True, True, False]
    assert judged["findings"] == []
    assert suppression.scorecard(card, 1)["findings"] != []  # (an inspector is told it)


@pytest.mark.parametrize(
    ("wider", "told"),
    [
        ([{"promoted": 10, "count": 20}], True),  # (the other 6 had 1 promoted)
        ([{"promoted": 14, "count": 20}], True),  # (the other 6 had 5 promoted: the 1 not)
        ([{"promoted": 9, "count": 14}, {"promoted": 14, "count": 24}], False),  # (0 of 0, 5 of 10: neither tells)
        ([{"promoted": 9, "count": 16}], True),  # (the other 2 had none: a small group left out)
        ([{"promoted": 10, "count": 14}], True),  # (the same 14, 1 more promoted counted from another start)
        ([{"promoted": 9, "count": 24}], False),  # (the other 10 had none)
    ],
)
def test_a_filtered_groups_attribute_is_withheld_where_a_wider_answer_less_it_tells_the_people_left_out(
    wider: list[dict[str, int]], told: bool
) -> None:
    row = {"group": "mentees", "count": 14, "promoted": 9, "promotion_rate": 0.6429}
    judged = suppression.MENTORING_PROMOTED.differenced(row, wider, 5)
    assert (judged["promoted"], judged["promotion_rate"]) == ((None, None) if told else (9, 0.6429))
    assert judged["count"] == 14
    assert suppression.MENTORING_PROMOTED.differenced(row, wider, 1) == row  # (an exact reader: every figure)


@pytest.mark.parametrize("outcome", ["promotion", "post_appointment"])
def test_the_untrained_staffs_outcomes_are_withheld_with_the_share_as_the_trained_staffs(outcome: str) -> None:
    """The comparable untrained staff are of those who missed the yearly JP, the share's denominator less its
    numerator: they bound the share as the trained staff do, so both outcomes go where the share is withheld (until
    2026-12-07 the untrained staff's 10 of 20 were shown beside it)."""
    share = value("KOTA-MEDAN", 2025, {}, 20, 40)
    card = card_of(
        {
            "training.jp_share": [share],
            f"outcomes.{outcome}_trained": [value("KOTA-MEDAN", 2025, {}, 10, 20)],
            f"outcomes.{outcome}_untrained": [value("KOTA-MEDAN", 2025, {}, 10, 20)],
        }
    )
    withheld = {suppression.value_key_of("training.jp_share", share)}
    found = suppression.scorecard(card, 5, withheld=withheld)["indicators"]
    for group in ("trained", "untrained"):
        [v] = found[f"outcomes.{outcome}_{group}"]["trend"]
        assert (v["numerator"], v["denominator"], v["suppressed"]) == (None, None, True)
    assert not suppression.scorecard(card, 5)["indicators"][f"outcomes.{outcome}_untrained"]["trend"][0]["suppressed"]
