"""A correction slipped a misspelt unit past unit.new: the check asked only an appointment, placement or post
appointment, so a placement in `Bappeda` corrected to `Bapeda` was recorded unasked, by the API, the record form and an
import alike, and "Bapeda: 1" stood beside "Bappeda" in every count by unit. A correction of such a fact's unit is now
asked beside `corrected_fields.unit`, in the agency the corrected fact places the employee in (its corrected agency,
else its own; a post's, the employee's on its date), and confirmed the same way: `confirm: unit.new`, the form's box,
an import row's `confirm` cell naming `unit.new` (a correction row's yes confirms promotion.one_step and
placement.ends_post alone)."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import orjson
import pytest

from careerlog.reference import reference
from careerlog.workbook_template import template_columns
from careerlog.workbooks import GUIDE_SHEET
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_region_outside_agency_seat_is_asked import asked

EVENTS = "/api/v1/employees/{}/events"
ASKED = (
    "'Bapeda' is no unit known in KOTA-MEDAN (did you mean 'Bappeda'?): recorded, it would be another unit in every "
    "count by unit. If the decree does name a new unit, confirm it (confirm: unit.new) and send it again; if not, "
    "write the unit as recorded."
)
# (as an import words it: what to write in the Konfirmasi column, where until 2026-12-05 it said the API's words)
NAMED = ASKED.replace(
    "confirm it (confirm: unit.new) and send it again",
    "confirm it (write unit.new in the Konfirmasi column: a yes does not confirm it on a correction) and import the "
    "row again",
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def known(world: World) -> World:
    world.catch_up()  # (KOTA-MEDAN's units known to the views: BKPSDM, Bappeda)
    return world


def placed(world: World, who: str = "hr", agency: str = "KOTA-MEDAN", unit: str = "Bappeda") -> int:
    """A placement of Budi's recorded by `who`, in the agency's seat region (rule agency.region_seat); its version."""
    region = reference().agencies[agency]["region"]
    body = {"kind": "placement", "agency": agency, "unit": unit, "region": region, "effective_date": "2024-01-02",
            "reference": "SK-MUTASI-7"}  # fmt: skip
    answer = world.post(EVENTS.format(BUDI), who, json=body)
    assert answer.status_code == 201, answer.get_json()
    return int(answer.get_json()["version"])


def corrected(version: int, **fields: Any) -> dict[str, Any]:
    return {"kind": "correction", **f.correction(version, "2024-06-03", **fields)}


def test_a_correction_of_a_placements_unit_to_a_misspelling_is_asked(known: World) -> None:
    version = placed(known)
    before = known.log()
    answer = known.post(EVENTS.format(BUDI), "hr", json=corrected(version, unit="Bapeda"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.unit": [ASKED]}
    assert known.log() == before
    body = {**corrected(version, unit="Bapeda"), "confirm": ["unit.new"]}
    confirmed = known.post(EVENTS.format(BUDI), "hr", json=body)
    assert confirmed.status_code == 201, confirmed.get_json()


def test_a_correction_is_judged_in_the_agency_it_places_the_employee_in(known: World) -> None:
    version = placed(known, "admin", "KAB-KARO", "Bapeda")  # (near none of KAB-KARO's: recorded unasked)
    again = known.post(EVENTS.format(BUDI), "admin", json=corrected(version, unit="BAPEDA"))
    assert again.status_code == 201, again.get_json()  # (known in KAB-KARO, where it still places him)
    moved = known.post(EVENTS.format(BUDI), "admin", json=corrected(version, agency="KOTA-MEDAN", unit="Bapeda"))
    assert moved.status_code == 422, moved.get_json()
    # (its region 12.06 then outside KOTA-MEDAN's seat: asked at once, since 2026-12-07, region.outside_seat)
    outside = asked("12.06", "KOTA-MEDAN", "12.71")
    assert moved.get_json()["errors"] == {"corrected_fields.agency": [outside], "corrected_fields.unit": [ASKED]}


def test_a_correction_of_a_posts_unit_is_asked_in_the_employees_agency(known: World) -> None:
    post = {"kind": "post_appointment", "post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "Bappeda",
            "assignment": "DEFINITIVE", "effective_date": "2015-01-05", "reference": "SK-JS-862"}  # fmt: skip
    made = known.post(EVENTS.format(BUDI), "hr", json=post)
    assert made.status_code == 201, made.get_json()
    answer = known.post(EVENTS.format(BUDI), "hr", json=corrected(made.get_json()["version"], unit="Bapeda"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.unit": [ASKED]}


def test_the_correction_form_asks_with_the_box_beside_the_unit(known: World) -> None:
    version = placed(known)
    known.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(known, "hr")
    data = correction(known, version, **{"corrected.unit": "Bapeda"})
    refused = known.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "&#39;Bapeda&#39; bukan unit yang dikenal di KOTA-MEDAN (maksudnya &#39;Bappeda&#39;?)" in page
    assert 'name="confirm" value="unit.new" aria-describedby="corrected_fields.unit-error"' in page
    ticked = known.client.post("/pages/record?kind=correction", data={**data, "confirm": "unit.new"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)


def imported(world: World, row: dict[str, Any], who: str = "hr") -> dict[str, Any]:
    """The report of a JSON Lines import of the one row, by `who`."""
    data = {"file": (io.BytesIO(orjson.dumps(row) + b"\n"), "corrections.jsonl")}
    answer = world.post("/api/v1/imports", who, data=data, content_type="multipart/form-data")
    assert answer.status_code in (200, 201, 422), answer.get_json()
    return dict(answer.get_json())


def test_an_import_row_correcting_a_unit_confirms_it_by_name_not_by_a_yes(known: World) -> None:
    version = placed(known)
    row = {"nip": BUDI, **corrected(version, unit="Bapeda")}
    for confirm in (None, "ya"):  # (a correction row's yes: promotion.one_step, placement.ends_post)
        report = imported(known, {**row, "confirm": confirm} if confirm else row)
        assert [(p["line"], p["errors"]) for p in report["rejected"]] == [(1, {"corrected_fields.unit": [NAMED]})]
    report = imported(known, {**row, "confirm": "unit.new"})
    assert (report["recorded"], report["rejected"]) == (1, [])


def test_the_correction_templates_guide_says_unit_new_is_named(world: World) -> None:
    confirm = next(c for c in template_columns("correction") if c.name == "confirm")
    named = "; written by name (a yes does not confirm it on this row): a unit new in its agency, near one known there"
    assert named in confirm.doc
    log_in(world, "hr")
    template = world.client.get("/pages/import/templates/correction.xlsx").get_data()
    guide = openpyxl.load_workbook(io.BytesIO(template))[GUIDE_SHEET]
    [described] = [row[4] for row in guide.iter_rows(min_row=2, values_only=True) if row[0] == "confirm"]
    assert (
        "ditulis dengan namanya (ya tidak mengonfirmasinya pada baris ini): unit kerja baru di instansinya, yang mirip "
        "dengan unit yang sudah dikenal di sana (unit.new)"
    ) in described


def test_the_import_page_says_a_correction_row_names_unit_new(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/import").get_data(as_text=True)
    corrections = page[page.index("<code>correction</code></h3>") :]
    corrections = corrections[: corrections.index("</ul>")]
    assert (
        "ditulis dengan namanya (ya tidak mengonfirmasinya pada baris ini): unit kerja baru di instansinya, yang mirip "
        "dengan unit yang sudah dikenal di sana (unit.new)"
    ) in corrections
