"""careerlog.textfiles.spreadsheet_errors_elsewhere: a CSV row's cells saved as a spreadsheet's error (#N/A, ####)
named by column, when one is in a column of no field of the row's kind and no NIP (the row then refused as read);
none when every such cell is a field's or a NIP's (those are judged with the row's other cells, as before)."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.textfiles import FORMULA_ERROR, TOO_NARROW, spreadsheet_errors_elsewhere

ROW = {"kind": "training", "nip": "198609262010031001", "title": "Arsip", "reference": "R-1"}


@pytest.mark.parametrize(
    "column", ["kind", "client_key", "confirm", "version", "name", "recorded_by", "recorded_at", "migrated", "unit"]
)
@pytest.mark.parametrize(
    "cell",
    ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA", "#SPILL!", "#CALC!", "#n/a"],
)
def test_a_formula_error_in_a_column_of_no_field_is_named_in_its_column(column: str, cell: str) -> None:
    assert spreadsheet_errors_elsewhere({**ROW, column: cell}) == {column: [FORMULA_ERROR]}


def test_a_narrow_columns_hashes_in_a_column_of_no_field_are_named_so() -> None:
    assert spreadsheet_errors_elsewhere({**ROW, "version": "####"}) == {"version": [TOO_NARROW]}


def test_every_error_of_the_row_is_named_with_one_in_a_column_of_no_field() -> None:
    row = {**ROW, "nip": "#N/A", "title": "#REF!", "client_key": "#N/A"}
    assert spreadsheet_errors_elsewhere(row) == {c: [FORMULA_ERROR] for c in ("nip", "title", "client_key")}


@pytest.mark.parametrize(
    "row",
    [
        ROW,
        {**ROW, "title": "#N/A"},  # (a field of the kind: judged with the row, spreadsheet_errors)
        {**ROW, "nip": "#N/A", "mentor_nip": "#REF!"},  # (a NIP: spreadsheet_nips)
        {**ROW, "client_key": "k #1", "name": "Arsip #2"},  # (a hash within a text is no error)
        {**ROW, "client_key": 7},  # (no text)
    ],
)
def test_nothing_is_named_without_an_error_in_a_column_of_no_field(row: dict[str, Any]) -> None:
    assert spreadsheet_errors_elsewhere(row) == {}


def test_every_column_is_of_no_field_for_an_unknown_kind() -> None:
    assert spreadsheet_errors_elsewhere({**ROW, "kind": "#N/A", "title": "#N/A"}) == {
        "kind": [FORMULA_ERROR],
        "title": [FORMULA_ERROR],
    }
