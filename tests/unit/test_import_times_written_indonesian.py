"""A CSV date cell with a time written the Indonesian way, its hours and minutes separated by a dot (`17/08/2021
00.00`, `0.00`, `00.00.00`, as a spreadsheet in Indonesian writes a date-and-time), is read as a time: at midnight
as that day, as `00:00` already was (until 2026-12-04 every such row was refused, "Not a date the import can read");
another time (`13.30`, as `13:30`) is refused naming the time, not as no date at all. The time follows any date the
import reads (a long date too: `17 Agustus 2021 00.00`). A comma file's date that reads both ways keeps saying so
with a time after it."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.payload import Unreadable
from careerlog.importing import EITHER_WAY, _date_form, read_csv
from careerlog.textfiles import TIME_OF_DAY

NIP = "199001012015031002"
COLUMNS = "nip;training_kind;title;organiser;hours;start_date;effective_date;reference"


def start_read(cell: str) -> object:
    text = f"{COLUMNS}\r\n{NIP};TEKNIS;Arsip;BKPSDM;8;{cell};17/08/2021;R-1\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    assert row["#written"]["start_date"] == cell  # (shown as typed when refused)
    return row["start_date"]


@pytest.mark.parametrize(
    "cell",
    [
        "17/08/2021 00.00",
        "17/08/2021 0.00",
        "17/08/2021 00.00.00",
        "2021-08-17 00.00.00",
        "17.08.2021 00.00",
        "17 Agustus 2021 00.00",
        "Selasa, 17 Agustus 2021 0.00",
        "17/08/2021 00:00:00,000",
    ],
)
def test_a_date_at_midnight_written_with_dots_is_read_as_its_day(cell: str) -> None:
    assert start_read(cell) == "2021-08-17"


@pytest.mark.parametrize(("cell", "time"), [("17/08/2021 13.30", "13.30"), ("2021-08-17 13:30", "13:30")])
def test_a_date_with_another_time_is_refused_naming_the_time(cell: str, time: str) -> None:
    found = start_read(cell)
    assert isinstance(found, Unreadable)
    assert found.reason == TIME_OF_DAY.reason(time=repr(time))
    assert found.reason.startswith(f"A date with a time of day ('{time}'): the import reads the day alone")


def test_a_comma_files_date_that_reads_both_ways_says_so_with_a_time_after_it() -> None:
    assert _date_form("06/05/2024 00.00") is EITHER_WAY
    assert _date_form("06/05/2024 13.30") is EITHER_WAY
