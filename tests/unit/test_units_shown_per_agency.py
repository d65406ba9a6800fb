"""A unit listed or counted is shown under its spelling most listed within its agency (projections.training
`units_shown`, `merged_by_unit`): a unit is an agency's, and until 2026-12-06 agency PROV-SUMUT's "BAGIAN UMUM" was
shown as KOTA-MEDAN's "Bagian Umum" (the passed-over lists: `PassedOverQueries.passed_over`,
`DecisionPassedOverQueries.passed_over`). Rows carrying no agency (a report grouped by unit alone) still count a
unit's spellings across the agencies, as one unit."""

from __future__ import annotations

from projections.training import merged_by_unit, units_shown


def test_a_unit_is_shown_under_its_own_agency_spelling() -> None:
    rows = [
        {"subject": "A1", "agency": "KOTA-MEDAN", "unit": "Bagian Umum"},
        {"subject": "A2", "agency": "KOTA-MEDAN", "unit": "Bagian Umum"},
        {"subject": "A3", "agency": "KOTA-MEDAN", "unit": "bagian umum"},
        {"subject": "B1", "agency": "PROV-SUMUT", "unit": "BAGIAN UMUM"},
    ]

    shown = units_shown(rows)

    assert [(r["subject"], r["unit"]) for r in shown] == [
        ("A1", "Bagian Umum"),
        ("A2", "Bagian Umum"),
        ("A3", "Bagian Umum"),
        ("B1", "BAGIAN UMUM"),
    ]


def test_a_count_by_agency_and_unit_keeps_each_agency_spelling() -> None:
    rows = [
        {"agency": "KOTA-MEDAN", "unit": "Bagian Umum", "count": 5},
        {"agency": "KOTA-MEDAN", "unit": "bagian umum", "count": 1},
        {"agency": "PROV-SUMUT", "unit": "BAGIAN UMUM", "count": 2},
    ]

    assert merged_by_unit(rows, ("agency", "unit"), ("count",), "count") == [
        {"agency": "KOTA-MEDAN", "unit": "Bagian Umum", "count": 6},
        {"agency": "PROV-SUMUT", "unit": "BAGIAN UMUM", "count": 2},
    ]


def test_a_count_by_unit_alone_counts_a_unit_once_across_the_agencies() -> None:
    rows = [{"unit": "Bagian Umum", "count": 5}, {"unit": "BAGIAN UMUM", "count": 2}]

    assert merged_by_unit(rows, ("unit",), ("count",), "count") == [{"unit": "Bagian Umum", "count": 7}]
