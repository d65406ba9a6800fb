"""A mentor transferred to another agency left their mentorings open for good: the releasing agency's HR officer
could neither end the mentoring on the mentee's record ("No employee with NIP ... is in your scope's records" beside
the mentor's NIP) nor correct it ("Mentor ... works outside your scope"), though the record names the mentor already.
Now the end and the correction of a mentoring the mentee's record holds are the mentee's writer's whatever the mentor's
agency (the mentor's side follows); naming a new mentor outside the scope is refused as before. Both stores, the API
and the record form."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_scope_mentor import start
from web.scoping import NOT_IN_SCOPE

EVENTS = f"/api/v1/employees/{SARI}/events"
END = {"mentor_nip": BUDI, "reason": "Pembimbing mutasi", "effective_date": "2024-11-01", "reference": "MNT-1-END"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def mentored_then_moved(world: World) -> int:
    """Sari mentored by Budi (both KOTA-MEDAN, recorded by its HR), then Budi placed in KAB-KARO: the start's
    version."""
    started = world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)})
    assert started.status_code == 201, started.get_data(as_text=True)
    move = {"kind": "placement", "effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI", "agency": "KAB-KARO",
            "unit": "Dinas Pendidikan", "region": "12.06"}  # fmt: skip
    assert world.post(f"/api/v1/employees/{BUDI}/events", "admin", json=move).status_code == 201
    return int(started.get_json()["version"])


def test_hr_ends_a_mentoring_whose_mentor_moved_to_another_agency_and_the_mentors_side_follows(world: World) -> None:
    mentored_then_moved(world)
    answer = world.post(EVENTS, "hr", json={"kind": "mentoring_end", **END})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert [e.KIND for e in world.services.ledger.get_events(BUDI)][-1] == "mentee_released"


def test_hr_corrects_the_end_and_the_start_of_such_a_mentoring(world: World) -> None:
    started = mentored_then_moved(world)
    ended = world.post(EVENTS, "hr", json={"kind": "mentoring_end", **END}).get_json()["version"]
    for version, day, reference in ((ended, "2024-10-31", "KOR-1"), (started, "2021-01-05", "KOR-2")):
        body = {"kind": "correction", **f.correction(version, "2024-11-02", effective_date=day), "reference": reference}
        answer = world.post(EVENTS, "hr", json=body)
        assert answer.status_code == 201, answer.get_data(as_text=True)
    kept = [e for e in world.services.ledger.get_events(BUDI) if e.KIND == "correction"]
    assert len(kept) == 2  # (the mentor's side corrected with each)


def test_a_new_mentoring_by_a_mentor_outside_the_scope_is_still_refused_as_one_never_appointed(world: World) -> None:
    mentored_then_moved(world)
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_end", **END}).status_code == 201
    before = world.log()
    body = {"kind": "mentoring_start", **start(BUDI, "MNT-2"), "effective_date": "2024-11-04"}
    again = world.post(EVENTS, "hr", json=body)
    assert again.status_code == 422
    # (in the words a scoped writer is told for a NIP never appointed, whatever the body: web.scoping.NOT_IN_SCOPE)
    assert again.get_json()["errors"] == {"mentor_nip": [NOT_IN_SCOPE.reason(nip=BUDI)]}
    assert world.log() == before


def test_the_record_form_ends_such_a_mentoring(world: World) -> None:
    mentored_then_moved(world)
    log_in(world, "hr")
    data: dict[str, Any] = {**form_of(world, "mentoring_end"), "nip": SARI, **END}
    answer = world.client.post("/pages/record?kind=mentoring_end", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert [e.KIND for e in world.services.ledger.get_events(SARI)][-1] == "mentoring_end"


def test_the_record_form_warns_of_the_mentorings_a_mentors_placement_leaves_open(world: World) -> None:
    """A placement ends no mentoring (no rule says it does): placed in another agency, the form names the mentees
    the mentor still mentors, so that their writer may end them; none for a mentoring already ended."""
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    log_in(world, "hr")
    move = {"effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI", "agency": "KAB-KARO",
            "unit": "Dinas Pendidikan", "region": "12.06", "confirm": "placement.leaves_scope"}  # fmt: skip
    data: dict[str, Any] = {**form_of(world, "placement"), "nip": BUDI, **move}
    answer = world.client.post("/pages/record?kind=placement", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    page = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"{BUDI} masih membimbing {SARI}: penempatan di instansi lain tidak mengakhiri pembimbingan" in page, page
    assert [e.KIND for e in world.services.ledger.get_events(SARI)][-1] == "mentoring_start"  # (ended by no one)


def test_a_placement_within_the_agency_warns_of_no_mentoring(world: World) -> None:
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    log_in(world, "hr")
    move = {"effective_date": "2024-10-01", "reference": "SK-PINDAH-BUDI", "agency": "KOTA-MEDAN", "unit": "Bappeda",
            "region": "12.71"}  # fmt: skip
    data: dict[str, Any] = {**form_of(world, "placement"), "nip": BUDI, **move}
    answer = world.client.post("/pages/record?kind=placement", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert "masih membimbing" not in world.client.get(answer.headers["Location"]).get_data(as_text=True)
