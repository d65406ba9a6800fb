"""A NIP a CSV writes as text for a spreadsheet ('198609262010031001, ="198609262010031001") is read as the NIP.

Found importing a BKD training sheet: personnel systems export NIPs behind an apostrophe, or as a formula of text,
so that a spreadsheet opening the CSV keeps all 18 digits, and a spreadsheet saves such a cell back as written. Each
row was rejected "nip: must be 18 digits, got "'198609262010031001"" with no word of the cure. Such a cell is now
read as the NIP it holds (the report still shows the cell as typed); a cell that holds no NIP so is judged as before.
"""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import read_csv
from careerlog.textfiles import WRITTEN

NIP = "199001012015031002"
MENTOR = "198001012005031003"


def first_row(nip_cell: str, mentor_cell: str = MENTOR) -> dict[str, object] | InvalidInput:
    text = "nip;mentor_nip;focus;effective_date;reference\n" + f"{nip_cell};{mentor_cell};Analisis;2024-05-01;M-1\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "mentoring_start"))
    return row


@pytest.mark.parametrize("cell", [f"'{NIP}", f"' {NIP}", f'="{NIP}"', "'19900101 201503 1 002", f"'{NIP} "], ids=repr)
def test_a_nip_written_as_text_for_a_spreadsheet_is_read_as_the_nip(cell: str) -> None:
    row = first_row(cell)
    assert isinstance(row, dict)
    assert str(row["nip"]).replace(" ", "") == NIP
    if cell.startswith("="):  # (a formula of a text alone is read as that text, in any column: the report shows it)
        assert WRITTEN not in row
    else:
        assert row[WRITTEN]["nip"] == cell  # type: ignore[index]  # (the report shows the cell as typed)


def test_a_mentors_nip_written_so_is_read_too() -> None:
    row = first_row(NIP, f"'{MENTOR}")
    assert isinstance(row, dict)
    assert row["mentor_nip"] == MENTOR


@pytest.mark.parametrize("cell", ["'12345", "'Budi", f"'{NIP}9", f"={NIP}"], ids=repr)
def test_a_cell_marked_as_text_holding_no_nip_is_left_as_written(cell: str) -> None:
    row = first_row(cell)
    assert isinstance(row, dict)
    assert row["nip"] == cell
