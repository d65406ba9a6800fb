"""A correction slipped a region outside the agency's seat, and a PNS's TMT not on the 1st, past the questions a fact
recorded so is asked (region.outside_seat, appointment.tmt_first_day): a KOTA-MEDAN placement's region corrected from
12.71 to 12.07 was recorded unasked. A live correction changing a field a question reads (region or agency; an
appointment's effective_date or employment_kind) is now asked it of the fact as corrected, beside
`corrected_fields.<that field>`, and confirmed as the unit's is: `confirm`, the record form's box, an import row's
`confirm` cell naming the check (a correction row's yes confirms promotion.one_step and placement.ends_post alone). A
correction of another field, or one sending them unchanged, is not asked (a region confirmed outside the seat when
recorded is not asked again); a migration is never asked.

And one reader of where an agency's staff work (careerlog.domain.seat.staff_area) answers both the writer's question
(`holds`: 12, KAB-DELISERDANG's own province, is no region its staff work in: asked) and the readers' scopes
(`meets`, web.services.seated_meeting: a reader of 12 meets KAB-DELISERDANG, whose seat 12.07 lies within it)."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.seat import REGION_SEAT, staff_area
from careerlog.importing import import_rows
from careerlog.reference import rules
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_region_outside_agency_seat_is_asked import asked
from tests.functional.test_unit_new_asked_of_a_correction import corrected, imported, placed
from web.services import seated_meeting

EVENTS = "/api/v1/employees/{}/events"
NEW = f.nip(date(1995, 5, 17), date(2024, 2, 1), "F", sequence=782)
TMT_ASKED = (
    "A CPNS's TMT is the 1st of a month (rule appointment.tmt_first_day), not 2024-02-17: if it is mistyped, write "
    "the day the decree gives (2024-02-01?); if the decree does date it 2024-02-17, confirm it (confirm: "
    "appointment.tmt_first_day) and send it again."
)


# (as an import words it of a correction row: the check written by name, as a correction's unit.new is)
NAMED = asked("12.07", "KOTA-MEDAN", "12.71").replace(
    "confirm it (confirm: region.outside_seat) and send it again",
    "confirm it (write region.outside_seat in the Konfirmasi column: a yes does not confirm it on a correction) and "
    "import the row again",
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("agency", "region", "holds", "meets"),
    [
        ("KAB-DELISERDANG", "12.07", True, True),
        ("KAB-DELISERDANG", "12", False, True),  # (its own province: holds the seat, is none its staff work in)
        ("KAB-DELISERDANG", "12.71", False, False),
        ("KAB-DELISERDANG", "13", False, False),
        ("PROV-SUMUT", "12", True, True),
        ("PROV-SUMUT", "12.71", True, True),
        ("PROV-SUMUT", "13.71", False, False),
    ],
)
def test_one_reader_of_where_an_agencys_staff_work_answers_both_questions(
    agency: str, region: str, holds: bool, meets: bool
) -> None:
    area = staff_area(agency, rules().in_force(REGION_SEAT, date(2024, 1, 1)))
    assert area is not None
    assert (area.holds(region), area.meets(region)) == (holds, meets)
    assert seated_meeting(agency, [region]) is meets


def test_a_central_agencys_staff_work_anywhere() -> None:
    assert staff_area("BKN", rules().in_force(REGION_SEAT, date(2024, 1, 1))) is None
    assert seated_meeting("BKN", ["13.71"])


def test_a_regencys_appointment_in_its_own_province_code_is_asked(world: World) -> None:
    body = {"nip": NEW, **appointment_of(NEW, name="Nur Aisyah", agency="KAB-DELISERDANG", region="12")}
    answer = world.post("/api/v1/employees", "admin", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"region": [asked("12", "KAB-DELISERDANG", "12.07")]}


def test_a_correction_of_a_placements_region_outside_the_seat_is_asked(world: World) -> None:
    version = placed(world, "admin")
    before = world.log()
    answer = world.post(EVENTS.format(BUDI), "admin", json=corrected(version, region="12.07"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.region": [asked("12.07", "KOTA-MEDAN", "12.71")]}
    assert world.log() == before
    body = {**corrected(version, region="12.07"), "confirm": ["region.outside_seat"]}
    confirmed = world.post(EVENTS.format(BUDI), "admin", json=body)
    assert confirmed.status_code == 201, confirmed.get_json()
    # (outside the seat, confirmed: a correction of its unit, or sending the region unchanged, is not asked again)
    again = world.post(EVENTS.format(BUDI), "admin", json=corrected(version, unit="BKPSDM", region="12.07"))
    assert again.status_code == 201, again.get_json()


def test_a_correction_of_a_placements_agency_away_from_its_region_is_asked_beside_the_agency(world: World) -> None:
    version = placed(world, "admin")
    answer = world.post(EVENTS.format(BUDI), "admin", json=corrected(version, agency="KAB-DELISERDANG"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.agency": [asked("12.71", "KAB-DELISERDANG", "12.07")]}
    moved = world.post(EVENTS.format(BUDI), "admin", json=corrected(version, agency="KAB-DELISERDANG", region="12.07"))
    assert moved.status_code == 201, moved.get_json()  # (both corrected: within its seat)


def test_a_correction_of_an_appointments_tmt_off_the_first_is_asked(world: World) -> None:
    body = {"nip": NEW, **appointment_of(NEW, name="Nur Aisyah")}
    made = world.post("/api/v1/employees", "admin", json=body)
    assert made.status_code == 201, made.get_json()
    answer = world.post(EVENTS.format(NEW), "admin", json=corrected(1, effective_date="2024-02-17"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.effective_date": [TMT_ASKED]}
    both = world.post(EVENTS.format(NEW), "admin", json=corrected(1, effective_date="2024-02-17", region="12.07"))
    assert both.status_code == 422, both.get_json()  # (every question at once, each beside its field)
    assert both.get_json()["errors"] == {
        "corrected_fields.effective_date": [TMT_ASKED],
        "corrected_fields.region": [asked("12.07", "KOTA-MEDAN", "12.71")],
    }
    body = {**corrected(1, effective_date="2024-02-17"), "confirm": ["appointment.tmt_first_day"]}
    confirmed = world.post(EVENTS.format(NEW), "admin", json=body)
    assert confirmed.status_code == 201, confirmed.get_json()


def test_the_correction_form_asks_with_the_box_beside_the_region(world: World) -> None:
    version = placed(world, "admin")
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(world, "admin")
    data = correction(world, version, **{"corrected.region": "12.07"})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'name="confirm" value="region.outside_seat" aria-describedby="corrected_fields.region-error"' in page
    ticked = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "region.outside_seat"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)


def test_an_import_row_correcting_a_region_confirms_it_by_name_not_by_a_yes(world: World) -> None:
    version = placed(world, "admin")
    row = {"nip": BUDI, **corrected(version, region="12.07")}
    for confirm in (None, "ya"):  # (a correction row's yes: promotion.one_step, placement.ends_post)
        report = imported(world, {**row, "confirm": confirm} if confirm else row, "admin")
        assert [(p["line"], p["errors"]) for p in report["rejected"]] == [(1, {"corrected_fields.region": [NAMED]})]
    report = imported(world, {**row, "confirm": "region.outside_seat"}, "admin")
    assert (report["recorded"], report["rejected"]) == (1, [])
    # (the report names what the confirmation answered, as a recording's: not stored, told by Outcome.asked)
    said = "Confirmed in the Konfirmasi column, each asked of this row: region.outside_seat."
    assert [w["errors"] for w in report["warnings"]] == [{"confirm": [said]}]


def test_a_migrations_correction_is_never_asked(world: World) -> None:
    version = placed(world, "admin")
    row = {"nip": BUDI, **corrected(version, region="12.07"), "recorded_at": "2024-11-02T08:00:00+00:00"}
    report = import_rows(world.services.ledger, [(1, row, 0)], actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (1, []), report.rejected
