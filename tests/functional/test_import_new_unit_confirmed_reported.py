"""A row's yes in the Konfirmasi column that lets a unit new in its agency through (unit.new: near a known one, as a
misspelling is) is named among the import's warnings beside the row's unit, with the unit as written and the known
one it is near: on the import page, in the report (the API's answer, `careerlog import --report`'s file) and the
command's output (RowProblem.describe). Until 2026-12-06 a misspelt unit so confirmed ("Dinas Pendidikn") was recorded
with no trace in the report (HR tester). A file's later rows naming the unit are not asked, nor named again; a unit
near none known is recorded unasked and named nowhere. Both stores."""

from __future__ import annotations

import io
from pathlib import Path

from careerlog.importing import NEW_UNIT_CONFIRMED, import_file
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_import_notes_served import text
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_unit_new_in_agency_asked import store_url  # noqa: F401 (both stores)

HEADER = "NIP;kind;Instansi;Unit Kerja;Wilayah;TMT;Nomor SK;Konfirmasi"
CSV = "\r\n".join(
    [
        HEADER,
        f"{BUDI};placement;KOTA-MEDAN;Bapeda;12.71;02/01/2024;SK-U-1;ya",
        f"{SARI};placement;KOTA-MEDAN;Bapeda;12.71;02/01/2024;SK-U-2;",  # (the same new unit: not asked again)
        f"{SARI};placement;KOTA-MEDAN;Dinas Pendidikan;12.71;03/01/2024;SK-U-3;",  # (near none: unasked)
    ]
)
SAID = (
    "'Bapeda' is a unit new in KOTA-MEDAN, confirmed by the yes in the Konfirmasi column (unit.new); it is near "
    "'Bappeda', known there. If it is that unit misspelt, correct this row's unit (in the file, or by a correction "
    "once recorded)."
)


def test_the_import_report_names_the_new_unit_a_yes_confirmed(world: World, tmp_path: Path) -> None:
    world.catch_up()  # (KOTA-MEDAN's units known to the views: BKPSDM, Bappeda)
    path = tmp_path / "mutasi.csv"
    path.write_text(CSV, "utf-8")
    report = import_file(world.services.ledger, path, actor="hr")
    assert (report.recorded, report.rejected) == (3, [])
    [warning] = report.warnings
    assert (warning.line, warning.subject, warning.errors) == (2, BUDI, {"unit": [SAID]})
    assert warning.errors["unit"][0].refusal is NEW_UNIT_CONFIRMED  # type: ignore[attr-defined]
    assert f"unit: {SAID}" in warning.describe()  # (the command's output: "warning: ...")
    assert report.to_dict()["warnings"][0]["errors"] == {"unit": [SAID]}  # (--report's file, the API's answer)


def test_the_import_page_names_the_new_unit_a_yes_confirmed(world: World) -> None:
    world.catch_up()
    log_in(world, "hr")
    file = (io.BytesIO(CSV.encode()), "mutasi.csv")  # (a dry run: would be recorded, named alike)
    upload = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "dry_run": "y", "file": file}
    page = text(world.client.post("/pages/import?lang=id", data=upload).get_data(as_text=True))
    assert (
        "Baris ke 2 (Penempatan, Unit kerja): 'Bapeda' adalah unit baru di KOTA-MEDAN, dikonfirmasi oleh ya di kolom "
        "Konfirmasi (unit.new); unit itu mirip 'Bappeda', yang dikenal di sana." in page
    )
