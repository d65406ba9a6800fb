"""`careerlog import` of a CSV with a column that is no field of its kind but near one ("Tanggal Mulia") says the
name it may be, beside the columns taken, exit 1, nothing recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import NIP, last_position, run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_import_of_an_unknown_column_near_a_known_one_says_which_it_may_be(database_url: str, tmp_path: Path) -> None:
    rows = tmp_path / "pelatihan.csv"
    rows.write_text(
        "NIP;Jenis Diklat;Judul;JP;Tanggal Mulia;Tanggal Selesai;Nomor Sertifikat\r\n"
        f"{NIP};TEKNIS;Arsip;24;04/03/2024;06/03/2024;CERT-1\r\n"
    )
    before = last_position(database_url)
    result = run(database_url, "import", str(rows))
    assert result.exit_code == 1, result.output
    assert "line 1: line: The header (the line of column names, not a row of data) names columns 'Tanggal Mulia' " in (
        result.output
    )
    assert "that are no fields of training (did you mean Tanggal Mulai?): a column misspelt " in result.output
    assert last_position(database_url) == before
