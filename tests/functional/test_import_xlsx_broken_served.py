"""The API and the import page refuse a workbook whose parts openpyxl cannot read (a styles.xml of an attribute it
does not take, a cell naming a shared string that is not there) as a whole, naming `file`, and a workbook saved with
a password telling HR to remove the password, in English and Indonesian; nothing recorded. Before, the broken ones
were a 500 and the protected one was told it was an .xls, .xlsm or .ods workbook.
(The command line: tests/integration/test_import_xlsx_broken.py.)"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.integration.test_import_xlsx_broken import BROKEN, protected

PROTECTED_EN = (
    "The workbook is protected with a password: remove the password in Excel (File &gt; Info &gt; Protect Workbook) "
    "and save it again. Nothing was imported."
)
PROTECTED_ID = (
    "Buku kerja ini dilindungi kata sandi: hapus kata sandinya di Excel (File &gt; Info &gt; Protect Workbook)"
)


def page_error(world: World, content: bytes, lang: str) -> str:
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "kind": "training"}
    data["file"] = (io.BytesIO(content), "Diklat2024.xlsx")  # type: ignore[assignment]
    answer = world.client.post(f"/pages/import?lang={lang}", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = page[page.index('id="file-error"') :]
    return error[: error.index("</span>")]


@pytest.mark.parametrize("made_by", BROKEN.values(), ids=BROKEN.keys())
def test_the_api_refuses_a_broken_workbook_as_a_problem_naming_file_and_records_nothing(
    world: World, tmp_path: Path, made_by: Callable[[Path], bytes]
) -> None:
    before = world.log()
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(made_by(tmp_path)), "pelatihan.xlsx")})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    [reason] = answer.get_json()["errors"]["file"]
    assert reason.startswith("The file is no Excel workbook (.xlsx) that can be read (")
    assert world.log() == before


@pytest.mark.parametrize("made_by", BROKEN.values(), ids=BROKEN.keys())
def test_the_import_page_refuses_a_broken_workbook_in_indonesian_and_records_nothing(
    world: World, tmp_path: Path, made_by: Callable[[Path], bytes]
) -> None:
    before = world.log()
    assert "Berkas ini bukan buku kerja Excel (.xlsx) yang dapat dibaca (" in page_error(world, made_by(tmp_path), "id")
    assert world.log() == before


def test_the_api_tells_a_workbook_saved_with_a_password_to_have_it_removed(world: World, tmp_path: Path) -> None:
    before = world.log()
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(protected(tmp_path)), "kp.xlsx")})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"]["file"] == [PROTECTED_EN.replace("&gt;", ">")]
    assert world.log() == before


@pytest.mark.parametrize(("lang", "said"), [("en", PROTECTED_EN), ("id", PROTECTED_ID)])
def test_the_import_page_tells_a_workbook_saved_with_a_password_to_have_it_removed(
    world: World, tmp_path: Path, lang: str, said: str
) -> None:
    before = world.log()
    assert said in page_error(world, protected(tmp_path), lang)
    assert world.log() == before
