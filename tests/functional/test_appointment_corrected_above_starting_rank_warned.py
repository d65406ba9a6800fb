"""A correction that puts a CPNS appointment above the starting rank of its entry education (rule
appointment.starting_rank: S-1 starts at III/a) is asked, as the appointment is, beside the field it changes (since
2026-12-07); confirmed, it is recorded with the warning the appointment's own recording gives (APPOINTED_AGAINST, the
same words in English and Indonesian): the API's `warnings`, the correction form's result page,
a corrections import's warnings beside `target_version` (a dry run's "Would be recorded; ..."). Only a CPNS
appointment is judged, and only a correction of its rank, education, employment kind or TMT: a PPPK's appointment, or
a correction of another field, reads no record for it. Found last session: until 2026-12-06 a correction changing the
rank or the education of an appointment was recorded without a word, found only later by the audit."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import MISSING, World, appointment_of
from tests.functional.test_appointment_above_starting_rank_warned import (
    FINDING,
    import_warned,
    pppk_appointment,
    said_in_indonesian,
)
from tests.functional.test_pages_auth import log_in

AT_START = appointment_of(MISSING, education="S-1", rank="III/a")
EVENTS = f"/api/v1/employees/{MISSING}/events"
SAID = "Recorded; by the rules in force on 2005-03-01 this appointment does not meet "


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def appointed(world: World, **overrides: Any) -> None:
    answer = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **AT_START, **overrides})
    assert answer.status_code == 201, answer.get_json()
    assert "warnings" not in answer.get_json()


def corrected(world: World, confirm: list[str] | None = None, **fields: Any) -> Any:
    body = {"kind": "correction", **f.correction(1, "2005-06-01", **fields)}
    answer = world.post(EVENTS, "hr", json=body if confirm is None else {**body, "confirm": confirm})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


CONFIRM = ["appointment.starting_rank"]


def test_the_apis_correction_of_the_rank_above_the_start_is_asked_then_warned_confirmed(world: World) -> None:
    appointed(world)
    before = world.log()
    body = {"kind": "correction", **f.correction(1, "2005-06-01", rank="III/c")}
    asked = world.post(EVENTS, "hr", json=body)
    assert asked.status_code == 422, asked.get_json()
    [reason] = asked.get_json()["errors"]["corrected_fields.rank"]
    assert reason.startswith("A CPNS with education S-1 starts at III/a (rule appointment.starting_rank), not III/c")
    assert world.log() == before
    [said] = corrected(world, CONFIRM, rank="III/c")["warnings"]
    assert said == f"{SAID}{FINDING} (the audit will flag it)."


def test_the_apis_correction_of_the_education_below_the_rank_is_warned(world: World) -> None:
    appointed(world, rank="III/c", education="S-3")  # (S-3 starts at III/c)
    [said] = corrected(world, CONFIRM, education="S-1")["warnings"]
    assert said == f"{SAID}{FINDING} (the audit will flag it)."


def test_a_correction_to_the_start_or_of_another_field_is_not_warned(world: World) -> None:
    appointed(world)
    assert "warnings" not in corrected(world, rank="III/b", education="S-2")  # (S-2 starts at III/b)
    assert "warnings" not in corrected(world, unit="Bagian Umum")


def test_a_pppk_appointments_correction_reads_no_record_for_findings(world: World, monkeypatch: Any) -> None:
    nip = f.pppk_nip()
    answer = world.post("/api/v1/employees", "hr", json={"nip": nip, **pppk_appointment()})
    assert answer.status_code == 201, answer.get_json()
    judged: list[str] = []
    ledger = world.services.ledger
    judge = ledger.findings_of
    assert judge is not None
    monkeypatch.setattr(ledger, "findings_of", lambda nip, *a, **k: judged.append(nip) or judge(nip, *a, **k))
    body = {"kind": "correction", **f.correction(1, "2022-06-01", education="S-3")}
    answer = world.post(f"/api/v1/employees/{nip}/events", "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    assert "warnings" not in answer.get_json()
    assert judged == []


def test_the_correction_form_says_it_in_the_visitors_language(world: World) -> None:
    appointed(world)
    log_in(world, "hr")
    data = {"nip": MISSING, "target_version": "1", "reason": "Salah ketik", "effective_date": "2005-06-01"}
    data |= {"reference": "RALAT-9", "corrected_fields": '{"rank": "III/c"}', "confirm": "appointment.starting_rank"}
    said_in_indonesian(world, "correction", data, "Koreksi, versi 2")


def test_a_corrections_import_warns_beside_the_target_version_and_its_dry_run_says_it_would(world: World) -> None:
    appointed(world)
    row = {"kind": "correction", "nip": MISSING, **f.correction(1, "2005-06-01", rank="III/c"), "confirm": CONFIRM}
    import_warned(world, orjson.dumps(row) + b"\n", "correction", "target_version")
