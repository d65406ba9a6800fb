"""The API and the import page refuse a spreadsheet's workbook naming `file`, with the cure, and record nothing.

tests/unit/test_import_workbook_refused.py: before, an .xlsx was told to be named .jsonl or .csv, and one named
.csv answered a report of one rejected line 1 of bytes ('PK\\x03\\x04...').
"""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.unit.test_import_workbook_refused import xlsx


@pytest.mark.parametrize("name", ["training.xls", "training.csv"])  # (an .xlsx is read: test_import_xlsx_served.py)
def test_the_api_refuses_a_workbook_naming_file_and_records_nothing(world: World, name: str) -> None:
    before = world.log()
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(xlsx()), name)})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    [reason] = answer.get_json()["errors"]["file"]
    assert reason.startswith("The file is a spreadsheet workbook the import does not read")
    assert world.log() == before


def test_the_import_page_tells_hr_in_indonesian_to_save_the_workbook_as_csv(world: World) -> None:
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(xlsx()), "Diklat 2024.xls")}
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = page[page.index('id="file-error"') :]
    assert "Berkas ini buku kerja lembar kerja" in error[: error.index("</span>")]
