"""A cell written over several lines on purpose (RFC 4180: between quote marks, as a spreadsheet saves a title typed
with a line break) whose later line holds as many separators as the header has columns, as text, is read as the
one row it is. a5d9eb6 refused it as a stray quote running rows together (ROWS_RUN_TOGETHER) and read its lines
again as rows of their own, each refused, though the file keeps the rules: such a record is told from a stray quote
by its first line, which ends inside the cell (fewer cells than the header), where a stray quote's first line is a
whole row of its own."""

from __future__ import annotations

import io

import pytest

from careerlog.importing import CsvRecords

HEADER = "nip,kind,title,start_date,effective_date,hours\n"
NIP = "198609262010031701"


@pytest.mark.parametrize("separator", [",", ";", "\t"], ids=["commas", "semicolons", "tabs"])
def test_a_title_over_two_lines_with_separators_in_its_text_is_one_row(separator: str) -> None:
    title = f"Pelatihan kepemimpinan\nangkatan I{separator} II{separator} III{separator} IV{separator} V{separator} VI"
    text = (
        HEADER
        + f'{NIP},training,"{title}",2021-01-01,2021-01-10,20\n'
        + f"{NIP},training,Arsip,2021-02-01,2021-02-10,8\n"
    )
    records = CsvRecords(io.StringIO(text.replace(",", separator)), separator)
    records.header()
    assert list(records) == [
        (3, [NIP, "training", title, "2021-01-01", "2021-01-10", "20"], None),
        (4, [NIP, "training", "Arsip", "2021-02-01", "2021-02-10", "8"], None),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_stray_quote_after_a_title_over_two_lines_is_named_in_its_column_and_line(newline: str) -> None:
    """The record (lines 2 and 3) was refused in the column of the stray quote's index on its first line (`start_date`
    for `title`'s neighbour), as a quote not closed on its line, and line 3 read again as a row of its own."""
    from careerlog.importing import STRAY_QUOTE

    text = (
        HEADER
        + f'{NIP},training,"Pelatihan\nArsip",2021-01-01,2021-01-"10,20\n'
        + f"{NIP},training,Arsip,2021-02-01,2021-02-10,8\n"
    ).replace("\n", newline)
    records = CsvRecords(io.StringIO(text, newline=""), ",")
    records.header()
    assert list(records) == [
        (3, [NIP, "training", "Pelatihan" + newline + "Arsip", "2021-01-01", '2021-01-"10', "20"], (4, STRAY_QUOTE)),
        (4, [NIP, "training", "Arsip", "2021-02-01", "2021-02-10", "8"], None),
    ]


def test_a_quote_opened_on_the_first_line_and_closed_lines_later_is_still_unclosed() -> None:
    text = HEADER + f'{NIP},training,"Pelatihan,2021-01-01,2021-01-10,20\n{NIP},training,Arsip",x"y,8\n'
    records = CsvRecords(io.StringIO(text), ",")
    records.header()
    line, _cells, fault = next(iter(records))
    assert line == 2
    assert fault is not None
    assert "is not closed on its line" in str(fault[1])
