"""A field several kinds have is read by each kind's own words (textfiles.KIND_WORDS): a training's title by its Nama
Diklat, Nama Pelatihan, Judul, Judul Pelatihan or Judul Diklat, a post's by its Nama Jabatan or Jabatan; a degree's
level by its Jenjang Pendidikan, a penalty's by its Tingkat Hukuman, a post's by its Jenjang Jabatan. Until
2026-12-06 they were every kind's: a training file carrying the employee's post (Nama Jabatan, a common column of HR
lists) beside the training's Judul Pelatihan recorded the post's title as the training's (HR tester, 2026-12-06).
Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from careerlog.textfiles import column_name
from tests import factories as f
from tests.unit.test_import_csv_header import rows

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
TRAINING = "NIP;Nama Jabatan;Jenis Diklat;{title};Penyelenggara;Tanggal Mulai;Tanggal Selesai;JP;No Sertifikat"


@pytest.mark.parametrize("title", ["Judul Pelatihan", "Judul Diklat", "Nama Diklat"])
def test_a_training_files_post_title_is_not_recorded_as_the_trainings_title(
    app: CareerLog, tmp_path: Path, title: str
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "pelatihan.csv"
    row = f"{NIP};Analis Keuangan Ahli Muda;TEKNIS;Akuntansi Pemerintahan;BPKP;02/02/2021;06/02/2021;40;SRT-77"
    path.write_text(f"{TRAINING.format(title=title)}\r\n{row}\r\n", "utf-8")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    assert "Nama Jabatan" in {column for note in report.notes for column in note.errors}
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [fact.values["title"] for fact in employee.active_facts() if fact.kind == "training"] == [
        "Akuntansi Pemerintahan"
    ]


def test_a_training_file_titled_by_the_post_alone_is_refused_for_its_title() -> None:
    header = "NIP;Nama Jabatan;Jenis Diklat;Penyelenggara;Tanggal Selesai;JP;No Sertifikat"
    [(line, problem)] = rows(f"{header}\r\n{NIP};Analis;TEKNIS;BPKP;06/02/2021;40;SRT-1\r\n", "training")
    assert line == 1
    assert "'Nama Jabatan'" in str(problem)  # (no title: the header refused, nothing read)


def test_a_post_reads_its_title_by_nama_jabatan_and_no_training_word() -> None:
    header = "NIP;TMT Jabatan;Nomor SK;Jenis Jabatan;Jenjang;Nama Jabatan;Nama Diklat;Jenis Penugasan;Unit Kerja"
    text = f"{header}\r\n{NIP};02/01/2026;SK-1;Fungsional;Ahli Muda;Analis;Latsar;Definitif;BKPSDM\r\n"
    [(_, note), (_, row)] = rows(text, "post_appointment")
    assert isinstance(row, dict)
    assert row["title"] == "Analis"
    assert "Latsar" not in row.values()
    assert "Nama Diklat" in str(note)  # (left out, said in the notes)


def test_a_level_is_read_by_its_kinds_words_alone() -> None:
    columns = ("Jenjang Pendidikan", "Tingkat Hukuman", "Jenjang Jabatan", "Jenjang")
    kinds = ("education", "study_leave_start", "penalty", "post_appointment")
    read = {kind: [column for column in columns if column_name(column, kind) == "level"] for kind in kinds}
    assert read == {
        "education": ["Jenjang Pendidikan", "Jenjang"],
        "study_leave_start": ["Jenjang Pendidikan", "Jenjang"],
        "penalty": ["Tingkat Hukuman", "Jenjang"],
        "post_appointment": ["Jenjang Jabatan", "Jenjang"],
    }
