"""An appointment's answer names the record it began in its Location header, as the OpenAPI document now says on
its 201 and its 200 (sent again): before, the header was sent but not documented, so a client generated from the
document did not know to read it."""

from __future__ import annotations

from datetime import date

from tests import factories as f
from tests.functional.conftest import World, appointment_of

NEW = f.nip(date(1995, 5, 17), date(2024, 2, 1), "F", sequence=771)


def test_the_appointments_location_is_documented_on_its_201_and_200(shared_world: World) -> None:
    responses = shared_world.get("/api/openapi.json").get_json()["paths"]["/api/v1/employees"]["post"]["responses"]
    assert [sorted(responses[status].get("headers", {})) for status in ("201", "200")] == [["Location"], ["Location"]]


def test_the_appointments_location_is_the_records_path_the_first_time_and_again(world: World) -> None:
    body = {"nip": NEW, **appointment_of(NEW, name="Nur Aisyah")}
    first = world.post("/api/v1/employees", "hr", json=body, headers={"Idempotency-Key": "appoint-771"})
    again = world.post("/api/v1/employees", "hr", json=body, headers={"Idempotency-Key": "appoint-771"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.headers["Location"] == again.headers["Location"] == f"/api/v1/employees/{NEW}"
    read = world.get(f"{first.headers['Location']}?wait_for={first.get_json()['position']}", "hr")
    assert (read.status_code, read.get_json()["nip"]) == (200, NEW)
