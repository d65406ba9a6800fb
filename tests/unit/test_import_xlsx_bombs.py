"""A workbook is a ZIP: a small upload can unpack to gigabytes, which openpyxl would unpack as it reads (its shared
strings held in memory). Before openpyxl opens a workbook, its ZIP directory is read (careerlog.workbooks.refuse_bombs)
and the workbook refused, naming the file and why, nothing imported: one whose XML parts unpack to more than
CAREERLOG_IMPORT_XLSX_MAX_MB (default 256), one with a part packed over 100 times tighter than any spreadsheet packs
it, one with an encrypted part or whose ZIP cannot be read. Before, openpyxl read such a file whole. A workbook of
5,000 rows is within the limit, read whole.

The bombs are made here with zipfile, streamed (a few MB of memory, well under a second)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from typing import Any

import openpyxl
import pytest

from careerlog.config import ConfigurationError, Settings
from careerlog.domain.errors import InvalidInput
from careerlog.workbooks import NOT_XLSX, PACKED_TIGHT, TOO_LARGE, read_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
NIP = "199001012015031002"
HEADER = [
    "NIP",
    "Jenis Diklat",
    "Nama Diklat",
    "JP",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "No Sertifikat",
    "Penyelenggara",
]


def parts(*, date1904: bool = False) -> dict[str, str]:
    """The parts of a one-sheet workbook as Excel writes it (shared strings, styles of a date and a duration),
    without the sheet and the shared strings."""
    return {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{TYPES}.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/>'
            '</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/>'
            '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
    }


def made(
    sheet: Iterable[bytes], strings: Iterable[bytes], *, date1904: bool = False, encrypted: bool = False
) -> io.BytesIO:
    """A workbook of those parts, its sheet's XML and its shared strings' written from chunks (streamed: a part of
    gigabytes takes no more memory than a chunk); `encrypted`: its first part's directory entry says encrypted."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts(date1904=date1904).items():
            archive.writestr(name, text)
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", strings)):
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    data = bytearray(out.getvalue())
    if encrypted:
        entry = data.index(b"PK\x01\x02")  # (the first central directory entry: its flags at offset 8)
        data[entry + 8] |= 0x1
    return io.BytesIO(bytes(data))


def sheet_xml(rows: str) -> list[bytes]:
    return [f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()]


def shared_strings(*texts: str) -> list[bytes]:
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return [f'<sst xmlns="{MAIN}" count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'.encode()]


def bomb_strings(megabytes: int) -> Iterable[bytes]:
    """Shared strings of one text of `megabytes` MB of one letter: packed to about a thousandth."""
    yield f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
    chunk = b"A" * (1024 * 1024)
    for _ in range(megabytes):
        yield chunk
    yield b"</t></si></sst>"


def bomb_sheet(megabytes: int) -> Iterable[bytes]:
    """A sheet of `megabytes` MB of empty rows."""
    yield f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'.encode()
    chunk = b"<row/>" * (1024 * 1024 // 6)
    for _ in range(megabytes):
        yield chunk
    yield b"</sheetData></worksheet>"


def strings_bomb() -> io.BytesIO:
    return made(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), bomb_strings(48))


def sheet_bomb() -> io.BytesIO:
    return made(bomb_sheet(48), shared_strings("NIP"))


@pytest.fixture
def openpyxl_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl must not open the workbook: the refusal comes before it."""

    def opened(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl opened a workbook that was to be refused before it")

    monkeypatch.setattr(openpyxl, "load_workbook", opened)


def refusal(stream: io.BytesIO, name: str = "Diklat.xlsx") -> str:
    with pytest.raises(InvalidInput) as refused:
        list(read_xlsx(stream, "training", name=name))
    [reason] = refused.value.errors["file"]
    return reason


@pytest.mark.usefixtures("openpyxl_untouched")
def test_shared_strings_packed_a_thousand_times_tighter_are_refused_naming_the_file_and_the_part() -> None:
    reason = refusal(strings_bomb())
    assert reason.startswith(PACKED_TIGHT.text.split("{")[0])
    assert "'Diklat.xlsx'" in reason
    assert re.search(r"its part xl/sharedStrings\.xml unpacks to 49 MB, \d{4} times its packed size", reason)
    assert "Nothing was imported." in reason


@pytest.mark.usefixtures("openpyxl_untouched")
def test_a_sheet_packed_a_thousand_times_tighter_is_refused() -> None:
    reason = refusal(sheet_bomb())
    assert re.search(r"its part xl/worksheets/sheet1\.xml unpacks to 48 MB, \d{3,} times its packed size", reason)


def test_a_workbook_unpacking_to_more_than_the_limit_is_refused_naming_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream = workbook(rows=5_000)
    monkeypatch.setenv("CAREERLOG_IMPORT_XLSX_MAX_MB", "1")

    def opened(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl opened a workbook that was to be refused before it")

    monkeypatch.setattr(openpyxl, "load_workbook", opened)
    reason = refusal(stream)
    assert reason.startswith(TOO_LARGE.text.split("{")[0])
    assert "more than the 1 MB an import reads (CAREERLOG_IMPORT_XLSX_MAX_MB)" in reason


def test_a_workbook_of_5000_rows_is_within_the_limit_and_read_whole() -> None:
    rows = list(read_xlsx(workbook(rows=5_000), "training", name="Diklat.xlsx"))
    assert len(rows) == 5_000
    assert not [row for _, row, _ in rows if isinstance(row, InvalidInput)]


@pytest.mark.usefixtures("openpyxl_untouched")
def test_a_workbook_with_an_encrypted_part_is_refused_as_no_readable_workbook() -> None:
    reason = refusal(made(sheet_xml(""), shared_strings(), encrypted=True))
    assert reason.startswith(NOT_XLSX.text.split("(")[0])
    assert "is encrypted" in reason


@pytest.mark.usefixtures("openpyxl_untouched")
def test_a_truncated_workbook_is_refused_as_no_readable_workbook() -> None:
    data = made(sheet_xml(""), shared_strings()).getvalue()
    reason = refusal(io.BytesIO(data[: len(data) // 2]))
    assert reason.startswith(NOT_XLSX.text.split("(")[0])


def test_a_limit_that_is_no_whole_number_stops_every_command_naming_it() -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_IMPORT_XLSX_MAX_MB"):
        Settings.from_env({"CAREERLOG_IMPORT_XLSX_MAX_MB": "lots"})
    assert Settings.from_env({"CAREERLOG_IMPORT_XLSX_MAX_MB": "512"}).import_xlsx_max_mb == 512
    assert Settings.from_env({}).import_xlsx_max_mb == 256


def workbook(rows: int) -> io.BytesIO:
    """An export of `rows` trainings, as openpyxl writes it."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append([NIP, "TEKNIS", f"Arsip {i}", 8, date(2024, 5, 6), date(2024, 5, 8), f"C-{i}"])
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    return saved
