"""A spreadsheet's own workbook given to the import is refused as a whole, with the cure.

Found on the import page: HR uploading the BKD's Excel sheet (`training.xlsx`) was told "Cannot tell the format of
'training.xlsx': name the file .jsonl or .csv" (renaming a workbook makes no CSV of it), and the same workbook
named `training.csv` was one rejected line 1, "Not UTF-8 text: 'PK\\x03\\x04...'; save the file as UTF-8". A
workbook (by its name, or by its first bytes whatever its name) is now refused before any row, naming `file` and
saying to save it from the spreadsheet as CSV UTF-8. Since 2026-12-04 an Excel Workbook named .xlsx is read
(tests/unit/test_import_xlsx_cells.py); an .xls, .xlsm or .ods, and a workbook named .csv or .jsonl, are still refused,
told to save it as .xlsx or CSV UTF-8.
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import detect_format, read_csv, read_jsonl

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the first bytes of an Excel 97-2003 .xls


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["NIP", "Jenis Diklat", "Nama Diklat", "JP"])
    book.active.append(["199001012015031002", "TEKNIS", "Pelatihan Keuangan", 8])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def refusal(read: object) -> str:
    with pytest.raises(InvalidInput) as refused:
        list(read)  # type: ignore[call-overload]
    [reason] = refused.value.errors["file"]
    return reason


@pytest.mark.parametrize("content", [xlsx(), OLE2 + b"\x00" * 504], ids=["xlsx", "xls"])
def test_a_workbook_read_as_csv_is_refused_as_a_file_saying_to_save_it_as_csv(content: bytes) -> None:
    reason = refusal(read_csv(io.BytesIO(content), "training"))
    assert reason.startswith("The file is a spreadsheet workbook")
    assert "save it as Excel Workbook (.xlsx) or as CSV UTF-8" in reason


@pytest.mark.parametrize("content", [xlsx(), OLE2 + b"\x00" * 504], ids=["xlsx", "xls"])
def test_a_workbook_read_as_json_lines_is_refused_as_a_file_not_line_by_line(content: bytes) -> None:
    assert refusal(read_jsonl(io.BytesIO(content))).startswith("The file is a spreadsheet workbook")


@pytest.mark.parametrize("name", ["DIKLAT 2024.XLS", "kp.xlsm", "skp.ods"])  # (an .xlsx is read: careerlog.workbooks)
def test_a_file_named_as_a_workbook_is_told_to_be_saved_as_csv_not_renamed(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        detect_format(name)
    [reason] = refused.value.errors["file"]
    assert reason.startswith("The file is a spreadsheet workbook")
    assert "name the file" not in reason


def test_a_csv_starting_with_the_letters_pk_is_still_read() -> None:
    content = b"PK,nip\n1,199001012015031002\n"  # (a column named PK: no ZIP mark after it)
    assert [line for line, _, _ in read_csv(io.BytesIO(content), "training")] == [1]
