"""A NIP holding an invisible character a copy carries along (a zero-width space from a web page, a PDF or a chat) is
read without it, as its spaces, dots and dashes are (careerlog.domain.nip.normalise_nip). Found by an HR writer's pass
of 2026-12-05: such a row was refused "must be 18 digits, got '...\\u200b'", the character unseen in the cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.domain.nip import normalise_nip
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("character", INVISIBLE)
def test_an_invisible_character_in_a_nip_is_left_out(character: str) -> None:
    assert normalise_nip(f"{NIP[:8]}{character} {NIP[8:]}{character}") == NIP


def test_an_imported_nip_with_a_zero_width_space_is_read_without_it(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "training.csv"
    header = "NIP;Jenis Diklat;Judul;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat\r\n"
    path.write_text(f"{header}{NIP}\u200b;TEKNIS;Arsip;BKPSDM;8;06/05/2024;06/05/2024;ZW-1\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr", dry_run=True)
    assert (report.recorded, report.rejected) == (1, [])
