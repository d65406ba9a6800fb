"""An appointment (POST /api/v1/employees) placing the employee outside the caller's scope is refused with the
scope's 403, naming the field that places them, whatever else its body gets wrong: the scope is judged before the
input (docs/api.md, "The order of the checks"). Before, a body with a field the schema refused (a birth date not
written YYYY-MM-DD) answered the 422 of that field, and the same body within the scope answers it still."""

from __future__ import annotations

from tests.functional.conftest import World, appointment_of

NEW = "199001012015031001"


def test_an_appointment_outside_the_scope_with_a_bad_field_is_the_scopes_403(world: World) -> None:
    sound = {"nip": NEW, **appointment_of(NEW)}
    body = {**sound, "birth_date": "01/01/1990"}
    assert body["agency"] == "KOTA-MEDAN"
    outside = world.post("/api/v1/employees", "hr_karo", json=body)
    assert outside.status_code == 403, outside.get_json()
    assert outside.get_json()["errors"] == {"agency": ["You may appoint only within your scope (agency KAB-KARO)."]}
    # the same answer as the appointment sent well
    assert outside.get_json() == world.post("/api/v1/employees", "hr_karo", json=sound).get_json()
    within = world.post("/api/v1/employees", "hr", json=body)
    assert within.status_code == 422, within.get_json()
    assert "birth_date" in within.get_json()["errors"]
    assert world.get(f"/api/v1/employees/{NEW}", "admin").status_code == 404
