"""A finished import job shows all its rows read ("3 dari 3"): the rows counted when it was made leave out the header's
notes (a row number column, the name checked beside the NIP, a file read as Windows-1252), which the import's report
counts as no row. An HR tester's CSV of 1,509 rows showed "Baris dibaca 1.509 dari 1.510" when done, and a workbook of
1,200 rows, a blank row and a totals row "1.201 dari 1.202". Both stores."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import openpyxl
import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_jobs import finished, job_of
from tests.functional.test_import_notes_served import text
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "No;NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\n"
ROWS = "".join(
    f"{n};{BUDI};Budi Santoso;TEKNIS;Arsip {n};BKPSDM;8;15/11/2021;19/11/2021;COUNT-{n}\n" for n in (1, 2, 3)
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def test_config(test_config: dict[str, Any]) -> dict[str, Any]:
    return {**test_config, "CAREERLOG_IMPORT_JOB_ROWS": 2}  # (three rows make a job)


def job_done(world: World, data: bytes, name: str) -> str:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=id")
    upload = {"csrf_token": token, "kind": "training", "dry_run": "y", "file": (io.BytesIO(data), name)}
    job = job_of(world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data"))
    finished(world, job)
    return job


def test_a_csv_jobs_rows_read_are_all_its_rows_beside_a_header_of_notes(world: World) -> None:
    job = job_done(world, (HEADER + ROWS).encode(), "diklat.csv")
    stored = world.services.jobs.get(job)
    assert stored is not None
    assert (stored.rows_read, stored.rows_total) == (3, 3)
    assert "3 dari 3" in text(world.client.get(f"/pages/import/jobs/{job}?lang=id").get_data(as_text=True))


def test_a_workbooks_job_with_a_blank_and_a_totals_row_reads_all_it_counted(world: World) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(";"))
    for n in (1, 2, 3):
        book.active.append([n, BUDI, "Budi Santoso", "TEKNIS", f"Arsip {n}", "BKPSDM", 8, date(2021, 11, 15)])
        book.active.append([])  # (a blank row between: no row)
    book.active.append(["", "", "", "", "Jumlah", "", 24])
    saved = io.BytesIO()
    book.save(saved)
    job = job_done(world, saved.getvalue(), "diklat.xlsx")
    stored = world.services.jobs.get(job)
    assert stored is not None
    assert stored.rows_read == stored.rows_total == 4  # (the totals row read, and refused)
