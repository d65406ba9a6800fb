"""A file of study leaves' or mentorings' starts heading their date "Tanggal Mulai" was refused as naming a
training's start_date, no field of theirs (review of 2026-12-05); a study leave's start heading its planned end
"Tanggal Selesai" had it read as its effective date, the start recorded on the end's day; a file of ends heading
"Tanggal Berakhir" named a penalty's end_date. Each kind now reads the Indonesian names of its own date
(textfiles.KIND_HEADER_ALIASES): a start's "Tanggal Mulai" (Tgl, TMT Mulai), an end's "Tanggal Selesai" or "Tanggal
Berakhir", and the TMT its decree names by what it starts (TMT CPNS, TMT PNS, TMT Pangkat, TMT Golongan, TMT
Jabatan), in a CSV and a workbook alike, the value in the kind's effective_date."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import openpyxl
import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import ColumnNotes, read_csv
from careerlog.workbooks import read_xlsx

NIP = "199001012015031002"
MENTOR = "198001012005011001"
APPOINTED = ["NIP", "Nomor SK", "Jenis Kepegawaian", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Pendidikan"]
APPOINTED += ["Instansi", "Unit Kerja", "Wilayah", "Jalur Pengadaan", "Pangkat"]
# each kind's other required columns, and a row of them
OTHERS: dict[str, tuple[list[str], list[str]]] = {
    "study_leave_start": (["NIP", "Nomor SK", "Lembaga Pendidikan", "Jenjang"], [NIP, "TB-1", "USU", "S-2"]),
    "study_leave_end": (["NIP", "Nomor SK"], [NIP, "TB-2"]),
    "mentoring_start": (["NIP", "Nomor SK", "NIP Mentor", "Fokus"], [NIP, "M-1", MENTOR, "Audit"]),
    "mentoring_end": (["NIP", "Nomor SK", "NIP Mentor"], [NIP, "M-2", MENTOR]),
    "post_end": (["NIP", "Nomor SK", "Nomor SK Pengangkatan"], [NIP, "PJ-2", "PJ-1"]),
    "training": (
        ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Nomor Sertifikat"],
        [NIP, "TEKNIS", "Arsip", "BPSDM", "20", "28/08/2024", "C-1"],
    ),
    "appointment": (
        APPOINTED,
        [NIP, "SK-1", "PNS", "Budi", "01/01/1990", "M", "S-1", "KOTA-MEDAN", "BKPSDM", "12.71", "UMUM", "III/a"],
    ),
    "confirmation": (["NIP", "Nomor SK", "Sertifikat Latsar"], [NIP, "SK-2", "L-1"]),
    "rank_promotion": (["NIP", "Nomor SK", "Pangkat Baru", "Jenis KP"], [NIP, "KP-1", "III/b", "101"]),
    "post_appointment": (
        ["NIP", "Nomor SK", "Jenis Jabatan", "Nama Jabatan", "Unit Kerja", "Jenis Penugasan"],
        [NIP, "PJ-1", "STRUKTURAL", "Kepala", "BKPSDM", "DEFINITIF"],
    ),
}
STARTS = ["Tanggal Mulai", "Tgl Mulai", "TMT Mulai", "Tgl. Mulai", "TANGGAL MULAI", "Tanggal Mulai (dd/mm/yyyy)"]
ENDS = ["Tanggal Selesai", "Tgl Selesai", "TMT Selesai", "Tgl. Selesai", "Tanggal Berakhir", "Tgl Berakhir"]
ENDS += ["TMT Berakhir", "Tanggal Akhir", "Tgl Akhir"]
CASES = [
    *((kind, name) for kind in ("study_leave_start", "mentoring_start") for name in STARTS),
    *((kind, name) for kind in ("study_leave_end", "mentoring_end", "post_end") for name in ENDS),
    *(
        ("training", name)
        for name in ["Tanggal Berakhir", "Tgl Berakhir", "TMT Berakhir", "Tanggal Akhir", "Tgl Akhir"]
    ),
    ("appointment", "TMT CPNS"),
    ("appointment", "TMT PPPK"),
    ("confirmation", "TMT PNS"),
    ("rank_promotion", "TMT Pangkat"),
    ("rank_promotion", "TMT Golongan"),
    ("post_appointment", "TMT Jabatan"),
]


def csv_rows(kind: str | None, header: list[str], *rows: list[str]) -> list[Any]:
    text = "".join(";".join(cells) + "\r\n" for cells in (header, *rows))
    return [row for _, row, _ in read_csv(io.BytesIO(text.encode()), kind)]


def workbook_rows(kind: str, header: list[str], *rows: list[Any]) -> list[Any]:
    book = openpyxl.Workbook()
    for cells in (header, *rows):
        book.active.append(cells)
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    return [row for _, row, _ in read_xlsx(saved, kind)]


@pytest.mark.parametrize(("kind", "column"), CASES)
def test_a_kinds_date_by_its_indonesian_name_is_read_as_its_effective_date_from_a_csv(kind: str, column: str) -> None:
    header, cells = OTHERS[kind]
    [row] = csv_rows(kind, [*header, column], [*cells, "01/09/2024"])
    assert isinstance(row, dict), row
    assert row["effective_date"] == "2024-09-01"


@pytest.mark.parametrize(("kind", "column"), CASES)
def test_a_kinds_date_by_its_indonesian_name_is_read_as_its_effective_date_from_a_workbook(
    kind: str, column: str
) -> None:
    header, cells = OTHERS[kind]
    [row] = workbook_rows(kind, [*header, column], [*cells, datetime(2024, 9, 1)])
    assert isinstance(row, dict), row
    assert row["effective_date"] == "2024-09-01"


@pytest.mark.parametrize("kind", ["study_leave_start", "mentoring_start"])
def test_a_starts_planned_end_is_left_out_with_its_note_and_its_start_read(kind: str) -> None:
    header, cells = OTHERS[kind]
    notes, row = csv_rows(kind, [*header, "Tanggal Mulai", "Tanggal Selesai"], [*cells, "01/09/2024", "31/08/2026"])
    assert isinstance(notes, ColumnNotes)
    assert f"Not a column of {kind}" in str(notes)
    assert isinstance(row, dict)
    assert row["effective_date"] == "2024-09-01"
    assert "31/08/2026" not in str(row)


@pytest.mark.parametrize("kind", ["study_leave_start", "mentoring_start"])
@pytest.mark.parametrize("end", ["Tanggal Selesai", "Tgl Selesai", "TMT Selesai"])
def test_a_start_headed_by_its_planned_end_alone_refuses_the_file_not_starting_on_the_end(kind: str, end: str) -> None:
    header, cells = OTHERS[kind]
    [problem] = csv_rows(kind, [*header, end], [*cells, "31/08/2026"])
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert f"names columns '{end}' that are no fields of {kind}" in reason
    assert "did you mean" not in reason


def test_a_study_leave_start_row_of_a_file_of_several_kinds_reads_tanggal_mulai_as_its_date() -> None:
    header = ["NIP", "kind", "Nomor SK", "Lembaga Pendidikan", "Jenjang", "Jenis Diklat", "Nama Diklat"]
    header += ["Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai"]
    leave, training = csv_rows(
        None,
        header,
        [NIP, "study_leave_start", "TB-1", "USU", "S-2", "", "", "", "", "01/09/2024", ""],
        [NIP, "training", "C-1", "", "", "TEKNIS", "Arsip", "BPSDM", "20", "01/03/2025", "04/03/2025"],
    )
    assert isinstance(leave, dict)
    assert isinstance(training, dict)
    assert leave["effective_date"] == "2024-09-01"
    assert "start_date" not in leave
    assert (training["start_date"], training["effective_date"]) == ("2025-03-01", "2025-03-04")


@pytest.mark.parametrize("kind", ["study_leave_end", "mentoring_end"])
def test_an_ends_start_column_is_no_field_of_it_and_its_end_is_read(kind: str) -> None:
    header, cells = OTHERS[kind]
    notes, row = csv_rows(kind, [*header, "Tanggal Mulai", "Tanggal Berakhir"], [*cells, "01/09/2024", "31/08/2026"])
    assert isinstance(notes, ColumnNotes)
    assert isinstance(row, dict)
    assert row["effective_date"] == "2026-08-31"
