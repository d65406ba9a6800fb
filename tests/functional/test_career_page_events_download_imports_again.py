"""The career page offers HR (who may record) the employee's facts in the import format (JSON Lines,
/pages/employees/<NIP>/events.jsonl: web.pages.career.events_jsonl), which imported again records nothing and refuses
nothing, every row already recorded; the career record's CSV, for people, imported with no kind chosen is refused in
a few words pointing to it. Found by an HR tester: until 2026-12-06 the pages offered no download of one employee that
imported again, and riwayat-karier-NIP.csv was refused with a paragraph on making it a file of corrections."""

from __future__ import annotations

import html
import io

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
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


KEYED = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": "R-KEYED-1"}


def keyed_and_retracted(world: World) -> tuple[int, int]:
    """A training recorded under a client key (as the record form gives one) and retracted: its version, the
    retraction's."""
    events = f"/api/v1/employees/{BUDI}/events"
    recorded = world.post(events, "hr", json=KEYED, headers={"Idempotency-Key": "61befdc2-key"})
    assert recorded.status_code == 201, recorded.get_json()
    version: int = recorded.get_json()["version"]
    retraction = world.post(events, "hr", json={"kind": "retraction", **f.retraction(version, "2024-06-01")})
    assert retraction.status_code == 201, retraction.get_json()
    return version, retraction.get_json()["version"]


def test_a_retracted_fact_recorded_under_a_key_imports_again_as_already_recorded(world: World) -> None:
    """Found by an HR tester: until 2026-12-06 the download's row of a retracted fact recorded under a client key (by
    the record form) was refused as its key sent again ("to record the fact anew, send it under a new key"), though
    the row is the fact as recorded and the file gives its retraction too."""
    keyed_and_retracted(world)
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}/events.jsonl")
    rows = [orjson.loads(line) for line in answer.get_data().splitlines()]
    assert any(row.get("client_key") == "61befdc2-key" for row in rows), rows
    before = world.log()
    upload = {"file": (io.BytesIO(answer.get_data()), f"events-{BUDI}.jsonl")}
    body = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert (body["recorded"], body["already_recorded"], body["rejected"]) == (0, len(rows), []), body
    assert world.log() == before


def import_page(world: World, *rows: dict[str, object]) -> str:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=id")
    body = b"".join(orjson.dumps({**row, "nip": BUDI}) + b"\n" for row in rows)
    upload = {"csrf_token": token, "file": (io.BytesIO(body), "fakta.jsonl")}
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    return " ".join(html.unescape(answer.get_data(as_text=True)).split())


def test_another_fact_under_a_retracted_facts_key_is_refused_naming_the_key_in_words(world: World) -> None:
    """Only another fact under a retracted fact's key is refused: named by the key's label, told that the key's fact
    was retracted and that a new fact needs a new key (until 2026-12-06 beside `client_key`, advising to send "the
    fact" anew under a new key, which led HR to record the retracted fact again)."""
    version, retraction = keyed_and_retracted(world)
    before = world.log()
    page = import_page(world, {**KEYED, "hours": 20, "client_key": "61befdc2-key"})
    assert (
        "Kunci klien (client_key): Kunci '61befdc2-key' sudah dipakai untuk Pelatihan yang tercatat sebagai versi "
        f"{version} dengan nilai yang berbeda (hours), yang dibatalkan oleh versi {retraction}: fakta baru memerlukan "
        "kunci baru."
    ) in page
    assert world.log() == before


def test_a_retracted_facts_row_without_its_retraction_is_refused_as_retracted(world: World) -> None:
    """The retracted fact's own row, its retraction not in the file: refused as a file run again, advising to remove
    it while it stays retracted (not to send it under a new key)."""
    version, retraction = keyed_and_retracted(world)
    before = world.log()
    page = import_page(world, {**KEYED, "client_key": "61befdc2-key"})
    assert (
        "Kunci klien (client_key): Kunci '61befdc2-key' sudah dipakai untuk Pelatihan yang tercatat dengan nilai-nilai "
        f"ini sebagai versi {version}, yang dibatalkan oleh versi {retraction}: berkas yang diimpor lagi tidak "
        "mencatatnya lagi. Jika tetap dibatalkan, hapus baris ini dari berkas; fakta baru memerlukan client_key baru."
    ) in page
    assert world.log() == before
