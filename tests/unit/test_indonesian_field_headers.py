"""A CSV headed by the Indonesian names the record form and the import page give its fields is read: "Ujian"
(exam), "Jenis Jabatan", "Jenjang", "Jenis Penugasan", "Cara Pengisian" (a post appointment), "Nomor SK
Pengangkatan" (a post's end), "Sertifikat Latsar", "Jurusan", "Lembaga Pendidikan", "Kedudukan Hukum", "Jenis
Hukuman", "Tingkat Hukuman Disiplin", "Jenis Penghargaan", "Pemberi Penghargaan", "Tanggal Keputusan", "Versi",
"Fokus", "Topik", "Menit", "Penilaian", "Relevansi", "Komentar". Before, each such column refused line 1 as "no
field of" its kind and nothing was read: a BKD sheet headed as the page labels the fields was refused whole (found
importing `NIP;TMT;Nomor SK;Ujian`), though the page lists those labels beside the names it reads."""

from __future__ import annotations

import pytest

from careerlog.importing import META_KEYS
from careerlog.textfiles import HEADER_ALIASES
from tests.unit.test_import_csv_header import rows

NIP = "199001012015031002"

SHEETS = [
    ("exam", "NIP;TMT;Nomor SK;Ujian", "01/05/2016;U-1;UD_I", ["effective_date", "reference", "exam"]),
    (
        "post_appointment",
        "NIP;TMT;Nomor SK;Jenis Jabatan;Jenjang;Nama Jabatan;Unit Kerja;Jenis Penugasan;Cara Pengisian",
        "01/01/2020;PA-1;PENGAWAS;IV.a;Kasubbag Umum;BKPSDM;DEFINITIF;OPEN",
        ["effective_date", "reference", "post_kind", "level", "title", "unit", "assignment", "selection"],
    ),
    (
        "post_end",
        "NIP;TMT;Nomor SK;Nomor SK Pengangkatan",
        "01/01/2021;PE-1;PA-1",
        ["effective_date", "reference", "appointment_reference"],
    ),
    (
        "confirmation",
        "NIP;TMT;Nomor SK;Sertifikat Latsar",
        "01/03/2016;C-1;L-1",
        ["effective_date", "reference", "latsar_certificate"],
    ),
    (
        "education",
        "NIP;Tanggal;Nomor SK;Jenjang Pendidikan;Jurusan;Lembaga Pendidikan",
        "01/09/2019;IJ-1;S-2;Administrasi Publik;USU",
        ["effective_date", "reference", "level", "field_of_study", "institution"],
    ),
    (
        "status_change",
        "NIP;TMT;Nomor SK;Kedudukan Hukum;Alasan",
        "01/01/2022;ST-1;CLTN;x",
        ["effective_date", "reference", "status", "reason"],
    ),
    (
        "penalty",
        "NIP;TMT;Nomor SK;Tingkat Hukuman Disiplin;Jenis Hukuman",
        "01/01/2018;HD-1;LIGHT;TEGURAN_LISAN",
        ["effective_date", "reference", "level", "penalty_kind"],
    ),
    (
        "award",
        "NIP;Tanggal Keputusan;TMT;Nomor SK;Jenis Penghargaan;Pemberi Penghargaan",
        "10/08/2020;17/08/2020;AW-1;SLKS_X;Presiden",
        ["decree_date", "effective_date", "reference", "award_kind", "awarding_body"],
    ),
    (
        "retraction",
        "NIP;TMT;Nomor SK;Versi;Alasan",
        "01/12/2026;R-1;7;salah",
        ["effective_date", "reference", "target_version", "reason"],
    ),
    (
        "mentoring_session",
        "NIP;Tanggal;Nomor SK;NIP Mentor;Topik;Menit",
        f"01/02/2020;MS-1;{NIP};Orientasi;60",
        ["effective_date", "reference", "mentor_nip", "topic", "minutes"],
    ),
    (
        "mentoring_start",
        "NIP;TMT;Nomor SK;NIP Mentor;Fokus",
        f"01/01/2020;M-1;{NIP};Orientasi",
        ["effective_date", "reference", "mentor_nip", "focus"],
    ),
    (
        "training_feedback",
        "NIP;Tanggal;Nomor SK;Kode Program;Penilaian;Relevansi;Komentar",
        "01/02/2020;FB-1;PRG-1;4;5;baik",
        ["effective_date", "reference", "programme_id", "rating", "relevance", "comment"],
    ),
]


@pytest.mark.parametrize(("kind", "header", "cells", "fields"), SHEETS, ids=[s[0] for s in SHEETS])
def test_a_sheet_headed_by_the_fields_indonesian_names_is_read(
    kind: str, header: str, cells: str, fields: list[str]
) -> None:
    [(line, row)] = rows(f"{header}\r\n{NIP};{cells}\r\n", kind)
    assert line == 2, row
    assert isinstance(row, dict), row
    assert [name for name in row if name not in META_KEYS and name != "nip" and not name.startswith("\x00")][
        : len(fields)
    ] == fields


def test_no_alias_names_two_fields() -> None:
    assert len(HEADER_ALIASES) == len({name.lower() for name in HEADER_ALIASES})
