"""The API's 422 names every problem of a write at once: the fields its schema refuses (marshmallow's reasons,
unchanged) with the checks of the whole fact the ledger can still judge on the fields that did read (a training's
first day after its last, a date before the appointment, a new rank not above the one held, a rank jump, an
appointment's birth date against the NIP), under the same field names. Before, the schema's refusal answered
alone, so an HR client fixed a cell, sent the write again and only then met the next problem. Nothing is recorded;
a record outside the writer's scope is not found, whatever its cells, as one never appointed (the scope is judged
before the input: web.api.scope)."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.domain.employee import BEFORE_APPOINTMENT, NOT_ABOVE, START_AFTER_END
from careerlog.domain.nip import OTHER_BIRTH
from careerlog.domain.payload import TEXT_NOT_INTEGER
from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, World

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def refused(world: World, path: str, body: dict[str, Any], who: str = "hr") -> dict[str, Any]:
    before = world.log()
    answer = world.post(path, who, json=body)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    assert world.log() == before
    errors: dict[str, Any] = answer.get_json()["errors"]
    return errors


def test_a_trainings_first_day_after_its_last_is_named_with_a_jp_that_is_no_number(world: World) -> None:
    body = {"kind": "training", **f.training("2020-05-10", start="2020-05-12"), "hours": "delapan"}
    errors = refused(world, EVENTS, body)
    assert errors["hours"] == [TEXT_NOT_INTEGER]
    assert errors["start_date"] == [START_AFTER_END.reason(start="2020-05-12", end="2020-05-10")]


def test_a_date_before_the_appointment_is_named_with_a_missing_title_and_an_unknown_field(world: World) -> None:
    body = {"kind": "training", **f.training("2001-05-10"), "colour": "red"}
    del body["title"]
    errors = refused(world, EVENTS, body)
    assert errors["title"] == ["Missing data for required field."]
    assert errors["colour"] == ["Unknown field."]
    assert errors["effective_date"] == [BEFORE_APPOINTMENT.reason(day="2001-05-10", tmt="2010-03-01")]


def test_a_rank_not_above_the_one_held_is_named_with_an_unknown_promotion_kind(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("III/a", "2016-04-01"), "promotion_kind": "Luar biasa"}
    errors = refused(world, EVENTS, body)
    assert errors["new_rank"] == [
        NOT_ABOVE.reason(day="2016-04-01", new_rank="III/a", held="III/b", since="2014-04-01")
    ]
    assert errors["promotion_kind"] == [
        "Unknown code 'Luar biasa'; see the promotion_kinds reference table (GET /api/v1/reference/promotion_kinds)."
    ]


def test_a_rank_jump_is_named_with_a_bad_reference_and_an_unknown_confirmation(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("III/d", "2018-04-01"), "reference": 7, "confirm": ["yes"]}
    errors = refused(world, EVENTS, body)
    assert errors["reference"] == ["Not a valid string."]
    assert "confirm" in errors  # (what was confirmed did not read: the jump is named unconfirmed)
    assert errors["new_rank"][0].startswith("III/d is 2 ranks above III/b, held since 2014-04-01")


def test_an_appointments_birth_date_against_the_nip_is_named_with_an_unknown_education(world: World) -> None:
    nip = f.nip(sequence=702)
    body = {"nip": nip, **f.appointment(), "birth_date": "1986-09-27", "education": "S-9"}
    errors = refused(world, "/api/v1/employees", body)
    assert errors["education"] == [
        "Unknown code 'S-9'; see the education reference table (GET /api/v1/reference/education)."
    ]
    assert errors["birth_date"] == [OTHER_BIRTH.reason(day="1986-09-27", birth="1986-09-26")]


def test_a_record_outside_the_scope_is_not_found_whatever_its_cells_and_a_kind_that_did_not_read_named_alone(
    world: World,
) -> None:
    body = {"kind": "training", **f.training("2001-05-10"), "hours": "delapan"}
    before = world.log()
    outside = world.post(EVENTS, "hr_karo", json=body)
    missing = world.post(EVENTS.replace(BUDI, MISSING), "hr_karo", json=body)
    assert (outside.status_code, missing.status_code) == (404, 404)
    assert outside.get_json()["detail"] == missing.get_json()["detail"].replace(MISSING, BUDI)
    assert world.log() == before
    unknown = refused(world, EVENTS, {**body, "kind": "trainin"})
    assert list(unknown) == ["kind"]


def test_a_write_whose_fields_all_read_is_answered_as_before(world: World) -> None:
    body = {"kind": "training", **f.training("2001-05-10")}
    errors = refused(world, EVENTS, body)
    assert errors == {"effective_date": [BEFORE_APPOINTMENT.reason(day="2001-05-10", tmt="2010-03-01")]}
    assert world.post(EVENTS, "hr", json={"kind": "training", **f.training("2020-05-10")}).status_code == 201
