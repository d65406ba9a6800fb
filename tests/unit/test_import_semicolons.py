"""A CSV file saved by a spreadsheet in Indonesian (cells separated by ';') is read as such.

Found by the acceptance pass of 2026-12-01: Excel and LibreOffice in an Indonesian locale,
where the comma is the decimal mark, save CSV with semicolons. Such a file was read as one
column named 'nip;year;predicate;...' and every row was rejected for a missing `nip`, which
the file plainly had. The header tells the separator: semicolons and no comma.
"""

from __future__ import annotations

import io

from careerlog.domain.errors import InvalidInput
from careerlog.importing import read_csv

NIP = "198609262010031021"


def rows(text: str) -> list[tuple[int, object]]:
    return [(line, row) for line, row, _ in read_csv(io.BytesIO(text.encode("utf-8-sig")), "performance_rating")]


def test_a_file_separated_by_semicolons_is_read_by_column() -> None:
    found = rows(f"nip;year;predicate;effective_date;reference\r\n{NIP};2019;BAIK;2019-12-31;SKP-1\r\n")
    assert found == [
        (
            2,
            {
                "nip": NIP,
                "year": "2019",
                "predicate": "BAIK",
                "effective_date": "2019-12-31",
                "reference": "SKP-1",
                "kind": "performance_rating",
            },
        )
    ]


def test_a_file_separated_by_commas_is_read_as_before_even_with_semicolons_in_its_cells() -> None:
    found = rows(f'nip,year,predicate,effective_date,reference\n{NIP},2019,BAIK,2019-12-31,"SKP;1"\n')
    assert [row["reference"] for _, row in found if isinstance(row, dict)] == ["SKP;1"]


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers() -> None:
    header = "nip;year;predicate;effective_date;reference\n"
    found = rows(f'{header}{NIP};2019;BAIK;2019-12-31;"SKP\n1"\n{NIP};2020;BAIK;2020-12-31;S2\n')
    assert [line for line, _ in found] == [3, 4]


def test_a_file_that_is_not_utf8_is_one_rejected_line() -> None:
    found = [(line, row) for line, row, _ in read_csv(io.BytesIO(b"nip;year\x81\n1;2\n"), "performance_rating")]
    [(line, problem)] = found
    assert line == 1
    assert isinstance(problem, InvalidInput)
    assert "Not UTF-8 text" in problem.errors["line"][0]
