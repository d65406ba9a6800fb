"""A sheet that breaks below its first rows is refused at its row in careerlog's words, naming the sheet and the row,
in English and Indonesian, the reading library's English last as a technical detail. Until 2026-12-06 the refusal read
"The sheet cannot be read from this row on (not well-formed (invalid token): line 1, column ...)", the library's
English inside the Indonesian sentence and the sheet unnamed."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl

from careerlog.domain.errors import InvalidInput
from careerlog.workbooks import read_xlsx
from tests.integration.test_import_xlsx_broken import rewritten
from tests.unit.test_unchanged_date_worded_as_a_date import shown


def broken_at_row_4(tmp_path: Path) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Diklat 2024"
    book.active.append(["kind", "nip", "title"])
    for n in range(10):
        book.active.append(["training", f"19860926201505100{n}", f"Pelatihan {n}"])
    book.save(tmp_path / "data.xlsx")
    data = (tmp_path / "data.xlsx").read_bytes()
    return rewritten(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<row r="9"', b"<<row"))


def test_a_sheet_broken_below_its_first_rows_is_refused_naming_the_sheet_and_row_in_both_languages(
    tmp_path: Path,
) -> None:
    rows = list(read_xlsx(io.BytesIO(broken_at_row_4(tmp_path)), None))
    line, refused, _ = rows[-1]
    assert line == 9
    assert isinstance(refused, InvalidInput)
    [reason] = refused.errors["line"]
    assert reason.startswith(
        "Sheet 'Diklat 2024' cannot be read from row 9 on: its data there is broken, or written otherwise than a "
        "spreadsheet writes it. Neither this row nor any below it was read; the rows above it were:"
    )
    assert re.search(r"\(Technical detail: not well-formed \(invalid token\): line 1, column \d+\.\)$", reason)
    english = reason[: reason.index("(Technical detail")]
    assert "well-formed" not in english
    indonesian = shown(reason, "id")
    assert indonesian.startswith("Lembar kerja 'Diklat 2024' tidak dapat dibaca mulai baris 9: datanya di sana rusak")
    assert "(Rincian teknis, dari pustaka pembaca berkas: not well-formed (invalid token)" in indonesian
    assert "well-formed" not in indonesian[: indonesian.index("(Rincian teknis")]
