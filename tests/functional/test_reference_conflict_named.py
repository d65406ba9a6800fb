"""A reference recorded before with other values is a conflict (409 in the API, the record page refuses it): the
answer names the field at fault, `reference`, as the import's report does, so the page shows it beside the
reference an HR administrator typed and an API client finds it under errors; nothing recorded changes."""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", reference="CERT-CONFLICT")}
SAID = "Reference 'CERT-CONFLICT' was already recorded as version"


def test_the_api_names_the_reference_of_a_conflict(world: World) -> None:
    world.post(EVENTS, "hr", json=TRAINING)
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**TRAINING, "hours": 4})
    assert answer.status_code == 409
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(SAID)
    assert world.log() == before


def test_the_record_page_shows_the_conflict_beside_the_reference(world: World) -> None:
    world.post(EVENTS, "hr", json=TRAINING)
    before = world.log()
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/record?kind=training&lang=en")
    form = {"csrf_token": token, "nip": BUDI, **{k: str(v) for k, v in TRAINING.items()}, "hours": "4"}
    answer = world.client.post("/pages/record?kind=training&lang=en", data=form)
    assert answer.status_code == 422
    beside = re.search(r'<span class="error" id="reference-error">(.*?)</span>', answer.get_data(as_text=True))
    assert beside is not None
    assert html.unescape(beside.group(1)).startswith(SAID)
    assert world.log() == before


TYPED = {
    "en": "Reference 'cert-conflict' (written 'CERT-CONFLICT' in the record) was already recorded as version",
    "id": "Nomor 'cert-conflict' (tertulis 'CERT-CONFLICT' dalam riwayat) sudah tercatat sebagai versi",
}


def test_a_certificate_typed_otherwise_names_the_one_typed_beside_the_one_recorded(world: World) -> None:
    """A training sent again under its certificate written in another letter case or spacing, with other values,
    was refused naming the recorded certificate alone ("Reference 'CERT-CONFLICT' was already recorded ..."), never
    the one typed; it names both, in the API, the import's report and the record page (in Indonesian too)."""
    version = world.post(EVENTS, "hr", json=TRAINING).get_json()["version"]
    before = world.log()
    again = {**TRAINING, "hours": 4, "reference": "cert-conflict"}
    answer = world.post(EVENTS, "hr", json=again)
    assert answer.status_code == 409
    assert answer.get_json()["errors"]["reference"] == [
        f"{TYPED['en']} {version} with different values (hours): if this is another event, give it its own reference "
        f"number; if version {version} was wrong, record a correction of version {version}."
    ]
    row = {k: v for k, v in again.items() if k != "kind"}
    report = imported_jsonl(world, {"kind": "training", "nip": BUDI, **row})
    [refused] = report["rejected"]
    assert refused["errors"]["reference"][0].startswith(f"{TYPED['en']} {version} ")
    log_in(world, "hr")
    for lang in ("en", "id"):
        token = csrf_token(world.client, f"/pages/record?kind=training&lang={lang}")
        form = {"csrf_token": token, "nip": BUDI, **{k: str(v) for k, v in again.items()}}
        page = world.client.post(f"/pages/record?kind=training&lang={lang}", data=form)
        assert page.status_code == 422
        beside = re.search(r'<span class="error" id="reference-error">(.*?)</span>', page.get_data(as_text=True))
        assert beside is not None
        assert html.unescape(beside.group(1)).startswith(f"{TYPED[lang]} {version} "), beside.group(1)
    assert world.log() == before


def imported_jsonl(world: World, row: dict[str, object]) -> dict[str, Any]:
    upload = {"file": (io.BytesIO(json.dumps(row).encode() + b"\n"), "again.jsonl")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report: dict[str, Any] = answer.get_json()
    return report


CORRECTED = {
    "en": "Reference '800/1' (corrected to '800/2' in the record) was already recorded as version",
    "id": "Nomor '800/1' (dikoreksi menjadi '800/2' dalam riwayat) sudah tercatat sebagai versi",
}


def test_a_reference_sent_again_as_typed_before_its_correction_names_both(world: World) -> None:
    """A training recorded as 800/1, its reference corrected to 800/2 since, sent again as 800/1 with other values:
    the refusal names the one typed and the one the record holds now (REFERENCE_CORRECTED), in English and in
    Indonesian. Until 2026-12-06 it named '800/2' alone, which the writer never typed."""
    first = {**TRAINING, "reference": "800/1"}
    version = world.post(EVENTS, "hr", json=first).get_json()["version"]
    world.services.ledger.record(BUDI, "correction", f.correction(version, "2026-01-05", reference="800/2"), actor="t")
    before = world.log()
    again = {**first, "hours": 4}
    answer = world.post(EVENTS, "hr", json=again)
    assert answer.status_code == 409, answer.get_json()
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(f"{CORRECTED['en']} {version} "), reason
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/record?kind=training&lang=id")
    form = {"csrf_token": token, "nip": BUDI, **{k: str(v) for k, v in again.items()}}
    page = world.client.post("/pages/record?kind=training&lang=id", data=form)
    assert page.status_code == 422
    beside = re.search(r'<span class="error" id="reference-error">(.*?)</span>', page.get_data(as_text=True))
    assert beside is not None
    assert html.unescape(beside.group(1)).startswith(f"{CORRECTED['id']} {version} "), beside.group(1)
    assert world.log() == before
