"""The import page and the API take an Excel Workbook (.xlsx) as they take a CSV file (careerlog.workbooks): its rows
recorded, a refused row offered in the refused rows' download (as CSV UTF-8), a workbook without a kind column told to
choose the kind. Before, an .xlsx upload was refused, HR told to save it as CSV UTF-8."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import openpyxl
import pytest

from careerlog.workbook_template import XLSX_TYPE
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import download_answer
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.unit.test_import_xlsx_bombs import strings_bomb

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


def test_the_import_page_records_an_xlsx_and_offers_its_refused_rows_as_a_workbook(world: World) -> None:
    """(As CSV separated by commas until 2026-12-05, which an Excel in Indonesian opened as one column.)"""
    log_in(world, "hr")
    before = len(world.log())
    status, page = uploaded(world, "Diklat2024.xlsx", kind="training")
    assert status == 200, page
    assert len(world.log()) == before + 1
    assert "Cell C3 holds the error #N/A of a spreadsheet formula" in page
    assert "Download the refused rows (Excel workbook)" in page
    answer = download_answer(world, page)
    assert answer.status_code == 200
    assert answer.mimetype == XLSX_TYPE
    assert answer.headers["Content-Disposition"] == "attachment; filename=Diklat2024-rejected.xlsx"  # (English)
    sheet = openpyxl.load_workbook(io.BytesIO(answer.get_data())).active
    header, row = ([cell.value for cell in cells] for cells in sheet.iter_rows())
    assert header == [*HEADER, "Refusal reasons (careerlog)"]
    assert row[:8] == [BUDI, "TEKNIS", "#N/A", "BKPSDM", "24", "2024-04-01", "2024-04-03", "X-2"]


def test_an_xlsx_without_a_kind_column_or_a_kind_is_told_to_choose_one(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    status, page = uploaded(world, "data.xlsx")
    assert status == 422
    error = page[page.index('id="kind-error"') :]
    assert "Choose the kind of event the CSV file or workbook holds." in error[: error.index("</span>")]
    assert world.log() == before


def test_the_api_imports_an_xlsx(world: World) -> None:
    before = len(world.log())
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(workbook()), "pelatihan.xlsx")})
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert (report["rows"], report["recorded"]) == (2, 1)
    assert [p["line"] for p in report["rejected"]] == [3]
    assert len(world.log()) == before + 1


@pytest.fixture
def openpyxl_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ZIP bomb is refused by its ZIP directory, before openpyxl opens it (careerlog.workbooks.refuse_bombs)."""

    def opened(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl opened a workbook that was to be refused before it")

    monkeypatch.setattr(openpyxl, "load_workbook", opened)


@pytest.mark.usefixtures("openpyxl_untouched")
def test_the_import_page_refuses_a_zip_bomb_in_indonesian_and_records_nothing(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    data = {"csrf_token": csrf_token(world.client, "/pages/import")}
    data["file"] = (strings_bomb(), "Diklat2024.xlsx")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = page[page.index('id="file-error"') :]
    error = error[: error.index("</span>")]
    assert "Buku kerja &#39;Diklat2024.xlsx&#39; ditolak: bagiannya xl/sharedStrings.xml terurai menjadi" in error
    assert 'id="kind-error"' not in page  # (refused as a whole, not asked for the kind of its rows)
    assert world.log() == before


@pytest.mark.usefixtures("openpyxl_untouched")
def test_the_api_refuses_a_zip_bomb_as_a_problem_naming_file_and_records_nothing(world: World) -> None:
    before = world.log()
    answer = world.post("/api/v1/imports", who="hr", data={"file": (strings_bomb(), "pelatihan.xlsx")})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    [reason] = answer.get_json()["errors"]["file"]
    assert reason.startswith("The workbook 'pelatihan.xlsx' is refused: its part xl/sharedStrings.xml unpacks to")
    assert world.log() == before


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Kind of event (CSV or Excel workbook only)"), ("id", "Jenis peristiwa (hanya CSV atau buku kerja Excel)")],
)
def test_the_import_pages_kind_is_offered_for_a_csv_file_or_a_workbook(world: World, lang: str, label: str) -> None:
    log_in(world, "hr")
    page = world.client.get(f"/pages/import?lang={lang}").get_data(as_text=True)
    assert f'<label for="f-kind">{label}</label>' in page


def unread_workbook() -> bytes:
    """Budi's training, then a row with TRUE in its kind column and one with a formula's #N/A as its client key."""
    book = openpyxl.Workbook()
    header = ["kind", *HEADER, "client_key"]
    book.active.append(header)
    good = [BUDI, "TEKNIS", "Arsip", "BKPSDM", 24, date(2024, 3, 4), date(2024, 3, 6)]
    book.active.append(["training", *good, "X-1", "k-1"])
    book.active.append([True, *good, "X-2", "k-2"])
    book.active.append(["training", *good, "X-3", "#N/A"])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def test_the_api_refuses_a_workbooks_rows_with_a_logical_kind_or_an_error_as_client_key_naming_the_column(
    world: World,
) -> None:
    before = len(world.log())
    data = {"file": (io.BytesIO(unread_workbook()), "data.xlsx")}
    answer = world.post("/api/v1/imports", who="hr", data=data)
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert (report["rows"], report["recorded"]) == (3, 1)
    kind, key = report["rejected"]
    assert (kind["line"], kind["kind"], list(kind["errors"])) == (3, None, ["kind"])
    assert kind["errors"]["kind"][0].startswith("Cell A3 holds TRUE or FALSE")
    assert (key["line"], key["kind"], list(key["errors"])) == (4, "training", ["client_key"])
    assert key["errors"]["client_key"][0].startswith("Cell J4 holds the error #N/A")
    assert "Unreadable" not in answer.get_data(as_text=True)
    assert len(world.log()) == before + 1


def test_the_import_page_names_the_column_of_a_logical_kind_cell(world: World) -> None:
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(unread_workbook()), "d.xlsx")}
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200, page
    assert "Cell A3 holds TRUE or FALSE" in page
    assert "Cell J4 holds the error #N/A" in page
    assert "Unreadable" not in page
