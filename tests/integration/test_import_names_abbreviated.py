"""A spreadsheet writes names as lists do: Mhd. for Muhammad (Medan), I Gst. Ngr. for I Gusti Ngurah (Bali),
without the Balinese I or Ni, with a nobility honorific (Rr., Tgk.). The import reads each as the recorded name
(careerlog/reference/names.toml) and still refuses a middle name left out or another person's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import ConfigurationError
from careerlog.importing import import_file
from careerlog.reference import NAMES_FILE_ENV
from tests import factories as f

RIZKI, RAI, SARI = f.nip(), f.nip(), f.nip(sex="F")
HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def appoint(app: CareerLog, tmp_path: Path) -> None:
    rows = [
        {"kind": "appointment", "nip": RIZKI, **f.appointment(name="Muhammad Rizki Siregar")},
        {"kind": "appointment", "nip": RAI, **f.appointment(name="I Gusti Ngurah Rai")},
        {"kind": "appointment", "nip": SARI, **f.appointment(sex="F", name="Raden Roro Siti Aminah")},
    ]
    (tmp_path / "appointment.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 3


def test_names_abbreviated_as_lists_write_them_are_recorded_and_a_middle_name_left_out_is_refused(
    app: CareerLog, tmp_path: Path
) -> None:
    appoint(app, tmp_path)
    written = [
        (RIZKI, "Mhd. Rizki Siregar"),
        (RIZKI, "MOH RIZKI SIREGAR, S.Kom."),
        (RAI, "I Gst. Ngr. Rai"),
        (RAI, "Gusti Ngurah Rai"),  # without the Balinese I
        (SARI, "Rr. Siti Aminah"),
        (SARI, "Siti Aminah"),
        (RIZKI, "Mhd. Siregar"),  # line 8: the middle name left out (a brother's row)
        (RAI, "Ni Gst. Ngr. Rai"),  # line 9: another leading word, not one left out
    ]
    lines = [HEADER] + [
        f"{nip};{name};TEKNIS;Arsip;BKPSDM;8;0{day}/03/2024;0{day}/03/2024;C-{day}"
        for day, (nip, name) in enumerate(written, start=1)
    ]
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 6
    assert {p.line: p.errors for p in report.rejected} == {
        8: {
            "name": [
                f"'Mhd. Siregar' is not the name recorded for NIP {RIZKI} ('Muhammad Rizki Siregar'): "
                "check the NIP, or the name."
            ]
        },
        9: {
            "name": [
                f"'Ni Gst. Ngr. Rai' is not the name recorded for NIP {RAI} ('I Gusti Ngurah Rai'): "
                "check the NIP, or the name."
            ]
        },
    }


def test_a_names_file_that_does_not_read_stops_the_import_before_its_first_row(
    app: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "names.toml").write_text('[meta]\nstatus = "I"\ntitles = ["dr"]\n', encoding="utf-8")
    monkeypatch.setenv(NAMES_FILE_ENV, str(tmp_path / "names.toml"))
    with pytest.raises(ConfigurationError, match=r"names\.toml: \[meta\] holds only source and status, not titles"):
        appoint(app, tmp_path)
    assert not app.employee_exists(RIZKI)  # (its appointment, the file's first row, was not recorded)


def test_a_batak_name_with_or_without_its_br_is_recorded_and_another_marga_is_refused(
    app: CareerLog, tmp_path: Path
) -> None:
    """North Sumatra's lists leave the particle br. (boru) out, or write it without its dot: the same name."""
    elisabeth = "198807112010122001"
    row = {
        "kind": "appointment",
        "nip": elisabeth,
        **f.appointment(date(1988, 7, 11), date(2010, 12, 1), "F", name="Elisabeth br. Sianturi"),
    }
    (tmp_path / "appointment.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 1
    written = ["Elisabeth Sianturi", "Elisabeth br Sianturi", "ELISABETH BORU SIANTURI", "Elisabeth br. Simatupang"]
    lines = [HEADER] + [
        f"{elisabeth};{name};TEKNIS;Arsip;BKPSDM;8;0{day}/03/2024;0{day}/03/2024;C-{day}"
        for day, name in enumerate(written, start=1)
    ]
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 3
    assert {p.line: p.errors for p in report.rejected} == {
        5: {
            "name": [
                f"'Elisabeth br. Simatupang' is not the name recorded for NIP {elisabeth} ('Elisabeth br. Sianturi'): "
                "check the NIP, or the name."
            ]
        },
    }
