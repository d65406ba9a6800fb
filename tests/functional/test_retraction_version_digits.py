"""A retraction's target_version is read as the ledger reads it (digits 0-9) before anything asks whose record it
would also write: written in another script's digits, the version of a mentoring whose mentor is outside the
writer's scope is refused as no whole number ("Not a valid integer.": the API's, a JSON number alone, "Not a valid
integer: a whole number is sent as a JSON number, ..."), naming target_version, not as the mentor's
scope (which int() reading the digits as that version would say), by the API and by an import; nothing is
recorded."""

from __future__ import annotations

import pytest

from careerlog.domain.payload import TEXT_NOT_INTEGER
from tests import factories as f
from tests.functional.conftest import RINA, SARI, World
from tests.functional.test_ascii_digits import ARABIC, FULL_WIDTH
from tests.functional.test_scope_mentor import start, upload


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_retraction_of_a_version_in_other_digits_is_refused_as_no_whole_number(world: World) -> None:
    started = world.services.ledger.record(SARI, "mentoring_start", start(RINA), actor="admin")
    before = world.log()
    for digits in (ARABIC, FULL_WIDTH):
        retraction = {"kind": "retraction", **f.retraction(started.version, "2021-02-01")}
        retraction["target_version"] = str(started.version).translate(digits)
        answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=retraction)
        assert answer.status_code == 422
        assert answer.mimetype == "application/problem+json"
        assert answer.get_json()["errors"] == {"target_version": [TEXT_NOT_INTEGER]}  # (a JSON number alone)
        report = world.post("/api/v1/imports", "hr", **upload({**retraction, "nip": SARI})).get_json()
        assert report["recorded"] == 0
        (rejected,) = report["rejected"]
        assert rejected["errors"] == {"target_version": ["Not a valid integer."]}
    assert world.log() == before
