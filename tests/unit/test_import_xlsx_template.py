"""Each kind's template workbook (careerlog.workbook_template): its header is the kind's columns as the import reads
them, required ones bold; a NIP column is formatted as Text and a date column as a date for many rows; a short list
of codes is a drop-down; a guide sheet Petunjuk explains each column and the import neither reads it nor names it."""

from __future__ import annotations

import io

import openpyxl
import pytest

from careerlog import importing
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import filled_fields
from careerlog.reference import reference
from careerlog.workbook_template import TEMPLATE_KINDS, TEMPLATE_ROWS, template_workbook
from careerlog.workbooks import Workbook, read_xlsx


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_each_kinds_template_heads_its_columns_as_the_import_reads_them_without_a_note(kind: str) -> None:
    data = template_workbook(kind)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet, guide = book.worksheets
    assert guide.title == "Petunjuk"
    header = [cell.value for cell in sheet[1]]
    specs = filled_fields(BY_KIND[kind])
    assert header[0] == "nip"
    assert header[1 : 1 + len(specs)] == [spec.name for spec in specs]
    bold = {cell.value for cell in sheet[1] if cell.font.bold}
    assert bold == {"nip", *(spec.name for spec in specs if spec.required)}
    assert [row[0] for row in guide.iter_rows(min_row=2, max_row=len(header) + 1, values_only=True)] == header
    _names, unknown = importing._read_header(header, kind, 1)
    assert unknown is None
    reader = Workbook(io.BytesIO(data))
    try:
        assert reader.others == []
    finally:
        reader.close()
    assert list(read_xlsx(io.BytesIO(data), kind)) == []  # (only the header: no note of the guide sheet)


def test_the_training_template_formats_nips_as_text_dates_as_dates_and_offers_the_training_kinds() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_workbook("training")))
    sheet, guide = book.worksheets
    header = [cell.value for cell in sheet[1]]
    column = {name: openpyxl.utils.get_column_letter(at) for at, name in enumerate(header, start=1)}
    assert sheet[f"{column['nip']}2"].number_format == "@"
    assert sheet[f"{column['nip']}{TEMPLATE_ROWS + 1}"].number_format == "@"
    assert sheet[f"{column['effective_date']}2"].number_format == "yyyy-mm-dd"
    [check] = [v for v in sheet.data_validations.dataValidation if column["training_kind"] in str(v.sqref)]
    assert check.type == "list"
    sheet_name, cells = check.formula1.split("!")  # (27 kinds: too long an inline list, listed on the guide)
    assert sheet_name == "'Petunjuk'"
    listed = [row[0].value for row in guide[cells.replace("$", "")]]
    assert "TEKNIS" in listed
    assert len(listed) == len(reference().training_kinds)


def test_a_short_list_of_codes_is_an_inline_drop_down() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(template_workbook("rank_promotion"))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    letter = openpyxl.utils.get_column_letter(header.index("new_rank") + 1)
    [check] = [v for v in sheet.data_validations.dataValidation if f"{letter}2:" in str(v.sqref)]
    assert check.formula1.startswith('"I/a,I/b,')


def test_a_workbook_whose_second_sheet_is_not_the_guide_is_still_noted() -> None:
    book = openpyxl.Workbook()
    book.active.append(["nip", "title"])
    book.create_sheet("Data 2")
    saved = io.BytesIO()
    book.save(saved)
    reader = Workbook(io.BytesIO(saved.getvalue()))
    try:
        assert reader.others == ["Data 2"]
    finally:
        reader.close()
