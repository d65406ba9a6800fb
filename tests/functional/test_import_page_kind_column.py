"""The import page reads a CSV file's `kind` column as `careerlog import` does: a file of several kinds named after
none (`berkas.csv`), imported without a kind chosen, is read row by row by each row's kind cell (until 2026-12-04 the
page refused it, "Choose the kind of event the CSV file holds.", where the command imported it), and the summary
counts the rows recorded of each kind (`recorded_by_kind`, the API's answer and the command's --report alike). A file
of neither a kind column nor a kind in its name is still asked its kind. Both stores."""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

CSV = (
    "kind,nip,training_kind,title,organiser,hours,start_date,new_rank,promotion_kind,effective_date,reference\n"
    "rank_promotion,{nip},,,,,,III/c,101,2019-04-01,KK-1\n"
    "Pelatihan,{nip},TEKNIS,Arsip,BKPSDM,8,2021-10-01,,,2021-10-02,KK-2\n"
    "training,{nip},TEKNIS,Arsip dinamis,BKPSDM,8,2021-11-01,,,2021-11-02,KK-3\n"
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def posted(world: World, text: str, name: str, **form: str) -> str:
    log_in(world, "hr")
    data: dict[str, object] = {"csrf_token": csrf_token(world.client, "/pages/import?lang=en"), **form}
    data["file"] = (io.BytesIO(text.encode()), name)
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    return answer.get_data(as_text=True)


def test_the_import_page_reads_the_kind_column_of_a_file_named_after_no_kind(world: World) -> None:
    page = posted(world, CSV.format(nip=BUDI), "berkas.csv")
    assert "Choose the kind of event the CSV file or workbook holds." not in page
    events = world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"]
    assert {"KK-1", "KK-2", "KK-3"} <= {e["reference"] for e in events}
    assert "<dt>Recorded</dt><dd>3</dd>" in page
    assert "By kind</dt><dd>Rank promotion: 1; Training: 2</dd>" in page  # (the rows recorded of each kind)


def test_a_file_of_no_kind_column_named_after_no_kind_is_still_asked_its_kind(world: World) -> None:
    page = posted(world, "nip,title\n1,x\n", "berkas.csv")
    assert "Choose the kind of event the CSV file or workbook holds." in page


def test_the_apis_answer_counts_the_rows_recorded_of_each_kind(world: World) -> None:
    upload = {"file": (io.BytesIO(CSV.format(nip=BUDI).encode()), "berkas.csv")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded_by_kind"] == {"rank_promotion": 1, "training": 2}
