"""A mentoring end dated before a session of that mentoring already recorded is refused when recorded, beside its
effective_date, naming the session's date and version; nothing recorded. Before, it was accepted (an end dated
2026-11-15 with a session v14 dated 2026-11-20), and every later correction of the record was then refused for the
session left outside any mentoring. Found in the regression pass of 2026-12-05. Both stores; hr and admin alike."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_scope_mentor import start

EVENTS = f"/api/v1/employees/{SARI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def session(day: str) -> dict[str, Any]:
    return {"kind": "mentoring_session", "mentor_nip": BUDI, "topic": "Tata naskah dinas", "minutes": 60,
            "effective_date": day, "reference": "SES-1"}  # fmt: skip


def end(day: str) -> dict[str, Any]:
    return {"kind": "mentoring_end", "mentor_nip": BUDI, "reason": "Selesai", "effective_date": day,
            "reference": "MNT-1-END"}  # fmt: skip


def with_a_session(world: World) -> int:
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    answer = world.post(EVENTS, "hr", json=session("2021-05-20"))
    assert answer.status_code == 201, answer.get_json()
    world.catch_up()
    return int(answer.get_json()["version"])


@pytest.mark.parametrize("who", ["hr", "admin"])
def test_a_mentoring_end_before_a_recorded_session_is_refused_naming_the_session(world: World, who: str) -> None:
    version = with_a_session(world)
    before = world.log()
    answer = world.post(EVENTS, who, json=end("2021-05-15"))
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert list(errors) == ["effective_date"], errors
    (reason,) = errors["effective_date"]
    assert reason.startswith(f"A mentoring session with {BUDI} is recorded on 2021-05-20 (version {version})"), reason
    assert world.log() == before
    assert world.post(EVENTS, who, json=end("2021-05-20")).status_code == 201  # (on the session's day: recorded)


def test_the_record_form_refuses_it_beside_the_date(world: World) -> None:
    with_a_session(world)
    log_in(world, "hr")
    before = world.log()
    data = {**form_of(world, "mentoring_end"), "nip": SARI, **end("2021-05-15")}
    del data["kind"]
    answer = world.client.post("/pages/record?kind=mentoring_end&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="effective_date-error">(.*?)</span>', page, re.S)
    assert beside is not None, page
    assert "A mentoring session with" in beside[1]
    assert "after this end" in beside[1]
    assert world.log() == before
