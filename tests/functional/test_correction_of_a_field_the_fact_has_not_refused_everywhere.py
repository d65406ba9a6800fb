"""A correction naming a field its fact's kind has not (a field of another kind, `judul`, a recording's own field such
as `client_key`) is refused beside `corrected_fields.<field>`, saying the fields a correction of that kind can
change, by the API, the CLI and an import alike (the record page: tests/functional/test_pages_record_target.py); one
emptying a field the fact was recorded without (never sent) is refused beside it as already empty. Nothing is
recorded. Already so before 2026-12-05: this pins it on both stores."""

from __future__ import annotations

import io
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World

TRAINING_FIELDS = "start_date, effective_date, reference, training_kind, title, organiser, hours, programme_id, cost"
NOT_ITS_FIELD = f"Not a field a correction of this training can change; it can change {TRAINING_FIELDS}."
ALREADY_EMPTY = "Is already empty: a correction changes at least one value."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def correction(corrected: dict[str, Any], reference: str) -> dict[str, Any]:
    return {"kind": "correction", **f.correction(3, "2026-01-05", **corrected), "reference": reference}


def recorded_training(world: World) -> None:
    body = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08", reference="TR-1")}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert (answer.status_code, answer.get_json()["version"]) == (201, 3)


def by_api(world: World, corrected: dict[str, Any]) -> dict[str, list[str]]:
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=correction(corrected, "RALAT-API"))
    assert answer.status_code == 422, answer.get_json()
    errors: dict[str, list[str]] = answer.get_json()["errors"]
    return errors


def by_cli(store_url: str, corrected: dict[str, Any]) -> str:
    body = correction(corrected, "RALAT-CLI")
    fields = [
        f"{k}={orjson.dumps(v).decode() if k == 'corrected_fields' else v}" for k, v in body.items() if k != "kind"
    ]
    result = CliRunner().invoke(
        main, ["record", BUDI, "correction", *fields], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    assert result.exit_code == 1, result.output
    return result.output


def by_import(world: World, corrected: dict[str, Any]) -> dict[str, list[str]]:
    data = orjson.dumps({"nip": BUDI, **correction(corrected, "RALAT-IMP")}) + b"\n"
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), "rows.jsonl")}, content_type="multipart/form-data"
    )
    [rejected] = answer.get_json()["rejected"]
    errors: dict[str, list[str]] = rejected["errors"]
    return errors


@pytest.mark.parametrize("field", ["judul", "predicate", "client_key", "nip"])
def test_a_correction_of_a_field_the_kind_has_not_is_refused_naming_it_everywhere(
    world: World, store_url: str, field: str
) -> None:
    recorded_training(world)
    before = world.log()
    corrected = {field: "X"}
    expected = {f"corrected_fields.{field}": [NOT_ITS_FIELD]}
    assert by_api(world, corrected) == expected
    assert by_import(world, corrected) == expected
    assert by_cli(store_url, corrected) == f"Error: corrected_fields.{field}: {NOT_ITS_FIELD}\n"
    assert world.log() == before


def test_a_correction_emptying_a_field_never_sent_is_refused_as_already_empty_everywhere(
    world: World, store_url: str
) -> None:
    recorded_training(world)  # (recorded without a cost)
    before = world.log()
    expected = {"corrected_fields.cost": [ALREADY_EMPTY]}
    assert by_api(world, {"cost": None}) == expected
    assert by_import(world, {"cost": None}) == expected
    assert by_cli(store_url, {"cost": None}) == f"Error: corrected_fields.cost: {ALREADY_EMPTY}\n"
    assert world.log() == before
