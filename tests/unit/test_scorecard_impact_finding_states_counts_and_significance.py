"""A scorecard finding of a low impact ratio states the counts behind it and whether the gap is significant
(docs/fairness.md; the reference: report the counts beside every rate, a gap on small numbers may not be significant):
"Promotion impact ratio of SLTA ... was 0.76 in 2024, below the threshold of 0.8" rested on 7 of 11 against 5 of 6,
with a Holm-adjusted Fisher p of 1, and said neither."""

from __future__ import annotations

from projections.scorecard.findings import findings, settings
from projections.scorecard.indicators import Indicator


def slta(significant: bool, p: float) -> Indicator:
    details = {
        "threshold": 0.8,
        "min_cell": 5,
        "adverse_impact": True,
        "p_fisher_adjusted": p,
        "significant": significant,
        "reference_group": "S-1",
        "reference_promoted": 5,
        "reference_eligible": 6,
    }
    return Indicator(
        "merit.impact_ratio_by_education",
        "KOTA-MEDAN",
        2024,
        7,
        11,
        0.76,
        {},
        group={"education": "SLTA"},
        details=details,
    )


def test_a_finding_on_a_small_gap_states_the_counts_and_that_it_is_not_significant() -> None:
    (found,) = findings([slta(False, 1.0)], 2024, settings().thresholds)
    assert found["text"] == (
        "Promotion impact ratio of SLTA in KOTA-MEDAN was 0.76 in 2024 (7 of 11 promoted, against 5 of 6 of S-1), "
        "below the threshold of 0.8 (rule fairness.adverse_impact); the gap is not statistically significant "
        "(Holm-adjusted Fisher exact p = 1): on so few it may be chance."
    )
    assert "7 dari 11 naik pangkat, dibandingkan 5 dari 6 pada S-1" in found["texts"]["id"]
    assert "tidak signifikan" in found["texts"]["id"]


def test_a_significant_gap_says_so_with_its_p_value() -> None:
    (found,) = findings([slta(True, 0.012)], 2024, settings().thresholds)
    assert found["text"].endswith("the gap is statistically significant (Holm-adjusted Fisher exact p = 0.012).")
    assert "p uji eksak Fisher setelah koreksi Holm = 0,012" in found["texts"]["id"]
