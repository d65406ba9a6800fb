"""A workbook whose ZIP opens but whose parts are broken, and one saved with a password, are refused as a whole on the
command line, in one line naming `file`, nothing recorded (careerlog.workbooks); a sheet that breaks below the rows
already read is reported as a CSV file's unreadable line is, at its row, the rows above it recorded. Both stores.

Before: a styles.xml of an attribute openpyxl does not take (TypeError) and a cell naming a shared string that is
not there (IndexError) were tracebacks; a sheet broken below its first rows stopped the import with a one-line error
after its rows above were recorded, unreported; a workbook saved with a password (an OLE2 file: Excel's
EncryptedPackage) was told it was an .xls, .xlsm or .ods workbook."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import NotFound
from tests import factories as f
from tests.integration.test_cli import last_position, run
from tests.integration.test_import_xlsx import COLUMNS, rows, xlsx
from tests.unit.test_import_xlsx_bombs import made, shared_strings, sheet_xml
from tests.unit.test_import_xlsx_sheets import first_sheet_missing, guide_alone, guide_first

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def rewritten(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook `data` with its part `part` changed (the ZIP still whole: only what openpyxl reads is broken)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            body = old.read(info.filename)
            new.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def good_workbook(tmp_path: Path) -> bytes:
    return xlsx(tmp_path / "good.xlsx", COLUMNS, *rows(f.nip())).read_bytes()


def styles_of_an_unknown_attribute(tmp_path: Path) -> bytes:
    return rewritten(good_workbook(tmp_path), "xl/styles.xml", lambda xml: xml.replace(b"<font>", b'<font bad="1">'))


def styles_of_a_wrong_value(tmp_path: Path) -> bytes:
    return rewritten(
        good_workbook(tmp_path), "xl/styles.xml", lambda xml: xml.replace(b'numFmtId="0"', b'numFmtId="x"')
    )


def workbook_of_a_sheet_id_not_a_number(tmp_path: Path) -> bytes:
    return rewritten(
        good_workbook(tmp_path), "xl/workbook.xml", lambda xml: xml.replace(b'sheetId="1"', b'sheetId="x"')
    )


def shared_string_not_there(tmp_path: Path) -> bytes:
    sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>7</v></c></row>')
    return made(sheet, shared_strings("nip")).getvalue()


def protected(tmp_path: Path) -> bytes:
    """An .xlsx as Excel saves it with a password (MS-OFFCRYPTO): an OLE2 compound file whose directory holds the
    streams EncryptionInfo and EncryptedPackage, here a header and one directory sector of their three entries."""
    header = bytearray(512)
    header[:8] = OLE2
    header[0x18:0x1E] = struct.pack("<HHH", 0x3E, 3, 0xFFFE)  # (minor and major version 3, little-endian)
    header[0x1E:0x20] = struct.pack("<H", 9)  # (sectors of 2**9 bytes)
    header[0x30:0x34] = struct.pack("<I", 0)  # (the directory's first sector)
    directory = b""
    for name, kind in (("Root Entry", 5), ("EncryptionInfo", 2), ("EncryptedPackage", 2)):
        encoded = (name + "\0").encode("utf-16-le")
        entry = encoded.ljust(64, b"\0") + struct.pack("<HB", len(encoded), kind)
        directory += entry.ljust(128, b"\0")
    return bytes(header) + directory.ljust(512, b"\0") + bytes(range(256)) * 8


BROKEN = {
    "styles.xml of an attribute openpyxl does not know": styles_of_an_unknown_attribute,
    "styles.xml of a number format that is no number": styles_of_a_wrong_value,
    "workbook.xml of a sheet id that is no number": workbook_of_a_sheet_id_not_a_number,
    "a cell naming a shared string that is not there": shared_string_not_there,
}


@pytest.mark.parametrize("made_by", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_workbook_is_refused_in_one_line_naming_file_and_nothing_is_recorded(
    database_url: str, tmp_path: Path, made_by: Callable[[Path], bytes]
) -> None:
    path = tmp_path / "Diklat2024.xlsx"
    path.write_bytes(made_by(tmp_path))
    result = run(database_url, "import", "--kind", "training", str(path))
    assert result.exit_code == 1, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: file: The file is no Excel workbook (.xlsx) that can be read: a part of it"), line
    assert last_position(database_url) == 0


def test_a_workbook_saved_with_a_password_is_told_to_have_its_password_removed(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "Diklat2024.xlsx"
    path.write_bytes(protected(tmp_path))
    result = run(database_url, "import", "--kind", "training", str(path))
    assert result.exit_code == 1, result.output
    [line] = result.output.strip().splitlines()
    assert line == (
        "Error: file: The workbook is protected with a password: remove the password in Excel (File > Info > "
        "Protect Workbook) and save it again. Nothing was imported."
    )
    assert last_position(database_url) == 0


# A workbook whose first sheet is not the one to read, refused as a whole (tests/unit/test_import_xlsx_sheets.py)
NOT_THE_FIRST = {
    "its first sheet missing from the ZIP": (
        first_sheet_missing,
        "Error: file: The workbook's first sheet, 'Diklat', is named in the workbook but missing from the file (the "
        "file is damaged: its rows are not in it), so no other sheet is read in its place: export or save that sheet "
        "again where it was made and import it again. Nothing was imported.",
    ),
    "a template's guide dragged before its data": (
        guide_first,
        "Error: file: The workbook's first sheet, 'Petunjuk', is the guide of a template, which is not imported: the "
        "import reads the first sheet alone, which must be the sheet of data (the template's sheet named after its "
        "kind). Drag that sheet's tab before 'Petunjuk' and import the workbook again. Nothing was imported.",
    ),
    "a template's guide left alone, its data removed": (
        guide_alone,
        "Error: file: The workbook's only sheet, 'Petunjuk', is the guide of a template, which is not imported: the "
        "workbook holds no sheet of data (the template's sheet named after its kind). Fill in the sheet of data of a "
        "template (download the template again) and import that workbook. Nothing was imported.",
    ),
}


@pytest.mark.parametrize(("made_by", "said"), NOT_THE_FIRST.values(), ids=NOT_THE_FIRST.keys())
def test_a_workbook_whose_first_sheet_is_missing_or_a_guide_is_refused_in_one_line_and_nothing_is_recorded(
    database_url: str, tmp_path: Path, made_by: Callable[[], bytes], said: str
) -> None:
    path = tmp_path / "Diklat2024.xlsx"
    path.write_bytes(made_by())
    result = run(database_url, "import", "--kind", "training", str(path))
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [said]
    assert last_position(database_url) == 0


def test_an_excel_97_2003_workbook_named_xlsx_is_still_told_to_be_saved_as_xlsx(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "Diklat2024.xlsx"
    path.write_bytes(OLE2 + bytes(1024))
    result = run(database_url, "import", "--kind", "training", str(path))
    assert result.exit_code == 1, result.output
    assert "The file is a spreadsheet workbook the import does not read" in result.output
    assert last_position(database_url) == 0


def test_a_sheet_broken_below_its_first_rows_is_reported_at_its_row_and_the_rows_above_are_recorded(
    database_url: str, tmp_path: Path
) -> None:
    nips = [f.nip() for _ in range(4)]
    data = xlsx(tmp_path / "data.xlsx", COLUMNS, *(row for nip in nips for row in rows(nip))).read_bytes()
    # (rows 2 to 13: the sheet's XML breaks in row 11, below the rows read ahead of the header's check)
    path = tmp_path / "Diklat2024.xlsx"
    path.write_bytes(rewritten(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<row r="11"', b"<<row")))
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1, result.output
    assert "10 rows: recorded 9, already recorded 0, rejected 1" in result.output
    assert "line 11: line: Sheet 'Sheet' cannot be read from row 11 on: its data there is broken" in result.output
    assert "(Technical detail: not well-formed (invalid token)" in result.output
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        assert [len(app.get_employee(nip).active_facts()) for nip in nips[:3]] == [3, 3, 3]
        with pytest.raises(NotFound):  # (the fourth's appointment, row 11, was not read)
            app.get_employee(nips[3])
    again = run(
        database_url, "import", str(xlsx(tmp_path / "mended.xlsx", COLUMNS, *(r for n in nips for r in rows(n))))
    )
    assert "12 rows: recorded 3, already recorded 9, rejected 0" in again.output, again.output
