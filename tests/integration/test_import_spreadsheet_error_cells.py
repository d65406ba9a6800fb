"""A cell a spreadsheet saved in place of its value (an HR administrator's VLOOKUP that found nothing, a column too
narrow for its dates): `#N/A` in a training's title or `#REF!` in its programme was recorded as that text, and a NIP
`#N/A` was refused as "must be 18 digits". Each such cell is now refused naming its column and why (a formula's
error, or the hashes of a narrow column), with the row's other problems, and nothing of the row is recorded; the
rows around it are recorded as before. A CSV file separated by semicolons and one by commas alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from careerlog.textfiles import FORMULA_ERROR, TOO_NARROW
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Kode Program"


def cells(title: str = "Arsip", start: str = "2020-05-08", reference: str = "F-1", programme: str = "") -> str:
    return f"{NIP};TEKNIS;{title};BKPSDM;8;{start};2020-05-10;{reference};{programme}"


@pytest.mark.parametrize("separator", [";", ","], ids=["semicolons", "commas"])
def test_a_formula_error_or_a_narrow_columns_hashes_is_refused_never_recorded(
    app: CareerLog, tmp_path: Path, separator: str
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    lines = [
        HEADER,
        cells(reference="F-1"),
        cells(title="#N/A", reference="F-2", programme="#REF!"),
        cells(reference="F-3").replace(NIP, "#N/A", 1),
        cells(start="########", reference="F-4", title="Err:502"),
        cells(title="Arsip #2", reference="F-5"),  # (a hash within a text is no error)
    ]
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join(lines).replace(";", separator) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    refused = {p.line: (p.errors, p.values) for p in report.rejected}
    assert refused == {
        3: ({"title": [FORMULA_ERROR], "programme_id": [FORMULA_ERROR]}, {"title": "#N/A", "programme_id": "#REF!"}),
        4: ({"nip": [FORMULA_ERROR]}, {"nip": "#N/A"}),
        5: ({"start_date": [TOO_NARROW], "title": [FORMULA_ERROR]}, {"start_date": "########", "title": "Err:502"}),
    }
    employee = app.get_employee(NIP)
    assert employee is not None
    titles = {x.values["reference"]: x.values["title"] for x in employee.active_facts() if x.kind == "training"}
    assert titles == {"F-1": "Arsip", "F-5": "Arsip #2"}
