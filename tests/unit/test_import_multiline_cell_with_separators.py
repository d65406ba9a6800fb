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
