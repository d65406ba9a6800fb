"""The import page and the API take an Excel Workbook (.xlsx) as they take a CSV file (careerlog.workbooks): its rows
recorded, a refused row offered in the refused rows' download (as CSV UTF-8), a workbook without a kind column told to
choose the kind. Before, an .xlsx upload was refused, HR told to save it as CSV UTF-8."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import refused_download
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([BUDI, "TEKNIS", "Arsip", "BKPSDM", 24, date(2024, 3, 4), date(2024, 3, 6), "X-1"])
    book.active.append([BUDI, "TEKNIS", "#N/A", "BKPSDM", 24, date(2024, 4, 1), date(2024, 4, 3), "X-2"])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def uploaded(world: World, name: str, **fields: str) -> tuple[int, str]:
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), **fields}
    data["file"] = (io.BytesIO(workbook()), name)  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    return answer.status_code, answer.get_data(as_text=True)


def test_the_import_page_records_an_xlsx_and_offers_its_refused_rows_as_csv(world: World) -> None:
    log_in(world, "hr")
    before = len(world.log())
    status, page = uploaded(world, "Diklat2024.xlsx", kind="training")
    assert status == 200, page
    assert len(world.log()) == before + 1
    assert "Cell C3 holds the error #N/A of a spreadsheet formula" in page
    name, text = refused_download(world, page)
    assert name == "Diklat2024-ditolak.csv"
    [header, row] = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert header == [*HEADER, "Refusal reasons (careerlog)"]
    assert row[:8] == [BUDI, "TEKNIS", "#N/A", "BKPSDM", "24", "2024-04-01", "2024-04-03", "X-2"]


def test_an_xlsx_without_a_kind_column_or_a_kind_is_told_to_choose_one(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    status, page = uploaded(world, "data.xlsx")
    assert status == 422
    error = page[page.index('id="kind-error"') :]
    assert "Choose the kind of event the CSV file holds." in error[: error.index("</span>")]
    assert world.log() == before


def test_the_api_imports_an_xlsx(world: World) -> None:
    before = len(world.log())
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(workbook()), "pelatihan.xlsx")})
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert (report["rows"], report["recorded"]) == (2, 1)
    assert [p["line"] for p in report["rejected"]] == [3]
    assert len(world.log()) == before + 1
