"""A JSON body naming a field twice (`{"hours": 8, ..., "hours": 80}`, a client's template merged with its values) is
a 422 naming it, "Given more than once: give it once.", as a query parameter or a form field given twice is, and
nothing is recorded. Before, the last value was recorded and the other dropped without a word (json.loads keeps the
last). Both stores."""

from __future__ import annotations

import json

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
TWICE = "Given more than once: give it once."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def twice(body: dict[str, object], name: str, value: object, inside: str | None = None) -> str:
    """The body as JSON with `name` given once more, after the rest (in `inside`, an object of the body, if named)."""
    text = json.dumps(body)
    if inside is None:
        return f"{text[:-1]}, {json.dumps(name)}: {json.dumps(value)}}}"
    inner = json.dumps(body[inside])
    return text.replace(inner, f"{inner[:-1]}, {json.dumps(name)}: {json.dumps(value)}}}")


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (twice({"kind": "training", **f.training("2024-05-03", hours=8)}, "hours", 80), "hours"),
        (twice({"kind": "training", **f.training("2024-05-03")}, "kind", "award"), "kind"),
        (
            twice(
                {"kind": "correction", **f.correction(2, "2024-06-01", new_rank="III/c")},
                "new_rank",
                "III/b",
                "corrected_fields",
            ),
            "corrected_fields.new_rank",
        ),
    ],
    ids=["a_field", "kind", "a_corrected_field"],
)
def test_a_name_given_twice_is_a_422_naming_it(world: World, raw: str, named: str) -> None:
    before = world.log()
    answer = world.post(EVENTS, data=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.get_json()["errors"] == {named: [TWICE]}
    assert world.log() == before


def test_a_name_given_twice_in_an_object_within_a_list_is_named_by_its_full_path(world: World) -> None:
    # as an import names it (test_import_json_name_given_twice): careerlog.jsontext.given_twice for both
    raw = json.dumps({"kind": "training", **f.training("2024-05-03"), "confirm": []})
    raw = raw.replace('"confirm": []', '"confirm": [{"a": 1, "a": 2}]')
    before = world.log()
    answer = world.post(EVENTS, data=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.get_json()["errors"] == {"confirm.0.a": [TWICE]}
    assert world.log() == before


def test_an_appointment_naming_a_field_twice_is_a_422(world: World) -> None:
    nip = f.nip(sequence=743)
    raw = twice({"nip": nip, **f.appointment()}, "nip", nip)
    answer = world.post("/api/v1/employees", data=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.get_json()["errors"] == {"nip": [TWICE]}


def test_outside_the_scope_it_is_the_404_of_a_record_never_appointed(world: World) -> None:
    raw = twice({"kind": "training", **f.training("2024-05-03")}, "hours", 80)
    answer = world.post(EVENTS, "hr_karo", data=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 404, answer.get_data(as_text=True)
