"""A row recorded with a yes in the Konfirmasi column is named among the import's warnings beside `confirm` with the
questions it was asked that the yes confirmed (careerlog.importing.YES_ANSWERED, from Outcome.asked): on the report
(`--report`'s file, the API's answer), the command's output and the import page. Found by an HR tester (2026-12-06):
a yes approved every question a row was asked and the report said none of them; region.outside_seat and
appointment.tmt_first_day are stored nowhere (docs/events.md), so nothing told what a yes had let through. A yes on a
row asked nothing is named nowhere. Both stores."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.importing import YES_ANSWERED, import_file
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_import_notes_served import text
from tests.functional.test_pages_auth import csrf_token, log_in

ASKED = f.nip(date(1995, 5, 17), date(2024, 2, 1), "F", sequence=781)
UNASKED = f.nip(date(1995, 6, 17), date(2024, 2, 1), "F", sequence=782)
SAID = "Confirmed in the Konfirmasi column, each asked of this row: appointment.tmt_first_day, region.outside_seat."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def rows() -> str:
    asked: dict[str, Any] = appointment_of(ASKED, name="Nur Aisyah", agency="KAB-DELISERDANG", region="12.71")
    asked |= {"effective_date": "2024-02-17"}  # (a CPNS's TMT not on the 1st, in a region outside the seat)
    unasked: dict[str, Any] = appointment_of(UNASKED, name="Dewi Lestari", agency="KAB-DELISERDANG", region="12.07")
    lines = [
        {"kind": "appointment", "nip": nip, **{k: str(v) for k, v in row.items()}, "confirm": "ya"}
        for nip, row in ((ASKED, asked), (UNASKED, unasked))
    ]
    return "\n".join(json.dumps(line) for line in lines) + "\n"


def test_the_report_names_what_a_yes_confirmed(world: World, tmp_path: Path) -> None:
    path = tmp_path / "pengangkatan.jsonl"
    path.write_text(rows(), "utf-8")
    report = import_file(world.services.ledger, path, actor="admin")
    assert (report.recorded, report.rejected) == (2, []), report.rejected
    [warning] = report.warnings  # (the row asked nothing: named nowhere)
    assert (warning.line, warning.subject, warning.errors) == (1, ASKED, {"confirm": [SAID]})
    assert warning.errors["confirm"][0].refusal is YES_ANSWERED  # type: ignore[attr-defined]
    assert f"confirm: {SAID}" in warning.describe()  # (the command's output)
    assert report.to_dict()["warnings"][0]["errors"] == {"confirm": [SAID]}  # (--report's file, the API's answer)


def test_the_import_page_names_what_a_yes_confirmed(world: World) -> None:
    log_in(world, "admin")
    file = (io.BytesIO(rows().encode()), "pengangkatan.jsonl")  # (a dry run: named alike)
    upload = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "dry_run": "y", "file": file}
    page = text(world.client.post("/pages/import?lang=id", data=upload).get_data(as_text=True))
    assert (
        "Dikonfirmasi di kolom Konfirmasi, masing-masing ditanyakan pada baris ini: appointment.tmt_first_day, "
        "region.outside_seat." in page
    ), page
