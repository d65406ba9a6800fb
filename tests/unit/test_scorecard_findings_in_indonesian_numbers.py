"""A scorecard finding's Indonesian text (its `texts.id`, which the Indonesian scorecard page and PDF show) writes its
numbers as the page writes the values beside it, with the decimal comma: "sebesar 0,85 ..., di bawah ambang 0,9",
where it wrote "0.85" and "0.9". A list of values is separated by semicolons ("2,5; 2,8"), which the decimal comma
would make read as four numbers. The English text (`text`, `texts.en`) is unchanged."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from projections.scorecard.findings import findings, number_text, percent_or_number, settings
from projections.scorecard.indicators import Indicator
from web.pages.scorecard_view import finding_text, shown


def impact_ratio(value: float, year: int = 2024, threshold: float = 0.9) -> Indicator:
    details = {"adverse_impact": value < threshold, "threshold": threshold, "min_cell": 3}
    return Indicator(
        "merit.impact_ratio_by_sex", "KOTA-MEDAN", year, 3, 4, value, {}, group={"sex": "F"}, details=details
    )


def relevance(value: float, year: int) -> Indicator:
    return Indicator("training.programme_relevance", "KOTA-MEDAN", year, 6, 4, value, {}, group={"programme": "P-1"})


def test_an_impact_ratio_finding_in_indonesian_writes_the_decimal_comma() -> None:
    (found,) = findings([impact_ratio(0.85)], 2024, settings().thresholds)
    assert found["texts"]["id"] == (
        "Rasio dampak kenaikan pangkat kelompok F di KOTA-MEDAN sebesar 0,85 pada 2024 (3 dari 4 naik pangkat), "
        "di bawah ambang 0,9 "
        "(aturan fairness.adverse_impact)."
    )
    assert (
        found["text"]
        == found["texts"]["en"]
        == (
            "Promotion impact ratio of F in KOTA-MEDAN was 0.85 in 2024 (3 of 4 promoted), below the threshold of 0.9 "
            "(rule fairness.adverse_impact)."
        )
    )
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context(), force_locale("id"):  # as the page shows it, beside the value it shows
        assert "sebesar 0,85 pada 2024" in finding_text(found)
        assert shown("merit.impact_ratio_by_sex", 0.85, 0.9) == "0,85"


def test_a_finding_of_several_years_lists_its_values_apart_in_indonesian() -> None:
    (found,) = findings([relevance(2.5, 2023), relevance(2.8, 2024)], 2024, settings().thresholds)
    assert found["texts"]["id"].endswith("di bawah 3 dari 5 selama 2 tahun (2023, 2024: 2,5; 2,8).")
    assert found["text"].endswith("fell below 3 of 5 for 2 years (2023, 2024: 2.5, 2.8).")


@pytest.mark.parametrize(
    ("indicator", "value", "limits", "english", "indonesian"),
    [
        ("merit.impact_ratio_by_sex", 0.7996, [0.8], "0.7996", "0,7996"),
        ("merit.clean_promotions", 0.6951, [0.7], "69.5%", "69,5%"),
        ("merit.clean_promotions", 0.6549, [0.7], "65%", "65%"),
    ],
)
def test_a_finding_value_in_each_language(
    indicator: str, value: float, limits: list[float], english: str, indonesian: str
) -> None:
    assert percent_or_number(indicator, value, limits) == english
    assert percent_or_number(indicator, value, limits, "id") == indonesian


@pytest.mark.parametrize(
    ("value", "english", "indonesian"),
    [
        (1234567, "1.23457e+06", "1,23457E6"),  # was "1.234.570": a digit made up
        (999999.5, "1e+06", "1E6"),
        (0.0123457, "0.0123457", "0,0123457"),  # was "0,012346": a digit dropped
        (1e-7, "1e-07", "1E-7"),  # was "0"
        (-2.5e-9, "-2.5e-09", "-2,5E-9"),
        (123456, "123456", "123.456"),
        (0.000123456789, "0.000123457", "0,000123457"),
        (0.9, "0.9", "0,9"),
    ],
)
def test_a_findings_number_has_the_same_six_significant_digits_in_each_language(
    value: float, english: str, indonesian: str
) -> None:
    assert number_text(value) == english
    assert number_text(value, "id") == indonesian
