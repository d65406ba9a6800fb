"""A whole number a spreadsheet's number format writes with zero decimals: a training's JP in a column formatted as
Number, saved by a spreadsheet in Indonesian as "8,00" (by one in English as "8.00"), was refused as "Not a valid
integer."; it is read as 8 (kept as written for the report). A number with decimals ("8,50") is still refused."""

from __future__ import annotations

import io

import pytest

from careerlog.importing import read_csv
from careerlog.textfiles import WRITTEN

NIP = "199001012015031002"
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]


def hours(separator: str, cell: str) -> tuple[object, object]:
    cells = [NIP, "TEKNIS", "Arsip", "BKPSDM", cell, "2021-10-01", "2021-10-02", "W-1"]
    text = separator.join(HEADER) + "\r\n" + separator.join(cells) + "\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    return row["hours"], row.get(WRITTEN, {}).get("hours")


@pytest.mark.parametrize(
    ("separator", "cell", "read_as"),
    [(";", "8,00", "8"), (";", "8,0", "8"), (";", "20,00 JP", "20"), (",", "8.00", "8"), ("\t", "12.0", "12")],
)
def test_a_whole_number_written_with_zero_decimals_is_read_as_the_number(
    separator: str, cell: str, read_as: str
) -> None:
    assert hours(separator, cell) == (read_as, cell)


@pytest.mark.parametrize(("separator", "cell"), [(";", "8,50"), (";", "8.00"), ("\t", "8,00"), (",", "8.5")])
def test_a_number_with_decimals_or_another_decimal_mark_is_left_as_written(separator: str, cell: str) -> None:
    assert hours(separator, cell)[0] == cell
