"""The record form and an import read a NIP and a training's hours with one function each
(careerlog.domain.nip.unlabelled_nip, careerlog.textfiles.lesson_hours): until 2026-12-05 the form took "NIP. 19840122
200812 1 001" that an import refused, and an import took hours "24 JP" that the form refused ("Not a valid
integer.")."""

from __future__ import annotations

import io

import pytest

from careerlog.importing import read_csv
from web.pages.hr import form_nip

NIP = "198401222008121001"
TYPED = ["NIP. 19840122 200812 1 001", f"NIP.{NIP}", f"nip {NIP}", f"NIP: {NIP}", f"NI PPPK {NIP}", NIP]
REFUSED = ["No. 19840122 200812 1 001", f"NIP. {NIP} (lama)", f"NIP {NIP[:17]}", f"NIPX {NIP}"]


def imported_nip(cell: str) -> str:
    text = "NIP;Jenis Diklat;Nama Diklat;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Penyelenggara\r\n"
    text += f"{cell};TEKNIS;A;24 JP;04/03/2024;06/03/2024;C-1;BKPSDM\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    assert row["hours"] == "24"
    return str(row["nip"])


@pytest.mark.parametrize("typed", TYPED + REFUSED)
def test_an_imports_nip_cell_is_read_as_the_forms_nip_input(typed: str) -> None:
    assert imported_nip(typed) == form_nip(typed)


@pytest.mark.parametrize("typed", TYPED)
def test_a_nip_after_its_label_is_read_as_its_digits(typed: str) -> None:
    assert imported_nip(typed).replace(" ", "") == NIP
