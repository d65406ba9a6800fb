"""The import page tells HR that a required cell was left empty by merged cells (a title merged over F2:F3), in the
page's language, as it told an empty NIP's row: until 2026-12-05 it said only "Judul: Isian wajib ini belum diisi"."""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = ["NIP", "Jenis Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Nama Diklat", "Tanggal Selesai", "No SK"]


def test_the_import_page_names_the_merged_cells_of_a_required_cell_left_empty(world: World) -> None:
    log_in(world, "hr")
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([BUDI, "TEKNIS", "BKPSDM", 8, date(2024, 3, 4), "Arsip", date(2024, 3, 6), "MRG-1"])
    book.active.append([SARI, "TEKNIS", "BKPSDM", 8, date(2024, 3, 4), None, date(2024, 3, 6), "MRG-2"])
    book.active.merge_cells("F2:F3")
    saved = io.BytesIO()
    book.save(saved)
    data = {
        "csrf_token": csrf_token(world.client, "/pages/import"),
        "file": (io.BytesIO(saved.getvalue()), "diklat.xlsx"),
    }
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True)))
    assert "Isian wajib ini belum diisi: sel F3 berada dalam sel yang digabung (merge) F2:F3" in text, text[-3000:]
