"""A file run again after one of its facts was retracted refuses that row (nothing of it is recorded again, as
designed) advising what its user can do with the file: remove the row if the fact stays retracted, or give it a
client_key column (or the values it should have) to record it again. Before, the import report, the command and the
page advised "send it under a new client reference (the record form does)", which names nothing a file holds. The
API's own answer to a resent fact keeps its wording (tests/functional/test_retracted_reference.py). The Indonesian
page says to add a column named client_key (until 2026-12-05 it said "beri baris itu client_key (kolom dengan nama
itu)", an English code as if a word of the sentence)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported as imported_page

EVENTS = f"/api/v1/employees/{BUDI}/events"
HEADER = "NIP;Jenis Diklat;Judul;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat"
ROW = f"{BUDI};TEKNIS;Arsip;BKPSDM;8;06/05/2024;06/05/2024;RR-9"
FILE = "\r\n".join([HEADER, ROW]) + "\r\n"
ADVICE = (
    "which version {by} retracted: a file run again does not record it again. If it stays retracted, remove this "
    "row from the file; to record the fact again, give the row a client_key (a column of that name) not used before, "
    "or the values it should have."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def imported(world: World, text: str) -> dict[str, Any]:
    upload = {"file": (io.BytesIO(text.encode()), "training.csv")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report: dict[str, Any] = answer.get_json()
    return report


def recorded_and_retracted(world: World) -> tuple[int, int]:
    version: int = imported(world, FILE)["recorded_rows"][0]["version"]
    answer = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(version, "2024-06-01")})
    assert answer.status_code == 201, answer.get_json()
    return version, answer.get_json()["version"]


def test_a_rerun_row_of_a_retracted_fact_advises_removing_it_or_a_client_key(
    world: World, store_url: str, tmp_path: Path
) -> None:
    version, retraction = recorded_and_retracted(world)
    before = world.log()
    report = imported(world, FILE)
    assert (report["recorded"], report["already_recorded"]) == (0, 0)
    assert [p["errors"] for p in report["rejected"]] == [
        {
            "reference": [
                f"Reference 'RR-9' was recorded with these values as version {version}, " + ADVICE.format(by=retraction)
            ]
        }
    ]
    path = tmp_path / "training.csv"
    path.write_text(FILE, encoding="utf-8")
    command = CliRunner().invoke(main, ["import", str(path)], env={"CAREERLOG_DATABASE_URL": store_url})
    assert command.exit_code == 1, command.output
    assert "remove this row from the file" in " ".join(command.output.split()), command.output
    assert world.log() == before  # nothing recorded again
    keyed = "\r\n".join([HEADER + ";client_key", ROW + ";ulang-1"]) + "\r\n"  # the advice followed: recorded anew
    again = imported(world, keyed)
    assert (again["recorded"], again["rejected"]) == (1, [])
    assert again["recorded_rows"][0]["version"] == retraction + 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "If it stays retracted, remove this row from the file"),
        (
            "id",
            "Jika tetap dibatalkan, hapus baris ini dari berkas; untuk mencatat fakta itu lagi, tambahkan kolom "
            "bernama client_key dan isi baris itu dengan kunci yang belum pernah dipakai",
        ),
    ],
)
def test_the_import_page_advises_a_file_row_of_a_retracted_fact(world: World, lang: str, said: str) -> None:
    recorded_and_retracted(world)
    before = world.log()
    page = html.unescape(imported_page(world, FILE, lang=lang))
    assert said in re.sub(r"\s+", " ", page), page
    assert "client_key" in page
    assert world.log() == before
