"""An impact ratio is never shown on the other side of four fifths than it is: the fairness answer rounded it to 4
places while its flag compared the unrounded ratio, so 0.79996 read `"impact_ratio": 0.8, "adverse_impact": true`,
and the page showed 0.7996 as "0.8" beside its badge "under 0.8" (3 places); the scorecard's finding wrote "was 0.8
..., below four fifths". Now the ratio keeps the places that keep it on its side (`rounded_apart`), and the page and
the scorecard show every place given."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from careerlog.domain.errors import InvalidInput
from projections.merit.fairness import selection_rates
from projections.merit.groups import rounded_apart
from projections.scorecard.findings import findings, parse_settings, percent_or_number, settings
from projections.scorecard.indicators import Indicator
from web.pages.scorecard_view import shown


def ratio_of(promoted: int, pool: int) -> tuple[float, bool]:
    """The impact ratio and flag of a group promoted `promoted` of `pool` beside a reference at half its pool."""
    cells = [("2024-04-01", "M", pool, pool // 2), ("2024-04-01", "F", pool, promoted)]
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in cells]
    )
    group = next(g for g in selection_rates(frame, detail=False)["groups"] if g["group"] == "F")
    return group["impact_ratio"], group["adverse_impact"]


@pytest.mark.parametrize(
    ("promoted", "pool", "shown", "adverse"),
    [
        (3998, 10_000, 0.7996, True),  # as ever
        (39_998, 100_000, 0.79996, True),  # was 0.8, flagged under 0.8
        (40_002, 100_000, 0.8, False),  # 0.80004: 0.8 is not under 0.8
        (4_000, 10_000, 0.8, False),
    ],
)
def test_the_impact_ratio_is_shown_on_the_side_of_four_fifths_its_flag_reads(
    promoted: int, pool: int, shown: float, adverse: bool
) -> None:
    assert ratio_of(promoted, pool) == (shown, adverse)
    assert (shown < 0.8) is adverse


def test_rounded_apart_adds_places_only_where_rounding_would_cross_a_limit() -> None:
    assert rounded_apart(0.712345, 0.8) == 0.7123
    assert rounded_apart(0.799996, 0.8) == 0.799996
    assert rounded_apart(0.6951, 0.7, 0.8, places=2) == 0.695
    assert rounded_apart(None, 0.8) is None


def test_a_scorecard_finding_writes_the_value_on_the_side_of_its_threshold() -> None:
    assert percent_or_number("merit.impact_ratio_by_sex", 0.7996, [0.8]) == "0.7996"  # was "0.8"
    assert percent_or_number("merit.impact_ratio_by_sex", 0.7096, [0.8]) == "0.71"  # as ever
    assert percent_or_number("merit.clean_promotions", 0.6951, [0.7]) == "69.5%"  # was "70%"
    assert percent_or_number("merit.clean_promotions", 0.6549, [0.7]) == "65%"


def impact_ratio(value: float, threshold: float = 0.9) -> Indicator:
    """A women's impact ratio judged by a rules file's fairness.adverse_impact (threshold 0.9, min_cell 3)."""
    details = {"adverse_impact": value < threshold, "threshold": threshold, "min_cell": 3}
    return Indicator(
        "merit.impact_ratio_by_sex", "KOTA-MEDAN", 2024, 3, 4, value, {}, group={"sex": "F"}, details=details
    )


def test_a_scorecard_finding_on_an_impact_ratio_is_judged_by_the_rules_threshold_and_min_cell() -> None:
    """thresholds.toml sets no below nor min_denominator of the impact ratios: a ratio of 0.85 under the rule's 0.9
    (its details' adverse_impact true) is a finding naming 0.9, of a group of 4 (the rule's min_cell 3; it was
    `below = 0.8`, `min_denominator = 5`: none); the page keeps the places that keep 0.8996 under 0.9."""
    found = findings([impact_ratio(0.85)], 2024, settings().thresholds)
    assert [x["texts"]["en"] for x in found] == [
        "Promotion impact ratio of F in KOTA-MEDAN was 0.85 in 2024 (3 of 4 promoted), below the threshold of 0.9 "
        "(rule fairness.adverse_impact)."
    ]
    assert found[0]["threshold"] == {"below": 0.9, "above": None, "years": 1}
    assert [x["values"] for x in findings([impact_ratio(0.8996)], 2024, settings().thresholds)] == [[0.8996]]
    assert "was 0.8996 in" in findings([impact_ratio(0.8996)], 2024, settings().thresholds)[0]["text"]
    assert findings([impact_ratio(0.95)], 2024, settings().thresholds) == []
    # thresholds.toml's own, when it sets them, still win
    own = parse_settings(
        {
            "findings": [
                {"indicator": "merit.impact_ratio_by_sex", "below": 0.8, "min_denominator": 5, "text": "{threshold}"}
            ]
        }
    )
    assert findings([impact_ratio(0.75)], 2024, own.thresholds) == []  # a group of 4: under 5
    assert [x["text"] for x in findings([replace(impact_ratio(0.75), denominator=5)], 2024, own.thresholds)] == ["0.8"]
    # neither below nor above: only of an indicator a rule judges
    with pytest.raises(InvalidInput):
        parse_settings({"findings": [{"indicator": "merit.clean_promotions", "text": "t"}]})
    with pytest.raises(InvalidInput, match="at most one of below and above"):
        parse_settings(
            {"findings": [{"indicator": "merit.impact_ratio_by_sex", "below": 0.8, "above": 1, "text": "t"}]}
        )
    # the scorecard page's value keeps its side of the rule's threshold
    assert shown("merit.impact_ratio_by_sex", 0.8996, 0.9) == "0.8996"
    assert shown("merit.impact_ratio_by_sex", 0.8996) == "0.9"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("indicator", ["merit.impact_ratio_by_sex", "training.jp_share"])
def test_the_scorecard_shows_a_value_that_is_no_number_as_none(indicator: str, value: float) -> None:
    # (rounded_apart reads it as None: Babel raised InvalidOperation formatting that None)
    assert shown(indicator, value) == "\u2013"
