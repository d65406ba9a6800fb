"""A problem's `errors` names the field (or header) at fault on every status that names one, as the OpenAPI
document's Problem schema now says: it said "Invalid input (422)" alone, so a client built from the document
looked for `errors` on a 422 only and missed the field a 400, 403, 406, 409 or 415 names."""

from __future__ import annotations

from datetime import date

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

EVENTS = f"/api/v1/employees/{BUDI}/events"


def test_the_problem_schema_says_which_statuses_name_a_field(shared_world: World) -> None:
    schema = shared_world.get("/api/openapi.json").get_json()["components"]["schemas"]["Problem"]
    described = schema["properties"]["errors"]["description"]
    assert all(f"({status}" in described for status in (422, 400, 415, 406, 403, 409)), described


def test_each_status_the_schema_names_carries_the_field_at_fault(world: World) -> None:
    training = {"kind": "training", **f.training("2020-05-10", reference="T-1")}
    assert world.post(EVENTS, "hr", json=training).status_code == 201
    outside = {"nip": f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=772)}
    outside.update(appointment_of(outside["nip"], agency="KAB-KARO", region="12.06"))
    answers = {
        400: world.post(EVENTS, "hr", data="{", content_type="application/json"),
        415: world.post(EVENTS, "hr", data="x", content_type="text/plain"),
        406: world.get(EVENTS, "hr", headers={"Accept": "application/xml"}),
        403: world.post("/api/v1/employees", "hr", json=outside),
        409: world.post(EVENTS, "hr", json={**training, "hours": 9}),
        422: world.post(EVENTS, "hr", json={**training, "hours": "many"}),
    }
    named = {status: (answer.status_code, sorted(answer.get_json()["errors"])) for status, answer in answers.items()}
    assert named == {
        400: (400, ["body"]),
        415: (415, ["Content-Type"]),
        406: (406, ["Accept"]),
        403: (403, ["agency"]),
        409: (409, ["reference"]),
        422: (422, ["hours"]),
    }
