"""No sheet of a workbook is read in place of its first (careerlog.workbooks.Workbook): a workbook whose workbook.xml
names a first sheet its ZIP does not hold is refused as a whole, naming the sheet, where openpyxl left it out without
a word and the second sheet was read as the data (a list of a drop-down's choices imported as rows); and a template
whose guide sheet Petunjuk was dragged before its sheet of data is refused saying to drag the data back, where its
guide was read as a header of unknown columns. A sheet of data named Petunjuk is read as any first sheet is.
(The command line: tests/integration/test_import_xlsx_broken.py; the API and the page:
tests/functional/test_import_xlsx_broken_served.py.)"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
import pytest
from openpyxl.chart import BarChart

from careerlog.domain.errors import InvalidInput
from careerlog.workbook_template import template_workbook
from careerlog.workbooks import GUIDE_ALONE, GUIDE_FIRST, SHEET_MISSING, header_names, read_xlsx

NIP = "199001012015031002"
OTHER = "198609262010031001"


# a training file's required columns (a header leaving one out is refused: MISSING_COLUMNS); its rows fill two
TRAINING_COLUMNS = ["nip", "title", "effective_date", "reference", "training_kind", "organiser", "hours", "start_date"]


def two_sheets(first: str = "Diklat", second: str = "Daftar") -> bytes:
    """A workbook of two sheets of training rows: `first` of NIP's, `second` of OTHER's (as a list beside the data)."""
    book = openpyxl.Workbook()
    book.active.title = first
    book.active.append(TRAINING_COLUMNS)
    book.active.append([NIP, "Arsip"])
    other = book.create_sheet(second)
    other.append(TRAINING_COLUMNS)
    other.append([OTHER, "Daftar pilihan"])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def rewritten(data: bytes, *, drop: str | None = None, part: str = "", change: Any = None) -> bytes:
    """The workbook `data` without its part `drop`, its part `part` changed by `change`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != drop:
                body = old.read(info.filename)
                new.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def first_sheet_missing(data: bytes | None = None) -> bytes:
    """A workbook of two sheets whose workbook.xml names its first, Diklat, and whose ZIP does not hold it."""
    return rewritten(data or two_sheets(), drop="xl/worksheets/sheet1.xml")


def guide_first() -> bytes:
    """The training template with its guide sheet Petunjuk dragged before its sheet of data."""
    book = openpyxl.load_workbook(io.BytesIO(template_workbook("training")))
    book.move_sheet("Petunjuk", offset=-1)
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def guide_alone() -> bytes:
    """The training template with its sheet of data removed: its guide sheet Petunjuk the only sheet."""
    book = openpyxl.load_workbook(io.BytesIO(template_workbook("training")))
    book.remove(book.worksheets[0])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def read(data: bytes) -> list[tuple[int, Any]]:
    return [(line, row) for line, row, _ in read_xlsx(io.BytesIO(data), "training")]


MISSING = SHEET_MISSING.reason(sheet="'Diklat'")


def test_a_workbook_whose_first_sheet_is_missing_is_refused_naming_it_and_the_second_is_not_read() -> None:
    [_, row] = read(two_sheets())  # (both sheets there: the first read, the second named in a note)
    assert row == (2, {"nip": NIP, "title": "Arsip", "kind": "training"})
    with pytest.raises(InvalidInput) as refused:
        read(first_sheet_missing())
    assert refused.value.errors == {"file": [MISSING]}
    assert MISSING.startswith("The workbook's first sheet, 'Diklat', is named in the workbook but missing from")
    assert MISSING.endswith("Nothing was imported.")


def test_a_first_sheet_workbook_xml_names_no_part_for_is_refused_as_missing() -> None:
    data = rewritten(two_sheets(), part="xl/workbook.xml", change=lambda xml: xml.replace(b' r:id="rId1"', b""))
    with pytest.raises(InvalidInput) as refused, pytest.warns(UserWarning, match="invalid specification"):
        read(data)
    assert refused.value.errors == {"file": [MISSING]}


def test_a_workbook_whose_only_sheet_is_missing_is_refused_naming_it() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Diklat"
    book.active.append(TRAINING_COLUMNS)
    saved = io.BytesIO()
    book.save(saved)
    with pytest.raises(InvalidInput) as refused:
        read(first_sheet_missing(saved.getvalue()))
    assert refused.value.errors == {"file": [MISSING]}


