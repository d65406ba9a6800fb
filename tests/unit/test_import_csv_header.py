"""A CSV header is read whatever the case of its names, and a column that is no field of the kind is said once.

Found by the administrator's acceptance pass of 2026-12-02: a file headed "NIP;Jenis Diklat;Judul;..."
(as an Indonesian spreadsheet is headed) had each of its rows rejected as "nip: Missing data for
required field" although every row had a NIP: the column was "NIP", not "nip", and the other
columns, no fields of a training, were not named at all.
"""

from __future__ import annotations

import io

from careerlog.domain.errors import InvalidInput
from careerlog.importing import read_csv

NIP = "199001012015031002"


def rows(text: str, kind: str | None = "training") -> list[tuple[int, object]]:
    return [(line, row) for line, row, _ in read_csv(io.BytesIO(text.encode()), kind)]


def test_column_names_are_read_whatever_their_case_and_spaces() -> None:
    text = "NIP, Training_Kind ,TITLE,organiser,Hours,start_date,effective_date,reference\n"
    text += f"{NIP},TEKNIS,Pelatihan,BPSDM,2,2024-05-01,2024-05-02,R-1\n"
    [(line, row)] = rows(text)
    assert line == 2
    assert isinstance(row, dict)
    assert (row["nip"], row["training_kind"], row["title"], row["hours"]) == (NIP, "TEKNIS", "Pelatihan", "2")


def test_columns_that_are_no_field_of_the_kind_are_named_once_at_the_header_and_nothing_more_is_read() -> None:
    text = "NIP;Jenis;Keterangan;organiser;hours;start_date;effective_date;reference\r\n"
    text += f"{NIP};TEKNIS;Pelatihan;BPSDM;2;2024-05-01;2024-05-02;R-1\r\n" * 3
    [(line, problem)] = rows(text)
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert "'Jenis', 'Keterangan'" in reason  # as the header spells them (Jenis Diklat and Judul are read now)
    assert "training" in reason
    assert "training_kind, title" in reason  # the columns it may have


def test_a_file_with_a_kind_column_is_judged_row_by_row_as_before() -> None:
    text = "kind,nip,year,predicate,effective_date,reference,colour\n"
    text += f"performance_rating,{NIP},2019,BAIK,2019-12-31,S-1,red\n"
    [(line, row)] = rows(text, None)
    assert (line, isinstance(row, dict)) == (2, True)


def test_the_columns_every_kind_may_have_are_no_unknown_columns() -> None:
    text = "nip,kind,client_key,version,year,predicate,effective_date,reference\n"
    text += f"{NIP},performance_rating,k-1,3,2019,BAIK,2019-12-31,S-1\n"
    [(_, row)] = rows(text, "performance_rating")
    assert isinstance(row, dict)
