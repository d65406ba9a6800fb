"""A file of penalties heading its end "Tanggal Berakhir" was read with the column left out as one of no field
(review of 3456afa: IGNORED_COLUMN) and every penalty recorded ending when its kind's months say (2023-05-03), not
when the file says (2020-11-03). The end's Indonesian names are read now ("Tanggal Berakhir", "TMT Berakhir"), and
a column of no field beside a header leaving out the end (which the ledger fills in) refuses the file, naming the
column and the end's names (UNKNOWN_MAY_BE_DEFAULTED), as before such columns were left out."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import UNKNOWN_MAY_BE_DEFAULTED, read_csv

NIP = "199001012015031002"
HEADER = "NIP;TMT;Nomor SK;Tingkat Hukuman;Jenis Hukuman;{end}"
ROW = f"{NIP};03/05/2020;HD-1;SEDANG;PENURUNAN_PANGKAT_1_TAHUN;03/11/2020\r\n"


@pytest.mark.parametrize("end", ["Tanggal Berakhir", "TMT Berakhir", "Tgl Akhir", "end_date"])
def test_a_penalty_end_by_its_indonesian_name_is_read_as_its_end(end: str) -> None:
    (_, row, _), *rest = list(read_csv(io.BytesIO((HEADER.format(end=end) + "\r\n" + ROW).encode()), "penalty"))
    assert rest == []
    assert isinstance(row, dict)
    assert row["end_date"] == "2020-11-03"


def test_a_column_of_no_field_beside_a_penalty_header_without_its_end_refuses_the_file() -> None:
    header = HEADER.format(end="Selesai Dijalani")
    [(line, problem, _)] = list(read_csv(io.BytesIO((header + "\r\n" + ROW).encode()), "penalty"))
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert reason.refusal is UNKNOWN_MAY_BE_DEFAULTED  # type: ignore[attr-defined]
    assert "names columns 'Selesai Dijalani' that are no fields of penalty" in reason
    assert "leaves out its column end_date (Tanggal Berakhir, Tgl Berakhir, TMT Berakhir" in reason