def test_a_missing_sheet_after_the_first_leaves_the_first_read() -> None:
    rows = read(rewritten(two_sheets(), drop="xl/worksheets/sheet2.xml"))
    assert rows == [(2, {"nip": NIP, "title": "Arsip", "kind": "training"})]


def test_a_chartsheet_before_the_data_missing_or_not_leaves_the_data_read() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Diklat"
    book.active.append(TRAINING_COLUMNS)
    book.active.append([NIP, "Arsip"])
    book.create_chartsheet("Grafik", 0).add_chart(BarChart())
    saved = io.BytesIO()
    book.save(saved)
    row = (2, {"nip": NIP, "title": "Arsip", "kind": "training"})
    assert read(saved.getvalue()) == [row]
    assert read(rewritten(saved.getvalue(), drop="xl/chartsheets/sheet1.xml")) == [row]


def test_a_workbook_refused_as_a_whole_has_no_header_for_the_import_page_to_ask_a_kind_of() -> None:
    assert header_names(two_sheets()) == TRAINING_COLUMNS
    assert header_names(first_sheet_missing()) is None
    assert header_names(guide_first()) is None
    assert header_names(guide_alone()) is None


def test_a_templates_guide_dragged_before_its_data_is_refused_saying_to_drag_the_data_back() -> None:
    with pytest.raises(InvalidInput) as refused:
        read(guide_first())
    [reason] = refused.value.errors["file"]
    assert reason == GUIDE_FIRST.reason(sheet="'Petunjuk'")
    assert reason.startswith("The workbook's first sheet, 'Petunjuk', is the guide of a template, which is not")
    assert "Drag that sheet's tab before 'Petunjuk'" in reason


def test_a_templates_guide_left_alone_is_refused_as_the_guide_without_saying_to_drag_a_sheet() -> None:
    with pytest.raises(InvalidInput) as refused:
        read(guide_alone())
    [reason] = refused.value.errors["file"]
    assert reason == GUIDE_ALONE.reason(sheet="'Petunjuk'")
    assert reason.startswith("The workbook's only sheet, 'Petunjuk', is the guide of a template, which is not")
    assert "Drag" not in reason
    assert "Fill in the sheet of data of a template" in reason


def test_a_sheet_of_data_named_petunjuk_is_read_as_any_first_sheet_and_the_next_is_named() -> None:
    [(line, note), row] = read(two_sheets(first="Petunjuk"))
    assert (line, str(note)) == (
        1,
        "sheets: Only the workbook's first worksheet, 'Petunjuk', was read; 'Daftar' not: import each sheet of data "
        "as a workbook of its own (or as its own CSV file).",
    )
    assert row == (2, {"nip": NIP, "title": "Arsip", "kind": "training"})


def test_the_only_sheet_named_petunjuk_holding_data_is_read() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active.append(TRAINING_COLUMNS)
    book.active.append([NIP, "Arsip"])
    saved = io.BytesIO()
    book.save(saved)
    assert read(saved.getvalue()) == [(2, {"nip": NIP, "title": "Arsip", "kind": "training"})]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_before_the_data_is_passed_over_as_it_shows_no_tab_and_named_unread(state: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(two_sheets(first="Daftar", second="Diklat")))
    book["Daftar"].sheet_state = state  # (a drop-down's list kept hidden in front: HR's first tab is Diklat)
    book.active = 1
    saved = io.BytesIO()
    book.save(saved)
    [(line, note), row] = read(saved.getvalue())
    assert row == (2, {"nip": OTHER, "title": "Daftar pilihan", "kind": "training"})
    assert (line, str(note)) == (
        1,
        "sheets: Only the workbook's first worksheet, 'Diklat', was read; 'Daftar' not: import each sheet of data "
        "as a workbook of its own (or as its own CSV file).",
    )
    with pytest.raises(InvalidInput) as refused:  # (the first sheet shown missing: refused, the hidden one not read)
        read(rewritten(saved.getvalue(), drop="xl/worksheets/sheet2.xml"))
    assert refused.value.errors == {"file": [MISSING]}
