"""A CSV header is read whatever the case of its names, and a column that is no field of the kind is said once.

Found by the administrator's acceptance pass of 2026-12-02: a file headed "NIP;Jenis Diklat;Judul;..."
(as an Indonesian spreadsheet is headed) had each of its rows rejected as "nip: Missing data for
required field" although every row had a NIP: the column was "NIP", not "nip", and the other
columns, no fields of a training, were not named at all.
"""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import TrainingCompleted
from careerlog.domain.payload import Unreadable, parse_payload
from careerlog.importing import ColumnNotes, payload_of, read_csv
from careerlog.textfiles import WRITTEN

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
    text = "NIP;Jenis;Uraian;organiser;hours;start_date;effective_date;reference\r\n"
    text += f"{NIP};TEKNIS;Pelatihan;BPSDM;2;2024-05-01;2024-05-02;R-1\r\n" * 3
    [(line, problem)] = rows(text)
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert "'Jenis', 'Uraian'" in reason  # as the header spells them (Jenis Diklat and Judul are read now)
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


def test_a_row_number_and_remarks_are_notes_left_out_of_every_row_and_said_once() -> None:
    """A spreadsheet numbers its rows ("No.") and keeps remarks ("Keterangan"): read, never recorded."""
    text = "No.;NIP;Nama;Jenis Diklat;Nama Diklat;organiser;hours;start_date;effective_date;reference;Keterangan\r\n"
    text += f"1;{NIP};Budi;TEKNIS;Pelatihan;BPSDM;2;2024-05-01;2024-05-02;R-1;ulang\r\n"
    [(line, notes), (row_line, row)] = rows(text)
    assert (line, row_line) == (1, 2)
    assert isinstance(notes, ColumnNotes)
    assert list(notes.errors) == ["No.", "Keterangan", "Nama"]
    assert isinstance(row, dict)
    assert sorted(row) == sorted(
        [
            "nip",
            "name",
            "training_kind",
            "title",
            "organiser",
            "hours",
            "start_date",
            "effective_date",
            "reference",
            "kind",
        ]
    )


def test_a_name_column_of_an_appointment_file_is_its_field_not_a_note() -> None:
    required = "TMT;Nomor SK;employment_kind;birth_date;sex;education;agency;unit;region;recruitment_path;rank"
    text = (
        f"NIP;Nama;No;{required}\r\n" + f"{NIP};Budi;1{';' * 11}\r\n"
    )  # (the cells left empty: a short row is refused)
    [(_, notes), (_, row)] = rows(text, "appointment")
    assert isinstance(notes, ColumnNotes)
    assert list(notes.errors) == ["No"]
    assert isinstance(row, dict)
    assert row["name"] == "Budi"


def test_a_row_of_empty_cells_is_a_blank_line() -> None:
    """A spreadsheet saves the rows it once formatted below the data as empty cells (";;;;"), or numbered only:
    they are no rows, as a blank line is none, not rows rejected for a missing NIP."""
    text = "No;NIP;Jenis Diklat;Nama Diklat;organiser;hours;start_date;effective_date;reference\r\n"
    text += f"1;{NIP};TEKNIS;Pelatihan;BPSDM;2;2024-05-01;2024-05-02;R-1\r\n"
    text += ";;;;;;;;\r\n" + "3;;;;;;;;\r\n" + " ; ;;;;;;;\r\n"
    [(_, notes), (line, row)] = rows(text)
    assert isinstance(notes, ColumnNotes)
    assert line == 2
    assert isinstance(row, dict)


def test_a_date_a_spreadsheet_stored_as_a_number_is_refused_naming_the_date_and_the_cure() -> None:
    """Excel writes a date column formatted as General or Number as its day count (42430 is 2016-03-01 in the
    1900 date system, 2020-03-02 in the 1904 one): not read as a guess but handed on unreadable, naming the date
    and the cure, so that the ledger refuses it beside the column with the row's other problems (the cell kept as
    written, for the report)."""
    text = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    text += f"{NIP},TEKNIS,Pelatihan,BPSDM,2,42430,2016-03-01,R-1\n"
    [(line, row)] = rows(text)
    assert line == 2
    assert isinstance(row, dict)
    cell = row["start_date"]
    assert isinstance(cell, Unreadable)
    assert cell.reason == (
        "A date a spreadsheet stored as a number (2016-03-01 in its usual 1900 date system): "
        "format the column as a date (dd/mm/yyyy in an Indonesian spreadsheet, or yyyy-mm-dd) and save again."
    )
    assert row[WRITTEN] == {"start_date": "42430"}  # (the cell once, as written, beside the reason)
    with pytest.raises(InvalidInput) as refused:
        parse_payload(TrainingCompleted, payload_of(row))
    assert refused.value.errors == {"start_date": [cell.reason]}


