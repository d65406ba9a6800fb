"""The API and the import page on a CSV file whose client_key column holds a spreadsheet formula's #N/A in two rows
of one employee (tests/integration/test_import_spreadsheet_errors_in_other_columns.py): both rows refused, each
naming client_key and the reason (careerlog.textfiles.FORMULA_ERROR), nothing of them recorded. Before, the first
was recorded with the key "#N/A" and the second refused as a conflict naming its reference."""

from __future__ import annotations

import io
import re

import pytest

from careerlog.textfiles import FORMULA_ERROR
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference,client_key"
ROWS = [
    f"{BUDI},TEKNIS,Arsip,BKPSDM,8,2024-03-04,2024-03-06,NA-1,#N/A",
    f"{BUDI},TEKNIS,Kearsipan,BKPSDM,8,2024-04-01,2024-04-03,NA-2,#N/A",
    f"{BUDI},TEKNIS,Arsip,BKPSDM,8,2024-05-06,2024-05-08,NA-3,na-3",
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def content() -> io.BytesIO:
    return io.BytesIO(("\r\n".join([HEADER, *ROWS]) + "\r\n").encode())


def test_the_api_refuses_both_rows_whose_client_key_is_n_a_naming_the_column(world: World) -> None:
    before = len(world.log())
    answer = world.post("/api/v1/imports", who="hr", data={"file": (content(), "training.csv")})
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert (report["rows"], report["recorded"], report["already_recorded"]) == (3, 1, 0)
    assert [(p["line"], p["subject"], p["kind"]) for p in report["rejected"]] == [
        (2, BUDI, "training"),
        (3, BUDI, "training"),
    ]
    for problem in report["rejected"]:
        assert problem["errors"] == {"client_key": [FORMULA_ERROR]}
        assert problem["values"] == {"client_key": "#N/A"}
    assert len(world.log()) == before + 1


def test_the_import_page_names_client_key_and_the_reason_for_both_rows(world: World) -> None:
    log_in(world, "hr")
    before = len(world.log())
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (content(), "training.csv")}
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200, page
    assert page.count("Client key (client_key): The error of a spreadsheet formula") == 2
    assert re.search(r"<dt>Already recorded</dt>\s*<dd>0</dd>", page, re.IGNORECASE), page
    assert "was already recorded" not in page
    assert len(world.log()) == before + 1
