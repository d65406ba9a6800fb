"""A mentoring start, end, retraction or correction writes the mentor's record too, and the mentor's side may refuse
it quoting the mentor's record ("mentor_nip (effective_date)": "2017-01-04 is before the appointment (TMT
2020-03-01)."): such a refusal logs a read (`write_check`) of the mentor's record besides the mentee's, by the API
and an import, dry run or not. Before, only the mentee's record was logged: a dry-run import of
mentoring starts naming each colleague as mentor on an early day read their appointment dates unlogged
(docs/security.md, "Access log: which reads")."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of
from tests.functional.test_imports import jsonl, upload

MENTOR = f.nip(date(1995, 5, 5), date(2020, 3, 1), "M", sequence=705)  # KOTA-MEDAN, appointed after SARI
MEDAN = ("KOTA-MEDAN", "12.71")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def mentor(world: World) -> World:
    world.services.ledger.record(MENTOR, "appointment", appointment_of(MENTOR, name="Andi Baru"), actor="test")
    world.catch_up()
    return world


def start(mentor: str, day: str = "2017-01-04", **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "mentoring_start",
        "mentor_nip": mentor,
        "focus": "Kearsipan",
        "effective_date": day,
        "reference": "MNT-1",
        **overrides,
    }


def write_checks(world: World) -> set[tuple[str, str]]:
    items = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    return {(i["nip"], i["username"]) for i in items if i["action"] == "write_check"}


def test_a_write_refused_by_the_mentors_side_logs_a_read_of_the_mentor(mentor: World) -> None:
    answer = mentor.post(f"/api/v1/employees/{SARI}/events", "hr", json=start(MENTOR))
    assert answer.status_code == 422
    assert "2020-03-01" in json.dumps(answer.get_json()["errors"]["mentor_nip (effective_date)"])
    assert write_checks(mentor) == {(SARI, "hr"), (MENTOR, "hr")}
    rows = mentor.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    assert {(i["agency"], i["region"]) for i in rows if i["nip"] == MENTOR} == {MEDAN}


def test_a_write_refused_by_the_mentees_side_alone_logs_the_mentee(mentor: World) -> None:
    answer = mentor.post(f"/api/v1/employees/{SARI}/events", "hr", json=start(BUDI, "2009-01-04"))
    assert answer.status_code == 422
    assert not any(name.startswith("mentor_nip") for name in answer.get_json()["errors"])
    assert write_checks(mentor) == {(SARI, "hr")}


@pytest.mark.parametrize("dry_run", ["true", "false"])
def test_an_import_row_refused_by_the_mentors_side_logs_a_read_of_the_mentor(mentor: World, dry_run: str) -> None:
    rows = [{"nip": SARI, **start(MENTOR)}, {"nip": SARI, **start(BUDI, "2009-01-04", reference="MNT-2")}]
    answer = mentor.post(f"/api/v1/imports?dry_run={dry_run}", "hr", **upload(jsonl(*rows), "mentoring.jsonl"))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert len(answer.get_json()["rejected"]) == 2
    assert write_checks(mentor) == {(SARI, "hr"), (MENTOR, "hr")}  # (not BUDI: the mentee's side refused his row)


def test_a_correction_refused_by_the_mentors_side_logs_a_read_of_the_mentor(mentor: World) -> None:
    fact = {k: v for k, v in start(MENTOR, "2021-01-04").items() if k != "kind"}
    started = mentor.services.ledger.record(SARI, "mentoring_start", fact, actor="test")
    correction = {"kind": "correction", **f.correction(started.version, "2021-02-01", effective_date="2017-01-04")}
    answer = mentor.post(f"/api/v1/employees/{SARI}/events", "hr", json=correction)
    assert answer.status_code == 422
    assert any(name.startswith("mentor_nip (") for name in answer.get_json()["errors"]), answer.get_json()
    assert write_checks(mentor) == {(SARI, "hr"), (MENTOR, "hr")}
