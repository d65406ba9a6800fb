"""Employees through the API: appoint, record, read back, with idempotency and waiting for writes."""

from __future__ import annotations

from datetime import date

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World, appointment_of

NEW = f.nip(date(1995, 5, 17), date(2024, 2, 1), "F", sequence=711)
EVENTS = f"/api/v1/employees/{BUDI}/events"


def test_appointing_answers_201_with_location_and_the_position_to_wait_for(world: World) -> None:
    response = world.post("/api/v1/employees", "hr", json={"nip": NEW, **appointment_of(NEW)})
    assert response.status_code == 201
    body = response.get_json()
    assert body["subject"] == NEW
    assert body["version"] == 1
    assert body["created"] is True
    assert response.headers["Location"] == f"/api/v1/employees/{NEW}"
    shown = world.get(f"/api/v1/employees/{NEW}?wait_for={body['position']}", "hr")
    assert shown.status_code == 200
    assert shown.get_json()["rank"] == "III/a"


def test_a_read_waits_for_the_writers_position_and_sees_the_write(world: World) -> None:
    written = world.post(EVENTS, "hr", json={"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01")})
    assert written.status_code == 201
    position = written.get_json()["position"]
    shown = world.get(f"/api/v1/employees/{BUDI}?wait_for={position}", "hr")
    assert shown.get_json()["rank"] == "III/c"


def test_waiting_for_a_position_the_views_never_reach_is_503(world: World) -> None:
    services = world.app.extensions["careerlog"]
    services.wait_timeout = 0.2
    services.lease.stop()  # nobody keeps the views current now
    services.ledger.record(BUDI, "training", f.training("2016-01-08"), actor="test")
    response = world.get(f"/api/v1/employees/{BUDI}?wait_for={services.ledger.max_notification_id()}")
    assert response.status_code == 503
    # (the views did not move while it waited: nothing follows the log, said so: test_wait_for_with_nothing_following)
    assert response.headers["Retry-After"] == "30"
    assert response.mimetype == "application/problem+json"


def test_the_same_idempotency_key_and_body_answer_as_the_first_time(world: World) -> None:
    body = {"kind": "training", **f.training("2016-01-08", hours=16, start="2016-01-07")}
    first = world.post(EVENTS, "hr", json=body, headers={"Idempotency-Key": "train-1"})
    again = world.post(EVENTS, "hr", json=body, headers={"Idempotency-Key": "train-1"})
    assert first.status_code == 201
    assert again.status_code == 200
    for name in ("subject", "version", "kind", "recorded_at"):
        assert again.get_json()[name] == first.get_json()[name]
    assert again.get_json()["created"] is False


def test_the_same_idempotency_key_with_another_body_is_409_and_records_nothing(world: World) -> None:
    body = {"kind": "training", **f.training("2016-01-08", hours=16, start="2016-01-07")}
    world.post(EVENTS, "hr", json=body, headers={"Idempotency-Key": "train-2"})
    before = world.log()
    changed = world.post(EVENTS, "hr", json={**body, "hours": 20}, headers={"Idempotency-Key": "train-2"})
    assert changed.status_code == 409
    assert changed.get_json()["type"].endswith("idempotency-conflict")
    assert world.log() == before


def test_history_lists_every_event_with_recorded_times_and_corrections(world: World) -> None:
    world.post(
        EVENTS,
        "hr",
        json={
            "kind": "correction",
            **f.correction(2, "2015-01-01", new_rank="III/c"),
            "confirm": ["promotion.one_step"],
        },
    )
    items = world.get(EVENTS, "hr").get_json()["items"]
    assert [i["kind"] for i in items] == ["appointment", "rank_promotion", "correction"]
    assert items[2]["target_version"] == 2
    assert items[2]["corrected_fields"] == {"new_rank": "III/c"}
    assert all(i["recorded_at"] and i["recorded_by"] for i in items)
    assert items[2]["recorded_by"] == "hr"


def test_timeline_answers_as_of_a_date_and_as_known_at_a_moment(world: World) -> None:
    before_promotion = world.get(f"/api/v1/employees/{BUDI}/timeline?as_of=2012-01-01").get_json()
    assert [i["kind"] for i in before_promotion["items"]] == ["appointment"]
    history = world.get(EVENTS).get_json()["items"]
    known = history[0]["recorded_at"]
    then = world.get(f"/api/v1/employees/{BUDI}/timeline", query_string={"known_at": known}).get_json()
    assert [i["kind"] for i in then["items"]] == ["appointment"]


def test_roster_filters_sorts_and_paginates(world: World) -> None:
    page = world.get("/api/v1/employees?sort=-name&per_page=2").get_json()
    assert [i["nip"] for i in page["items"]] == [SARI, RINA]
    assert page["total"] == 3
    assert page["per_page"] == 2
    second = world.get("/api/v1/employees?sort=-name&per_page=2&page=2").get_json()
    assert [i["nip"] for i in second["items"]] == [BUDI]
    karo = world.get("/api/v1/employees?agency=KAB-KARO").get_json()
    assert [i["nip"] for i in karo["items"]] == [RINA]
    found = world.get("/api/v1/employees?q=sari").get_json()
    assert [i["nip"] for i in found["items"]] == [SARI]


def test_a_domain_refusal_is_422_with_the_reason_per_field_and_records_nothing(world: World) -> None:
    before = world.log()
    response = world.post(EVENTS, "hr", json={"kind": "rank_promotion", **f.promotion("II/a", "2016-04-01")})
    assert response.status_code == 422
    assert "new_rank" in response.get_json()["errors"]
    assert world.log() == before


def test_unknown_and_system_fields_are_rejected_by_name(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01"), "colour": "red", "version": 9}
    errors = world.post(EVENTS, "hr", json=body).get_json()["errors"]
    assert errors == {"colour": ["Unknown field."], "version": ["Unknown field."]}


def test_an_unknown_kind_is_422_naming_the_kinds(world: World) -> None:
    errors = world.post(EVENTS, "hr", json={"kind": "promotion"}).get_json()["errors"]
    assert "rank_promotion" in errors["kind"][0]


def test_codes_are_accepted_in_any_spelling_the_reference_tables_accept(world: World) -> None:
    response = world.post(
        "/api/v1/employees", json={"nip": NEW, **appointment_of(NEW), "sex": "P", "agency": "kota-medan"}
    )
    assert response.status_code == 201
    history = world.get(f"/api/v1/employees/{NEW}/events").get_json()["items"]
    assert history[0]["sex"] == "F"
    assert history[0]["agency"] == "KOTA-MEDAN"


def test_a_unit_rating_is_recorded_for_the_unit(world: World) -> None:
    response = world.post("/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", "hr", json=f.rating(2024))
    assert response.status_code == 201
    assert response.get_json()["subject"] == "UNIT:KOTA-MEDAN:BKPSDM"
