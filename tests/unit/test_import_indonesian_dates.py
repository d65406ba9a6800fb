"""A CSV saved with semicolons by a spreadsheet in Indonesian writes its dates as it shows them: 06/05/2024.

Found by the administrator's acceptance pass of 2026-12-02: such a file had every date a
spreadsheet formats as a date (its short date in Indonesian is day/month/year) rejected as
"Not a valid date (expected YYYY-MM-DD)". Its semicolons tell its locale, as they tell its
decimal comma (test_import_decimal_commas.py): day first. A comma-separated file, whose
spreadsheet may have put the month first, reads as before.
"""

from __future__ import annotations

import io

import pytest

from careerlog.importing import read_csv

NIP = "199001012015031002"
COLUMNS = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference"]


def dates_read(start: str, end: str, delimiter: str = ";") -> tuple[object, object]:
    cells = [NIP, "TEKNIS", "Pelatihan", "BPSDM", "16", start, end, "REF-1"]
    text = delimiter.join(COLUMNS) + "\r\n" + delimiter.join(cells) + "\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode("utf-8-sig")), "training"))
    assert isinstance(row, dict)
    return row["start_date"], row["effective_date"]


def test_a_semicolon_files_dates_are_read_day_first() -> None:
    assert dates_read("06/05/2024", "7/5/2024") == ("2024-05-06", "2024-05-07")


@pytest.mark.parametrize("cell", ["2024-05-06", "31/02/2024", "06/05/24", "6 Mai 2024", "06.05.24"])
def test_a_cell_that_is_no_day_month_year_is_left_for_the_ledger_to_judge(cell: str) -> None:
    assert dates_read(cell, "2024-05-07") == (cell, "2024-05-07")


def test_a_comma_files_dates_that_read_either_way_are_left_as_they_are() -> None:
    assert dates_read("06/05/2024", "05/07/2024", ",") == ("06/05/2024", "05/07/2024")


def test_a_semicolon_files_text_fields_keep_their_slashes() -> None:
    text = "nip;year;predicate;effective_date;reference\r\n" + f"{NIP};2019;BAIK;31/12/2019;01/02/2019\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "performance_rating"))
    assert isinstance(row, dict)
    assert (row["effective_date"], row["reference"]) == ("2019-12-31", "01/02/2019")
