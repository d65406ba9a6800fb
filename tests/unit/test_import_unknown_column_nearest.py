"""A CSV column that is no field of the kind is refused suggesting the nearest name the kind takes when one is close
("Tanggal Mulia", a slip of the keyboard, may be tanggal_mulai): the refusal listed every name taken, some thirty for
a training, and left HR to find the slip (found by helper hrhunt). A column near none (Uraian, NIP Lama: an old NIP is
no new one) is refused as before, suggesting nothing."""

from __future__ import annotations

import pytest

from careerlog.importing import UNKNOWN_COLUMNS_MISSING, UNKNOWN_COLUMNS_NEAR
from tests.unit.test_import_indonesian_headers import NIP, header_refusal

ROW = f"{NIP};TEKNIS;Arsip;24;04/03/2024;06/03/2024;CERT-1\r\n"


def test_an_unknown_column_near_a_known_name_is_refused_suggesting_it() -> None:
    header = "NIP;Jenis Diklat;Judul;JP;Tanggal Mulia;Tanggal Selesai;Nomor Sertifikat\r\n"
    reason = header_refusal(header + ROW)
    assert reason.refusal is UNKNOWN_COLUMNS_NEAR  # type: ignore[attr-defined]
    assert reason.startswith(
        "The header (the line of column names, not a row of data) names columns 'Tanggal Mulia' that are no fields of "
        "training (did you mean Tanggal Mulai?): a column misspelt would be left out of every row, so nothing was read."
    )
    assert "Its columns are nip, effective_date" in reason
    assert reason.endswith("Correct the header and import the file again.")


def test_unknown_columns_are_refused_suggesting_the_nearest_name_of_each_that_has_one() -> None:
    header = "NIP;Jenis Diklat;Judul;Jam Pelajar;Tanggal Mulia;Uraian;Organizer\r\n"
    reason = header_refusal(header + f"{NIP};TEKNIS;Arsip;24;04/03/2024;x;BKPSDM\r\n")
    assert reason.startswith(
        "The header (the line of column names, not a row of data) names columns 'Jam Pelajar', 'Tanggal Mulia', "
        "'Uraian', 'Organizer' that are no fields of training (did you mean Jam Pelajaran ('Jam Pelajar'), Tanggal "
        "Mulai ('Tanggal Mulia'), Organiser ('Organizer')?): "
    )


@pytest.mark.parametrize("column", ["Uraian", "NIP Lama"])
def test_an_unknown_column_near_no_known_name_is_refused_suggesting_none(column: str) -> None:
    header = f"NIP;Jenis Diklat;Judul;JP;Tanggal Mulai;Tanggal Selesai;{column}\r\n"
    reason = header_refusal(header + ROW)
    assert reason.refusal is UNKNOWN_COLUMNS_MISSING  # type: ignore[attr-defined]
    assert "did you mean" not in reason
