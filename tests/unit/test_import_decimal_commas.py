"""A CSV saved with semicolons by a spreadsheet in Indonesian writes its decimals so: 1.500.000,50.

Found by the administrator's acceptance pass of 2026-12-02: such a file (docs/import-format.md
reads its semicolons since 2026-12-01) had every training cost a spreadsheet formats with
thousands ("1.500.000") or a decimal comma ("2500000,5") rejected as "cost: Not a valid number.",
although the file is read as the spreadsheet of a locale whose decimal mark is the comma. A
comma-separated file, and a cell that is no number in that locale's spelling, read as before.
"""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import read_csv

NIP = "199001012015031002"
COLUMNS = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference", "cost"]


def cost_read(cell: str, delimiter: str = ";") -> object:
    cells = [NIP, "TEKNIS", "Pelatihan", "BPSDM", "16", "2024-05-01", "2024-05-02", "REF-1", cell]
    text = delimiter.join(COLUMNS) + "\r\n" + delimiter.join(cells) + "\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode("utf-8-sig")), "training"))
    assert isinstance(row, dict)
    return row.get("cost")


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("1.500.000,50", "1500000.50"),
        ("1.500.000", "1500000"),
        ("2500000,5", "2500000.5"),
        ("1.500", "1500"),  # thousands, as the spreadsheet wrote them
        ("750000", "750000"),
        ("-1.000,25", "-1000.25"),
    ],
)
def test_a_semicolon_files_decimal_cell_is_read_with_the_comma_as_decimal_mark(cell: str, read: str) -> None:
    assert cost_read(cell) == read


# ("1,500,000" and "1,500" are refused naming why, "Rp -" no cost, since 2026-12-06:
# tests/unit/test_import_amounts_with_separators.py)
@pytest.mark.parametrize("cell", ["1500000.50", "1.5", "1.500.00"])
def test_a_cell_not_spelled_as_an_indonesian_number_is_left_for_the_ledger_to_judge(cell: str) -> None:
    assert cost_read(cell) == cell


def test_a_comma_files_cells_are_read_as_they_are_or_as_their_one_reading() -> None:
    """A comma file's "1.500" is the ledger's 1.5; its "1.500.000", no number as written, reads one way alone
    (careerlog.textfiles.read_separated_amounts; until 2026-12-05 left as written and refused)."""
    assert cost_read('"1.500"', ",") == "1.500"
    assert cost_read('"1.500.000"', ",") == "1500000"


def test_text_fields_of_a_semicolon_file_keep_their_dots_and_commas() -> None:
    text = "nip;year;predicate;effective_date;reference\r\n" + f"{NIP};2019;BAIK;2019-12-31;800.1,5\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "performance_rating"))
    assert not isinstance(row, InvalidInput)
    assert (row["reference"], row["year"]) == ("800.1,5", "2019")
