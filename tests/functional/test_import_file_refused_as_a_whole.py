"""A file refused as a whole (its rows' kind not known, its header) says so, with no row count: until 2026-12-06 the
command line summed it up as "1 row: recorded 0, already recorded 0, rejected 1" (HR tester). The report's JSON says
`file_refused`; a file whose rows are read, some refused, counts them. The import page already said such a refusal
beside the file, with no report."""

from __future__ import annotations

import io
from pathlib import Path

from careerlog.importing import import_file
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_notes_served import text
from tests.functional.test_pages_auth import csrf_token, log_in

CSV = f"nip,tmt,nomor_sk\n{BUDI},2024-01-01,X\n"  # (no kind: the file named data.csv, no kind column)


def test_the_report_says_the_file_was_refused(world: World, tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(CSV, "utf-8")
    report = import_file(world.services.ledger, path, actor="hr")
    assert report.file_refused
    assert report.summary() == "file refused as a whole: no row of it was read, nothing recorded"
    assert report.to_dict()["file_refused"] is True


def test_a_file_whose_rows_are_read_counts_them(world: World, tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(f"kind,{CSV}".replace(f"{BUDI},", f"training,{BUDI},"), "utf-8")  # (its row refused, not the file)
    report = import_file(world.services.ledger, path, actor="hr")
    assert not report.file_refused
    assert report.summary().startswith("1 row: recorded 0, already recorded 0, rejected 1")
    assert report.to_dict()["file_refused"] is False


def test_the_import_page_counts_no_rows_of_a_refused_file(world: World) -> None:
    log_in(world, "hr")
    upload = {
        "csrf_token": csrf_token(world.client, "/pages/import?lang=en"),
        "kind": "training",
        "file": (io.BytesIO(CSV.encode()), "data.csv"),  # (its header refused: the columns a training needs)
    }
    page = world.client.post("/pages/import?lang=en", data=upload).get_data(as_text=True)
    assert "Nothing was read" in text(page) or "nothing was read" in text(page), text(page)
    assert "<dt>Rows</dt>" not in page  # (the header's refusal said beside the file, with no report: no count)
