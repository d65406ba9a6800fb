"""The import page offers each kind's template workbook (careerlog.workbook_template) to download: a link a kind, the
download an .xlsx named after its kind, which filled in and uploaded as it is records its row; an unknown kind's
template is a 404."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from careerlog.workbook_template import TEMPLATE_KINDS, XLSX_TYPE
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in


@pytest.mark.parametrize(("lang", "label"), [("en", "Template (.xlsx)"), ("id", "Templat (.xlsx)")])
def test_the_import_page_links_each_kinds_template_in_the_pages_language(world: World, lang: str, label: str) -> None:
    log_in(world, "hr")
    page = world.client.get(f"/pages/import?lang={lang}").get_data(as_text=True)
    for kind in TEMPLATE_KINDS:
        assert f'href="/pages/import/templates/{kind}.xlsx" download>{label}' in page


def test_a_downloaded_template_filled_in_and_uploaded_as_it_is_records_its_row(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/import/templates/training.xlsx")
    assert answer.status_code == 200
    assert answer.mimetype == XLSX_TYPE
    assert answer.headers["Content-Disposition"] == 'attachment; filename="training.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(answer.data))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = {
        "nip": BUDI,
        "training_kind": "TEKNIS",
        "title": "Arsip",
        "organiser": "BKPSDM",
        "hours": 24,
        "start_date": date(2024, 3, 4),
        "effective_date": date(2024, 3, 6),
        "reference": "TPL-1",
    }
    for name, value in row.items():
        sheet.cell(row=2, column=header.index(name) + 1).value = value
    saved = io.BytesIO()
    book.save(saved)
    before = len(world.log())
    data = {
        "csrf_token": csrf_token(world.client, "/pages/import"),
        "file": (io.BytesIO(saved.getvalue()), "training.xlsx"),
    }
    page = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert page.status_code == 200, text
    assert len(world.log()) == before + 1
    assert "Columns read but not recorded" not in text


def test_an_unknown_kinds_template_is_not_found(world: World) -> None:
    log_in(world, "hr")
    assert world.client.get("/pages/import/templates/holiday.xlsx").status_code == 404


def test_the_api_serves_each_kinds_template_and_a_404_for_an_unknown_kind(world: World) -> None:
    answer = world.get("/api/v1/imports/templates/appointment.xlsx", who="hr")
    assert answer.status_code == 200
    assert answer.mimetype == XLSX_TYPE
    assert answer.headers["Content-Disposition"] == 'attachment; filename="appointment.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(answer.data)).worksheets[0]["A1"].value == "nip"
    missing = world.get("/api/v1/imports/templates/holiday.xlsx", who="hr")
    assert missing.status_code == 404
    assert missing.mimetype == "application/problem+json"
    spec = world.client.get("/api/openapi.json").get_json()
    documented = spec["paths"]["/api/v1/imports/templates/{kind}.xlsx"]["get"]["responses"]
    assert XLSX_TYPE in documented["200"]["content"]
