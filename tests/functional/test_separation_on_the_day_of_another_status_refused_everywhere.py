"""A separation (a death) recorded on the day of a status change other than a separation recorded before it is
refused beside effective_date, naming that change, by the API, careerlog record and an import alike, nothing
recorded: a separation and another status never share a day, whichever was recorded first (until 2026-12-05 this
way to the pair was accepted, the other refused). The decision is the domain's (tests/unit/
test_status_on_separation_day.py); this shows every entry point answers it the same way, on both stores."""

from __future__ import annotations

import io
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World

HELD = (
    "Version {version} (UNPAID_LEAVE) takes effect on 2024-10-01: from the day of a separation no other status takes "
    "effect. Correct or retract version {version} first, or date the separation later."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def status(code: str, reference: str) -> dict[str, Any]:
    return {"kind": "status_change", **f.status(code, "2024-10-01", reference=reference)}


def test_a_death_on_the_day_of_an_earlier_recorded_leave_is_refused_alike_everywhere(
    world: World, store_url: str
) -> None:
    leave = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=status("UNPAID_LEAVE", "CUTI-1"))
    assert leave.status_code == 201, leave.get_json()
    version = leave.get_json()["version"]
    expected = {"effective_date": [HELD.format(version=version)]}
    before = world.log()

    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=status("DECEASED", "SK-WAFAT-1"))
    assert (answer.status_code, answer.get_json()["errors"]) == (422, expected)

    fields = [f"{name}={value}" for name, value in status("DECEASED", "SK-WAFAT-2").items() if name != "kind"]
    result = CliRunner().invoke(
        main, ["record", BUDI, "status_change", *fields], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    assert (result.exit_code, result.output) == (1, f"Error: effective_date: {expected['effective_date'][0]}\n")

    data = orjson.dumps({"nip": BUDI, **status("DECEASED", "SK-WAFAT-3")}) + b"\n"
    report = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), "rows.jsonl")}, content_type="multipart/form-data"
    ).get_json()
    assert [row["errors"] for row in report["rejected"]] == [expected]
    assert world.log() == before