def test_lesson_hours_written_with_their_unit_are_read_as_the_number() -> None:
    """A BKD spreadsheet writes a training's hours as "20 JP" (jam pelajaran): the number is read; a cell of no
    number is still the ledger's to refuse, naming hours."""
    text = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    text += f"{NIP},TEKNIS,Pelatihan,BPSDM,20 JP,2024-05-01,2024-05-03,R-1\n"
    text += f"{NIP},TEKNIS,Pelatihan,BPSDM,8jp,2024-05-01,2024-05-03,R-2\n"
    text += f"{NIP},TEKNIS,Pelatihan,BPSDM,JP,2024-05-01,2024-05-03,R-3\n"
    [(_, first), (_, second), (_, third)] = rows(text)
    assert isinstance(first, dict)
    assert isinstance(second, dict)
    assert isinstance(third, dict)
    assert (first["hours"], second["hours"], third["hours"]) == ("20", "8", "JP")


def test_a_file_of_no_known_kind_is_refused_once_at_its_header() -> None:
    """A CSV named neither after a kind (berkas-2024.csv) nor with a kind column, imported without choosing one,
    had each of its rows rejected as "kind: Missing data for required field.": said once, nothing read."""
    text = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    text += f"{NIP},TEKNIS,Pelatihan,BPSDM,2,2024-05-01,2024-05-02,R-1\n" * 3
    [(line, problem)] = rows(text, None)
    assert line == 1
    assert isinstance(problem, InvalidInput)
    assert problem.errors == {
        "kind": [
            "The kind of the file's rows is not known: choose it (--kind, the import page's kind or the API's kind "
            "parameter), name the file after it (training.csv), or add a kind column. Nothing was read."
        ]
    }


def test_a_nip_written_as_a_json_number_that_lost_digits_is_refused_naming_the_cure() -> None:
    """A JSON Lines file written by a script from a spreadsheet may carry the NIP as a number: 1.98609e+17 kept
    6 of its 18 digits (the row was refused as "must be 18 digits, got '198609e+17'"); an exact whole number is
    read as the NIP it is."""
    from careerlog.importing import row_to_command

    row = {"kind": "training", "training_kind": "TEKNIS", "reference": "R-1"}
    with pytest.raises(InvalidInput) as e:
        row_to_command(2, {**row, "nip": 1.98609e17}, migration=False)
    assert e.value.errors == {
        "nip": [
            "1.98609e+17 is a NIP written as a number, which keeps only some of its 18 digits: write it as text, "
            'in quotes ("198609262015051001").'
        ]
    }
    assert row_to_command(2, {**row, "nip": int(NIP)}, migration=False).subject == NIP


def test_a_tab_separated_file_is_read_by_its_tabs() -> None:
    """A spreadsheet's "Text (Tab delimited)" file renamed .csv: its header has tabs and no comma or semicolon; it
    was read as one column of the whole header, refused as no field of the kind."""
    text = "NIP\tJenis Diklat\tNama Diklat\tPenyelenggara\tJP\tTanggal Mulai\tTanggal Selesai\tNomor Sertifikat\r\n"
    text += f"{NIP}\tTEKNIS\tPelatihan, lanjutan\tBPSDM\t16\t2024-05-01\t2024-05-02\tR-1\r\n"
    [(line, row)] = rows(text)
    assert line == 2
    assert isinstance(row, dict)
    assert (row["nip"], row["title"], row["hours"]) == (NIP, "Pelatihan, lanjutan", "16")


def test_a_line_repeating_the_header_is_refused_as_such_and_the_rows_after_it_read() -> None:
    """Two files put together (`cat a.csv b.csv`, the second's byte-order mark before its header): the second header
    was refused as a row of every field wrong ('\\ufeffNIP' no NIP, 'Tanggal Mulai' no date, 'JP' no number)."""
    header = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat"
    text = f"\ufeff{header}\r\n{NIP};TEKNIS;A;B;8;01/02/2024;02/02/2024;C-1\r\n"
    text += f"\ufeff{header.upper()};\r\n{NIP};TEKNIS;A;B;8;03/02/2024;04/02/2024;C-2\r\n"
    read = rows(text)
    assert [line for line, _ in read] == [2, 3, 4]
    [(_, first), (_, again), (_, second)] = read
    assert isinstance(again, InvalidInput)
    assert again.errors == {
        "line": [
            "This line repeats the header (two files put together, or the header repeated on each page): it is no row "
            "of data, and nothing of it was recorded. Delete it; the rows after it are read as rows."
        ]
    }
    assert isinstance(first, dict)
    assert isinstance(second, dict)
    assert (first["reference"], second["reference"]) == ("C-1", "C-2")
