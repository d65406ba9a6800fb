"""Dates as a spreadsheet writes them in words: an Indonesian spreadsheet's long date, its day of the week first
("Jumat, 01 Oktober 2021", the Long Date format of Windows in Indonesian), and a spreadsheet in English's month
names ("01-Oct-2021", "1 December 2021", "31 May 2021"). Each was refused as "Not a date the import can read";
they are read as the day they name, in a file separated by semicolons or by commas alike. A day of the week that
is not the date's own ("Kamis, 01 Oktober 2021": a Friday) is refused saying so, neither guessed."""

from __future__ import annotations

import csv
import io

import pytest

from careerlog.domain.payload import Unreadable
from careerlog.importing import read_csv
from careerlog.textfiles import OTHER_WEEKDAY, WRITTEN

NIP = "199001012015031002"
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]


def read(separator: str, start: str, end: str) -> dict[str, object]:
    cells = [NIP, "TEKNIS", "Arsip", "BKPSDM", "8", start, end, "L-1"]
    out = io.StringIO()
    csv.writer(out, delimiter=separator).writerows([HEADER, cells])  # ("Jumat, 01 Oktober 2021" quoted by commas)
    text = out.getvalue()
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    return row


@pytest.mark.parametrize("separator", [";", ","], ids=["semicolons", "commas"])
@pytest.mark.parametrize(
    ("start", "end", "read_as"),
    [
        ("Jumat, 01 Oktober 2021", "Senin, 04 Oktober 2021", ("2021-10-01", "2021-10-04")),
        ("Jum'at, 1 Oktober 2021", "Minggu, 3 Okt 2021", ("2021-10-01", "2021-10-03")),
        ("JUMAT, 01/10/2021", "senin, 2021-10-04", ("2021-10-01", "2021-10-04")),
        ("01-Oct-2021", "1 December 2021", ("2021-10-01", "2021-12-01")),
        ("31 May 2021", "1 Aug 2021", ("2021-05-31", "2021-08-01")),
    ],
)
def test_a_date_in_words_is_read_as_the_day_it_names(
    separator: str, start: str, end: str, read_as: tuple[str, str]
) -> None:
    if separator == "," and "/" in start:
        start = "Jumat, 13/10/2023"  # (a comma file reads a date of digits only where it reads one way alone)
        read_as = ("2023-10-13", read_as[1])
    row = read(separator, start, end)
    assert (row["start_date"], row["effective_date"]) == read_as
    assert row[WRITTEN] == {"start_date": start, "effective_date": end}


def test_a_day_of_the_week_not_the_dates_own_is_refused_saying_so() -> None:
    row = read(";", "Kamis, 01 Oktober 2021", "Sabtu, 02 Oktober 2021")
    refused = row["start_date"]
    assert isinstance(refused, Unreadable)
    assert refused.reason == OTHER_WEEKDAY.reason(day="2021-10-01", actual="Jumat", written="Kamis")
    assert str(refused.reason) == "2021-10-01 was a Jumat, not a Kamis as written beside it: check the date."
    assert row["effective_date"] == "2021-10-02"
