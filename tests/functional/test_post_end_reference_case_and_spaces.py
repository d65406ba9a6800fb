"""A post end names the post appointment that ends by its reference (`appointment_reference`), and a reference that
differs from the recorded one only in letter case or whitespace names the same decree (careerlog.domain.ledger.
reference_key): `sk-js-861` or `SK-JS- 861` ends the post recorded as `SK-JS-861`, through the API and an import,
and the views (the roster, the career page) show the post ended. Until 2026-12-04 such an end was refused as naming
no post, though the ledger already took the two spellings as one document for its duplicate check. A reference
recorded exactly is taken first; one naming two post appointments recorded before the ledger compared references so
(`SK/1` and `sk/1`, as a migration reproduces them) is refused naming both, so that the user types the exact one. A
post ended is refused again whichever spelling names it, and a post appointment's reference mended in case (a
correction) leaves its post ended (it was refused: the end then named no post). The stored end keeps the reference
as typed. Both stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_career_page_training_ahead import page_text

NIP = f.nip(date(1975, 2, 2), date(2000, 3, 1), "M", sequence=861)
EVENTS = f"/api/v1/employees/{NIP}/events"
POST = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "BKPSDM"}
POST |= {"assignment": "DEFINITIVE", "effective_date": "2015-01-05", "reference": "SK-JS-861"}
NONE_HELD = "taken as no post is held"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def appointed(world: World) -> None:
    ledger = world.services.ledger
    ledger.record(NIP, "appointment", appointment_of(NIP, rank="III/a"), actor="test")
    ledger.record(NIP, "post_appointment", POST, actor="test")


def ending(appointment_reference: str, reference: str = "SK-END-861", day: str = "2025-01-02") -> dict[str, Any]:
    return {"appointment_reference": appointment_reference, "effective_date": day, "reference": reference}


def post_ends(world: World) -> list[tuple[int, str]]:
    employee = world.services.ledger.get_employee(NIP)
    assert employee is not None
    return [(x.version, x.values["appointment_reference"]) for x in employee.active_facts() if x.kind == "post_end"]


def post_held(world: World) -> Any:
    world.catch_up()
    return world.services.queries.employee(NIP)["post_title"]


@pytest.mark.parametrize("written", ["sk-js-861", " Sk-JS-861 ", "SK-JS- 861"])
def test_a_post_end_naming_its_appointment_in_other_case_or_spacing_ends_the_post(world: World, written: str) -> None:
    appointed(world)
    assert post_held(world) == "Kepala Subbagian Umum"
    answer = world.post(EVENTS, "hr", json={"kind": "post_end", **ending(written)})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert post_ends(world) == [(3, written.strip())]  # stored as typed (trimmed, as every text is read)
    assert post_held(world) is None
    assert NONE_HELD in page_text(world, NIP, "en")


def test_an_imported_post_end_in_other_case_ends_the_post(world: World, tmp_path: Path) -> None:
    appointed(world)
    path = tmp_path / "ends.jsonl"
    path.write_bytes(orjson.dumps({"kind": "post_end", "nip": NIP, **ending("sk-js-861 ")}) + b"\n")
    report = import_file(world.services.ledger, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    assert post_ends(world) == [(3, "sk-js-861")]
    assert post_held(world) is None


def test_a_post_ended_is_refused_again_in_other_case(world: World) -> None:
    appointed(world)
    world.services.ledger.record(NIP, "post_end", ending("sk-js-861"), actor="test")
    before = world.log()
    again = {"kind": "post_end", **ending("SK-JS -861", reference="SK-END-862", day="2025-02-03")}
    body = problem(world.post(EVENTS, "hr", json=again), 422)
    assert body["errors"] == {"appointment_reference": ["That post already ended (version 3)."]}
    assert world.log() == before


def test_a_reference_naming_two_appointments_alike_is_refused_naming_both(world: World, tmp_path: Path) -> None:
    acting = {**POST, "assignment": "PLT", "level": None, "post_kind": "PELAKSANA"}
    rows: list[dict[str, Any]] = [  # recorded before the ledger compared references by their key
        {"kind": "appointment", "nip": NIP, **appointment_of(NIP, rank="III/a"), "recorded_at": "2000-03-05T02:00:00Z"},
        {"kind": "post_appointment", "nip": NIP, **acting, "title": "Plt A", "reference": "SK/1"},
        {"kind": "post_appointment", "nip": NIP, **acting, "title": "Plt B", "reference": "sk/1"},
    ]
    rows[1]["recorded_at"] = "2015-01-06T02:00:00Z"
    rows[2] |= {"effective_date": "2016-01-04", "recorded_at": "2016-01-05T02:00:00Z"}
    path = tmp_path / "old.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    report = import_file(world.services.ledger, path, actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (3, [])
    before = world.log()
    body = problem(world.post(EVENTS, "hr", json={"kind": "post_end", **ending("Sk/1")}), 422)
    assert body["errors"] == {
        "appointment_reference": [
            "No post appointment with reference 'Sk/1' is recorded, and 'SK/1' (version 2), 'sk/1' (version 3) differ "
            "from it only in letter case or spaces: give the reference exactly as the appointment of the post that "
            "ends is recorded."
        ]
    }
    assert world.log() == before
    assert post_held(world) == "Plt B"
    answer = world.post(EVENTS, "hr", json={"kind": "post_end", **ending("sk/1")})  # exact: Plt B's
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert post_held(world) == "Plt A"
    answer = world.post(EVENTS, "hr", json={"kind": "post_end", **ending("SK/1", reference="SK-END-2")})
    assert answer.status_code == 201, answer.get_data(as_text=True)  # another post: not ended already
    assert post_held(world) is None


def test_a_post_appointments_reference_mended_in_case_leaves_its_post_ended(world: World) -> None:
    appointed(world)
    world.services.ledger.record(NIP, "post_end", ending("SK-JS-861"), actor="test")
    mended = {"kind": "correction", **f.correction(2, "2025-03-03", reference="Sk-Js-861")}
    answer = world.post(EVENTS, "hr", json=mended)  # (refused before: the end then named no post)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert post_held(world) is None
    assert NONE_HELD in page_text(world, NIP, "en")
