"""A CSV whose NIPs a spreadsheet stored as numbers is told so, naming the column.

Found by the administrator's acceptance pass of 2026-12-02: a spreadsheet keeps 15 significant
digits of a number, so an 18-digit NIP typed into a column not formatted as text is saved as
1.96701E+17 (1,96701E+17 in Indonesian) or, widened, as 196701111991032000. The import said
"nip: must be 18 digits, got '196701E+17'" (the dot taken out, as in a NIP written with dots)
and "digits 16-18 (sequence) may not be 000": true, and no clue to the cause or the cure.
"""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import read_csv

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"


def read(nip: str) -> dict[str, object] | InvalidInput:
    text = HEADER + f"{nip},TEKNIS,Pelatihan,BPSDM,2,2024-05-01,2024-05-02,R-1\n"
    [(line, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert line == 2
    return row


@pytest.mark.parametrize("cell", ["1.96701E+17", "1,96701E+17", "1.96701111991032E+17", "1.96701e17"])
def test_a_nip_in_scientific_notation_is_refused_naming_the_spreadsheet_and_the_cure(cell: str) -> None:
    row = read(f'"{cell}"')
    assert isinstance(row, InvalidInput)
    [reason] = row.errors["nip"]
    assert cell in reason
    assert "stored as a number" in reason
    assert "format the column as Text" in reason


def test_a_nip_rounded_to_000_is_refused_naming_the_spreadsheet() -> None:
    row = read("196701111991032000")
    assert isinstance(row, InvalidInput)
    [reason] = row.errors["nip"]
    assert "196701111991032000" in reason
    assert "stored as a number" in reason


def test_a_mentors_nip_is_judged_so_too() -> None:
    text = "nip,mentor_nip,focus,effective_date,reference\n196701111991032001,1.98609E+17,Arsip,2024-05-02,M-1\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "mentoring_start"))
    assert isinstance(row, InvalidInput)
    assert list(row.errors) == ["mentor_nip"]


@pytest.mark.parametrize("cell", ["196701111991032001", "19670111 199103 2 001", "19670111.199103.2.001"])
def test_a_nip_typed_as_text_is_read_as_before(cell: str) -> None:
    row = read(cell)
    assert isinstance(row, dict)
    assert row["nip"] == cell
