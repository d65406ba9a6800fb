"""An Indonesian administrator writes a date day first, with slashes, dots or dashes (17/08/2021, 17.08.2021,
17-08-2021, 7/8/2021) or with the month's name (17 Agustus 2021): a CSV reads each of these as the date it is.
A file separated by semicolons comes from a spreadsheet in Indonesian, whose dates are all day first; in a file
separated by commas, whose spreadsheet may write the month first, a date of digits is read only when it reads one
way alone (its day after 12, or equal to its month). A cell read so keeps its text as written, for the report."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import command_typed, read_csv, row_to_command, typed
from careerlog.textfiles import WRITTEN

NIP = "199001012015031002"
COLUMNS = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference"]


def row_read(start: str, delimiter: str = ";") -> dict[str, object]:
    cells = [NIP, "TEKNIS", "Pelatihan", "BPSDM", "16", start, "2024-05-07", "REF-1"]
    text = delimiter.join(COLUMNS) + "\r\n" + delimiter.join(cells) + "\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode("utf-8")), "training"))
    assert isinstance(row, dict)
    return row


@pytest.mark.parametrize(
    "cell",
    [
        "17/08/2021",
        "17.08.2021",
        "17-08-2021",
        "17.8.2021",
        " 17-8-2021 ",
        "17 Agustus 2021",
        "17 AGUSTUS 2021",
        "17 Agu 2021",
        "17-Agt-2021",
        "17 Agust. 2021",
    ],
)
@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_date_written_day_first_is_read_as_that_day(cell: str, delimiter: str) -> None:
    row = row_read(cell, delimiter)
    assert row["start_date"] == "2021-08-17"
    assert row[WRITTEN] == {"start_date": cell}


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("7/8/2021", "2021-08-07"),
        ("07.08.2021", "2021-08-07"),
        ("1-12-2020", "2020-12-01"),
        ("3 Mei 2022", "2022-05-03"),
    ],
)
def test_a_semicolon_file_reads_every_date_day_first(cell: str, read: str) -> None:
    assert row_read(cell)["start_date"] == read


@pytest.mark.parametrize("cell", ["7/8/2021", "07.08.2021", "1-12-2020"])
def test_a_comma_file_leaves_a_date_that_reads_either_way_as_written(cell: str) -> None:
    row = row_read(cell, ",")
    assert row["start_date"] == cell
    assert row[WRITTEN] == {"start_date": cell}  # (the report says why it was not read)


def test_a_comma_file_reads_a_date_whose_day_is_its_month_or_whose_month_is_named() -> None:
    assert row_read("05.05.2021", ",")["start_date"] == "2021-05-05"
    assert row_read("3 Mei 2022", ",")["start_date"] == "2022-05-03"


@pytest.mark.parametrize("cell", ["31/02/2021", "31.04.2021", "30 Februari 2021", "17/13/2021", "08/17/2021"])
def test_a_day_that_does_not_exist_is_left_as_written(cell: str) -> None:
    assert row_read(cell)["start_date"] == cell


# (a date of a form read, with a time other than midnight, "17.08.2021 10:00", is refused naming the time since
# 2026-12-04: tests/unit/test_import_times_written_indonesian.py)
@pytest.mark.parametrize("cell", ["17/08/21", "17 Agustos 2021", "Agustus 2021", "2021/08/17", "17 Agustos 2021 10.00"])
def test_a_cell_of_no_form_read_is_left_as_written_and_not_noted(cell: str) -> None:
    row = row_read(cell)
    assert row["start_date"] == cell
    assert WRITTEN not in row


def test_an_iso_date_is_left_as_it_is() -> None:
    row = row_read("2021-08-17", ",")
    assert row["start_date"] == "2021-08-17"
    assert WRITTEN not in row


@pytest.mark.parametrize("spoofed", ["start_date", {"start_date": "1 April"}, ["start_date"]])
def test_a_json_lines_rows_own_written_key_is_an_unknown_field(spoofed: object) -> None:
    """The cells as written are the CSV reader's alone: a JSON row carrying the key is refused naming it, whatever
    it holds, rather than shown as the row's cells (or breaking the report)."""
    row = {"kind": "training", "nip": NIP, "start_date": "2021-13-01", WRITTEN: spoofed}
    with pytest.raises(InvalidInput) as refused:
        row_to_command(2, row, migration=False)
    assert refused.value.errors == {WRITTEN: ["Unknown field."]}
    assert typed(["start_date"], row) == {"start_date": "2021-13-01"}


def test_a_csv_rows_cells_as_written_travel_with_its_command() -> None:
    row = row_read("17.08.2021")
    command = row_to_command(2, row, migration=False)
    assert command.written == {"start_date": "17.08.2021"}
    assert WRITTEN not in command.payload
    assert command_typed(["start_date", "hours"], command) == {"start_date": "17.08.2021", "hours": "16"}
