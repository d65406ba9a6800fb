"""The API and the import page refuse a workbook whose parts openpyxl cannot read (a styles.xml of an attribute it
does not take, a cell naming a shared string that is not there) as a whole, naming `file`, and a workbook saved with
a password telling HR to remove the password, in English and Indonesian; nothing recorded. Before, the broken ones
were a 500 and the protected one was told it was an .xls, .xlsm or .ods workbook. So is a workbook whose first sheet
is missing from its ZIP (before, its second sheet was read as the data) or is a template's guide dragged before its
data (before, a header of unknown columns).
(The command line: tests/integration/test_import_xlsx_broken.py.)"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.integration.test_import_xlsx_broken import BROKEN, protected
from tests.unit.test_import_xlsx_sheets import first_sheet_missing, guide_alone, guide_first

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
    assert reason.startswith("The file is no Excel workbook (.xlsx) that can be read: a part of it cannot be read")
    assert world.log() == before


@pytest.mark.parametrize("made_by", BROKEN.values(), ids=BROKEN.keys())
def test_the_import_page_refuses_a_broken_workbook_in_indonesian_and_records_nothing(
    world: World, tmp_path: Path, made_by: Callable[[Path], bytes]
) -> None:
    before = world.log()
    assert "Berkas ini bukan buku kerja Excel (.xlsx) yang dapat dibaca: salah satu bagiannya" in page_error(
        world, made_by(tmp_path), "id"
    )
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


# A workbook whose first sheet is not the one to read: its reason in English (the API) and Indonesian (the page)
NOT_THE_FIRST = {
    "its first sheet missing from the ZIP": (
        first_sheet_missing,
        "The workbook's first sheet, 'Diklat', is named in the workbook but missing from the file",
        "Lembar pertama buku kerja ini, &#39;Diklat&#39;, disebut dalam buku kerja tetapi tidak ada di dalam berkas",
    ),
    "a template's guide dragged before its data": (
        guide_first,
        "The workbook's first sheet, 'Petunjuk', is the guide of a template, which is not imported",
        "Lembar pertama buku kerja ini, &#39;Petunjuk&#39;, adalah petunjuk sebuah templat, yang tidak diimpor",
    ),
    "a template's guide left alone, its data removed": (
        guide_alone,
        "The workbook's only sheet, 'Petunjuk', is the guide of a template, which is not imported",
        "Satu-satunya lembar buku kerja ini, &#39;Petunjuk&#39;, adalah petunjuk sebuah templat, yang tidak diimpor",
    ),
}


@pytest.mark.parametrize(("made_by", "english", "_"), NOT_THE_FIRST.values(), ids=NOT_THE_FIRST.keys())
def test_the_api_refuses_a_workbook_whose_first_sheet_is_missing_or_a_guide_naming_file(
    world: World, made_by: Callable[[], bytes], english: str, _: str
) -> None:
    before = world.log()
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(made_by()), "pelatihan.xlsx")})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    [reason] = answer.get_json()["errors"]["file"]
    assert reason.startswith(english)
    assert reason.endswith("Nothing was imported.")
    assert world.log() == before


@pytest.mark.parametrize(("made_by", "_", "indonesian"), NOT_THE_FIRST.values(), ids=NOT_THE_FIRST.keys())
def test_the_import_page_refuses_a_workbook_whose_first_sheet_is_missing_or_a_guide_in_indonesian(
    world: World, made_by: Callable[[], bytes], _: str, indonesian: str
) -> None:
    before = world.log()
    assert indonesian in page_error(world, made_by(), "id")
    assert world.log() == before


def test_a_file_named_xlsx_that_is_no_zip_is_refused_in_indonesian_words_the_librarys_apart(world: World) -> None:
    """Until 2026-12-06: "... yang dapat dibaca (File is not a zip file): ...", English inside the sentence."""
    before = world.log()
    error = page_error(world, b"NIP;Nama\n198609262010031001;Budi\n", "id")
    assert error.index("bukan arsip ZIP") < error.index(
        "Rincian teknis, dari pustaka pembaca berkas: File is not a zip"
    )
    assert "dapat dibaca (File is not" not in error
    assert world.log() == before
