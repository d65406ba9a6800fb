"""A JSON body holding a whole number of more digits than Python reads (4,300: sys.get_int_max_str_digits) is a 422
naming the field it is in, and nothing is recorded. Before, json.loads raised ValueError on it while reading the body,
which was answered 500: a training's `"hours"` of 5,000 nines, a rating's `year`, a correction's corrected value or
an appointment's field alike (4,000 nines were, and are, the field's own 422)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
LONG = "9" * 5000
NEW = f.nip(date(1993, 4, 4), date(2019, 3, 1), "M", sequence=742)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def sent(world: World, path: str, raw: str) -> dict[str, list[str]]:
    """The errors of the 422 answering a body as written, with nothing recorded."""
    before = world.log()
    answer = world.post(path, data=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    assert world.log() == before
    errors: dict[str, list[str]] = answer.get_json()["errors"]
    return errors


TRAINING = {"kind": "training", **f.training("2024-05-03", start="2024-05-01"), "hours": LONG}


def written(body: dict[str, Any]) -> str:
    """The body as JSON with LONG written as a number (json.dumps cannot write one so long)."""
    return json.dumps(body).replace(f'"{LONG}"', LONG)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (TRAINING, "hours"),
        ({"kind": "performance_rating", **f.rating(2024), "year": f"-{LONG}"}, "year"),
        (
            {"kind": "correction", **f.correction(2, "2024-06-01", new_rank="III/c", hours=LONG)},
            "corrected_fields.hours",
        ),
        ({"kind": "retraction", "target_version": LONG, "reason": "typo"}, "target_version"),
        ({"kind": "training", "confirm": [1, LONG]}, "confirm.1"),
    ],
    ids=["hours", "year", "corrected_fields", "target_version", "in_a_list"],
)
def test_a_number_of_too_many_digits_is_a_422_naming_its_field(world: World, body: dict[str, Any], where: str) -> None:
    errors = sent(world, EVENTS, written(body).replace(f'"-{LONG}"', f"-{LONG}"))
    (reason,) = errors[where]
    assert "5,000 digits" in reason, reason
    assert reason.startswith(("9" * 39 + "…", "-" + "9" * 38 + "…")), reason  # (quoted cut, as every value refused)


def test_an_appointment_with_a_number_of_too_many_digits_is_a_422(world: World) -> None:
    errors = sent(world, "/api/v1/employees", written({"nip": NEW, "rank": LONG}))
    assert list(errors) == ["rank"], errors
    assert world.get(f"/api/v1/employees/{NEW}").status_code == 404


def test_a_unit_rating_with_a_number_of_too_many_digits_is_a_422(world: World) -> None:
    body = written({"year": LONG, "predicate": "BAIK", "effective_date": "2025-12-31", "reference": "R-1"})
    assert list(sent(world, "/api/v1/units/KOTA-MEDAN/Bappeda/ratings", body)) == ["year"]


def test_a_number_of_as_many_digits_as_are_read_is_the_fields_own_422(world: World) -> None:
    (reason,) = sent(world, EVENTS, written(TRAINING).replace(LONG, "9" * 4300))["hours"]
    assert "JP is more than" in reason, reason  # (the training days' JP refusal, the field's own)


def test_outside_the_scope_it_is_the_404_of_a_record_never_appointed(world: World) -> None:
    body = written({"kind": "retraction", "target_version": LONG, "reason": "typo"})
    answer = world.post(EVENTS, "hr_karo", data=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 404, answer.get_data(as_text=True)
