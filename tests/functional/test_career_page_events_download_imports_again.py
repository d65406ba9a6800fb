"""The career page offers HR (who may record) the employee's facts in the import format (JSON Lines,
/pages/employees/<NIP>/events.jsonl: web.pages.career.events_jsonl), which imported again records nothing and refuses
nothing, every row already recorded; the career record's CSV, for people, imported with no kind chosen is refused in
a few words pointing to it. Found by an HR tester: until 2026-12-06 the pages offered no download of one employee that
imported again, and riwayat-karier-NIP.csv was refused with a paragraph on making it a file of corrections."""

from __future__ import annotations

import io

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_career import corrected_and_trained


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_the_facts_downloaded_import_again_as_already_recorded(world: World) -> None:
    corrected_and_trained(world)  # (a correction confirming a rank jump, a retraction)
    world.services.ledger.record(BUDI, "training", f.training("2024-05-10", cost="350000.00"), actor="test")
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert f"/pages/employees/{BUDI}/events.jsonl" in page, page
    answer = world.client.get(f"/pages/employees/{BUDI}/events.jsonl")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.headers["Content-Disposition"] == f'attachment; filename="events-{BUDI}.jsonl"'
    rows = [orjson.loads(line) for line in answer.get_data().splitlines()]
    assert {"correction", "retraction", "training"} <= {row["kind"] for row in rows}, rows
    assert not any("recorded_at" in row or "version" in row for row in rows), rows
    before = world.log()
    upload = {"file": (io.BytesIO(answer.get_data()), f"events-{BUDI}.jsonl")}
    body = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert (body["recorded"], body["already_recorded"], body["rejected"]) == (0, len(rows), []), body
    assert world.log() == before


def test_a_reader_who_may_not_record_is_not_offered_it(world: World) -> None:
    log_in(world, "inspector")
    assert world.client.get(f"/pages/employees/{BUDI}/events.jsonl").status_code == 403
