"""What the schemathesis run found, each kept as a fixed example: a 4xx naming the field, never a 5xx."""

from __future__ import annotations

import io
import time

from tests.functional.conftest import World


def test_waiting_for_a_position_no_write_has_been_given_is_422_at_once(world: World) -> None:
    head = world.services.ledger.max_notification_id()
    started = time.monotonic()
    response = world.get(f"/api/v1/employees?wait_for={head + 1}")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"wait_for"}
    assert time.monotonic() - started < 2.0
    assert world.get(f"/api/v1/employees?wait_for={head}").status_code == 200


def test_rating_a_unit_of_an_unknown_agency_is_422_naming_the_agency(world: World) -> None:
    before = world.log()
    body = {"effective_date": "2000-01-01", "predicate": "BAIK", "reference": "5", "year": 2000}
    response = world.post("/api/v1/units/NO-SUCH-AGENCY/Umum/ratings", json=body)
    assert response.status_code == 422
    assert "Unknown code" in response.get_json()["errors"]["agency"][0]
    assert world.log() == before


def test_a_csv_import_that_is_not_utf8_is_reported_by_line_not_a_500(world: World) -> None:
    before = world.log()
    data = {"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00binary"), "training.csv")}
    response = world.post("/api/v1/imports", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    report = response.get_json()
    assert (report["recorded"], len(report["rejected"])) == (0, 1)
    assert "Not UTF-8 text" in report["rejected"][0]["errors"]["line"][0]
    assert world.log() == before
