"""An HR administrator moves an employee out of their scope only as the releasing agency.

Where an employee works is their record's appointment and placements. An HR administrator of KOTA-MEDAN may
record a transfer of an employee of theirs into KAB-KARO as the employee's latest placement (the releasing
agency's SK pindah); after it the employee is KAB-KARO's and no longer theirs. Anything else that would put the
employee in another agency on some day (a placement dated before a later one, a correction of the appointment's
or a placement's agency, region or date, a retraction of the placement that brought them in) would write
KAB-KARO's part of the record from outside it: refused with a 403 naming the field, the record form's field, an
import's row, and nothing recorded. A national administrator may. Both stores.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = "/api/v1/employees/{}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def placement(day: str, reference: str, agency: str = "KAB-KARO") -> dict[str, Any]:
    place = {"KAB-KARO": ("Dinas Pendidikan", "12.06"), "KOTA-MEDAN": ("Bappeda", "12.71")}[agency]
    return {"kind": "placement", "agency": agency, "unit": place[0], "region": place[1], "effective_date": day,
            "reference": reference}  # fmt: skip


def refused(response: Any, field: str) -> str:
    """The reason of a 403 problem+json that names `field` alone, which says the scope."""
    assert response.status_code == 403, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert list(errors) == [field], errors
    (reason,) = errors[field]
    assert "your scope (agency KOTA-MEDAN)" in reason, reason
    return str(reason)


def upload(*rows: dict[str, Any]) -> dict[str, Any]:
    text = "".join(json.dumps(r) + "\n" for r in rows).encode()
    return {"data": {"file": (io.BytesIO(text), "events.jsonl")}, "content_type": "multipart/form-data"}


def found_by(world: World, who: str, nip: str) -> int:
    return world.get(EVENTS.format(nip), who).status_code


def test_hr_may_transfer_their_employee_out_as_the_releasing_agency(world: World) -> None:
    before = world.log()
    unconfirmed = world.post(EVENTS.format(BUDI), "hr", json=placement("2024-01-02", "SK-PINDAH-1"))
    assert unconfirmed.status_code == 422, unconfirmed.get_json()
    (reason,) = unconfirmed.get_json()["errors"]["agency"]
    assert "KAB-KARO is outside your scope (agency KOTA-MEDAN)" in reason
    assert "only a national administrator can retract or correct it" in reason
    assert "confirm: placement.leaves_scope" in reason
    assert world.log() == before
    assert found_by(world, "hr", BUDI) == 200
    confirmed = {**placement("2024-01-02", "SK-PINDAH-1"), "confirm": ["placement.leaves_scope"]}
    response = world.post(EVENTS.format(BUDI), "hr", json=confirmed)
    assert response.status_code == 201, response.get_json()
    assert found_by(world, "hr", BUDI) == 404  # now KAB-KARO's
    assert found_by(world, "hr_karo", BUDI) == 200


def test_hr_may_not_place_their_employee_in_another_agency_before_a_later_placement(world: World) -> None:
    world.post(EVENTS.format(BUDI), "hr", json=placement("2020-01-02", "SK-MUTASI-1", "KOTA-MEDAN"))
    before = world.log()
    response = world.post(EVENTS.format(BUDI), "hr", json=placement("2016-01-04", "SK-PINDAH-2"))
    reason = refused(response, "agency")
    assert "2016-01-04" in reason
    assert world.log() == before


def test_a_national_administrator_transfers_an_employee_out_unasked(world: World) -> None:
    response = world.post(EVENTS.format(BUDI), "admin", json=placement("2024-01-02", "SK-PINDAH-1"))
    assert response.status_code == 201, response.get_json()


def test_a_national_administrator_may_record_an_earlier_period_in_another_agency(world: World) -> None:
    world.post(EVENTS.format(BUDI), "admin", json=placement("2020-01-02", "SK-MUTASI-1", "KOTA-MEDAN"))
    response = world.post(EVENTS.format(BUDI), "admin", json=placement("2016-01-04", "SK-PINDAH-2"))
    assert response.status_code == 201


def test_hr_may_not_correct_an_appointment_into_another_agency(world: World) -> None:
    before = world.log()
    correction = {"kind": "correction", **f.correction(1, "2024-01-02", agency="KAB-KARO", region="12.06")}
    refused(world.post(EVENTS.format(SARI), "hr", json=correction), "corrected_fields.agency")
    assert world.log() == before
    assert found_by(world, "hr", SARI) == 200


def test_a_correction_moving_the_latest_placement_out_of_the_scope_is_refused_confirmed_or_not(world: World) -> None:
    """A correction is no transfer out: it rewrites days the record already holds, so confirming does not let it
    through (a confirmation answers only a new placement after every other: placement.leaves_scope)."""
    inside = {k: v for k, v in placement("2020-01-02", "SK-MUTASI-1", "KOTA-MEDAN").items() if k != "kind"}
    came = world.services.ledger.record(BUDI, "placement", inside, actor="admin")
    before = world.log()
    out = {"kind": "correction", **f.correction(came.version, "2024-01-02", agency="KAB-KARO", region="12.06")}
    refused(world.post(EVENTS.format(BUDI), "hr", json=out), "corrected_fields.agency")
    confirmed = {**out, "confirm": ["placement.leaves_scope"]}
    refused(world.post(EVENTS.format(BUDI), "hr", json=confirmed), "corrected_fields.agency")
    assert world.log() == before


def test_hr_may_still_correct_the_unit_of_their_own_appointment(world: World) -> None:
    correction = {"kind": "correction", **f.correction(1, "2024-01-02", unit="Dinas Kesehatan")}
    assert world.post(EVENTS.format(SARI), "hr", json=correction).status_code == 201


def test_the_receiving_agency_may_neither_retract_nor_redate_the_placement_that_brought_an_employee_in(
    world: World,
) -> None:
    arrival = {k: v for k, v in placement("2020-01-02", "SK-IN", "KOTA-MEDAN").items() if k != "kind"}
    came = world.services.ledger.record(RINA, "placement", arrival, actor="admin")
    assert found_by(world, "hr", RINA) == 200
    before = world.log()
    retraction = {"kind": "retraction", **f.retraction(came.version, "2024-01-02")}
    refused(world.post(EVENTS.format(RINA), "hr", json=retraction), "target_version")
    earlier = {"kind": "correction", **f.correction(came.version, "2024-01-02", effective_date="2019-01-02")}
    refused(world.post(EVENTS.format(RINA), "hr", json=earlier), "corrected_fields.effective_date")
    later = {"kind": "correction", **f.correction(came.version, "2024-01-02", effective_date="2021-01-04")}
    refused(world.post(EVENTS.format(RINA), "hr", json=later), "corrected_fields.effective_date")
    assert world.log() == before
    unit = {"kind": "correction", **f.correction(came.version, "2024-01-02", unit="Dinas Pendidikan")}
    assert world.post(EVENTS.format(RINA), "hr", json=unit).status_code == 201  # their own part of the record


def test_an_appointment_into_another_agency_is_refused_naming_the_agency(world: World) -> None:
    from tests.functional.conftest import MISSING, appointment_of

    body = {"nip": MISSING, **appointment_of(MISSING, agency="KAB-KARO", region="12.06")}
    before = world.log()
    refused(world.post("/api/v1/employees", "hr", json=body), "agency")
    assert world.log() == before


def test_the_record_form_refuses_an_earlier_period_in_another_agency_beside_the_agency(world: World) -> None:
    world.post(EVENTS.format(BUDI), "hr", json=placement("2020-01-02", "SK-MUTASI-1", "KOTA-MEDAN"))
    log_in(world, "hr")
    before = world.log()
    fields = {k: v for k, v in placement("2016-01-04", "SK-PINDAH-2").items() if k != "kind"}
    data = {**form_of(world, "placement"), "nip": BUDI, **fields}
    page = world.client.post("/pages/record?kind=placement&lang=en", data=data)
    assert page.status_code == 422
    beside = re.search(r'<span class="error" id="agency-error">(.*?)</span>', page.get_data(as_text=True), re.S)
    assert beside, page.get_data(as_text=True)
    assert "outside your scope" in beside.group(1)
    indonesian = world.client.post("/pages/record?kind=placement&lang=id", data=data).get_data(as_text=True)
    assert "di luar cakupan Anda" in indonesian
    assert world.log() == before


def test_an_import_refuses_the_rows_that_write_another_agencys_part_of_a_record(world: World) -> None:
    rows = [
        placement("2020-01-02", "SK-MUTASI-1", "KOTA-MEDAN") | {"nip": BUDI},
        placement("2016-01-04", "SK-PINDAH-2") | {"nip": BUDI},  # before the line above: refused
        {"kind": "training", "nip": BUDI, **f.training("2021-03-01")},  # still KOTA-MEDAN's: recorded
        placement("2024-01-02", "SK-PINDAH-3") | {"nip": SARI, "confirm": "ya"},  # released, confirmed: recorded
        {"kind": "training", "nip": SARI, **f.training("2024-03-01")},  # now KAB-KARO's: not found
    ]
    before = world.log()
    report = world.post("/api/v1/imports", "hr", **upload(*rows)).get_json()
    assert report["recorded"] == 3, report
    rejected = {r["line"]: r["errors"] for r in report["rejected"]}
    assert list(rejected) == [2, 5], rejected
    assert list(rejected[2]) == ["agency"]
    assert "outside your scope" in rejected[2]["agency"][0]
    assert list(rejected[5]) == ["nip"]
    assert len(world.log()) == len(before) + 3
