"""A correction moving the end of the Latsar a standing confirmation as PNS rests on past that confirmation is
refused beside corrected_fields.effective_date, naming the confirmation, by the API, careerlog record and an import
alike, nothing recorded (until 2026-12-05 it was accepted, leaving the confirmation no Latsar by its date). The
decision is the domain's (tests/unit/test_latsar_rests_under_confirmation.py); this shows every entry point answers
it the same way, on both stores."""

from __future__ import annotations

import io
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
RESTS = (
    "The confirmation as PNS of 2011-03-01 (version {version}) rests on this Latsar (certificate 'LATSAR-77'): "
    "retract or correct the confirmation first."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def moved(target: int, reference: str) -> dict[str, Any]:
    corrected = {"effective_date": "2011-06-30", "start_date": "2011-05-01"}
    return {"kind": "correction", **f.correction(target, "2026-01-05", **corrected), "reference": reference}


def written(world: World, body: dict[str, Any]) -> int:
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    version: int = answer.get_json()["version"]
    return version


def test_moving_the_latsars_end_past_the_confirmation_is_refused_alike_everywhere(world: World, store_url: str) -> None:
    latsar = f.training("2010-10-30", hours=80, start="2010-09-01", training_kind="LATSAR", reference="CERT-9")
    training = written(world, {"kind": "training", **latsar})
    confirmation = f.confirmation("2011-03-01", latsar_certificate="LATSAR-77")
    expected = {
        "corrected_fields.effective_date": [
            RESTS.format(version=written(world, {"kind": "confirmation", **confirmation}))
        ]
    }
    before = world.log()

    answer = world.post(EVENTS, "hr", json=moved(training, "RALAT-API"))
    assert (answer.status_code, answer.get_json()["errors"]) == (422, expected)

    body = moved(training, "RALAT-CLI")
    fields = [
        f"{k}={orjson.dumps(v).decode() if k == 'corrected_fields' else v}" for k, v in body.items() if k != "kind"
    ]
    result = CliRunner().invoke(
        main, ["record", BUDI, "correction", *fields], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    message = expected["corrected_fields.effective_date"][0]
    assert (result.exit_code, result.output) == (1, f"Error: corrected_fields.effective_date: {message}\n")

    data = orjson.dumps({"nip": BUDI, **moved(training, "RALAT-IMP")}) + b"\n"
    report = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), "rows.jsonl")}, content_type="multipart/form-data"
    ).get_json()
    assert [row["errors"] for row in report["rejected"]] == [expected]
    assert world.log() == before
