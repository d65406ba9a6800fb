"""The refused rows' CSV file (`careerlog import --refused`, the import page's download: careerlog.refused_rows)
writes a NIP of bare digits as the career record's CSV does, ="198609262010031001"
(careerlog.spreadsheet.kept_as_text), which a spreadsheet shows as its 18 digits; until 2026-12-06 it wrote the bare
digits, which Excel opening the file showed as 1,97607E+17 and saved back with its last three digits lost (HR tester:
pelatihan_2025-ditolak.csv). The file mended and imported again reads the NIP back (textfiles.nips_marked_as_text, a
mentee's NIP too since 2026-12-06) and records the row. Other cells come back as written. Both stores."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from careerlog.textfiles import nips_marked_as_text
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = "No;NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
BAD_DAY = f"1;{NIP};TEKNIS;Arsip dinamis;BKPSDM;8;15/11/2021;31/11/2021;KEPT-1"
SHORT = "2;19860926201003;TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;KEPT-2"  # (14 digits: a spreadsheet keeps them)


def test_the_refused_rows_keep_their_nips_as_text_and_are_read_back(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "appointment.jsonl", APPOINTMENT))).exit_code == 0
    source, refused = tmp_path / "pelatihan_2025.csv", tmp_path / "pelatihan_2025-ditolak.csv"
    source.write_bytes(("\r\n".join([HEADER, BAD_DAY, SHORT]) + "\r\n").encode())
    result = run(database_url, "import", "--kind", "training", "--refused", str(refused), str(source))
    assert result.exit_code == 1, result.output
    lines = refused.read_bytes().decode("utf-8-sig").split("\r\n")
    rows = list(csv.reader(lines[1:-1], delimiter=";"))
    assert [row[1] for row in rows] == [f'="{NIP}"', "19860926201003"]
    assert lines[1].startswith(f'1;"=""{NIP}""";TEKNIS;')  # (as a spreadsheet reads a formula of a text alone)

    mended = tmp_path / "pelatihan_2025-diperbaiki.csv"
    mended.write_bytes(("\r\n".join([lines[0], lines[1].replace("31/11/2021", "30/11/2021")]) + "\r\n").encode())
    before = last_position(database_url)
    result = run(database_url, "import", "--kind", "training", str(mended))
    assert result.exit_code == 0, result.output
    assert "1 row: recorded 1, already recorded 0, rejected 0" in result.output
    assert last_position(database_url) == before + 1


def test_a_mentees_nip_kept_as_text_is_read_back() -> None:
    row = {"nip": f'="{NIP}"', "mentee_nip": f'="{NIP}"', "confirm_nip": f"'{NIP}"}
    nips_marked_as_text(row)
    assert (row["nip"], row["mentee_nip"], row["confirm_nip"]) == (NIP, NIP, NIP)
