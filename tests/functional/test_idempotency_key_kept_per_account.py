"""An idempotency key (the API's Idempotency-Key, an import's client_key) is one request's of the account sending it:
sent by that account for another record it is refused naming the key (409), but another account's use of the same
key is neither told nor refuses anything. Until 2026-12-07 keys were shared by every account: HR of KAB-KARO, sending
for its own employee a key made of a KOTA-MEDAN employee's NIP (as `latsar-<NIP>`), learned from the 409 (or a dry
run's refused row) that KOTA-MEDAN had recorded something under it, and could not record under a key another agency
had used. Both stores."""

from __future__ import annotations

import io
from typing import Any

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World

KEY = f"skp-2026-{BUDI}"
ELSEWHERE = f"Key '{KEY}' was already used for another request, in another record: a new fact needs a new key."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def training(reference: str) -> dict[str, Any]:
    return {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08", reference=reference)}


def by_api(world: World, who: str, nip: str, body: dict[str, Any]) -> tuple[int, Any]:
    answer = world.post(f"/api/v1/employees/{nip}/events", who, json=body, headers={"Idempotency-Key": KEY})
    return answer.status_code, answer.get_json()


def dry_run(world: World, who: str, row: dict[str, Any]) -> dict[str, Any]:
    data = {"file": (io.BytesIO(orjson.dumps(row) + b"\n"), "rows.jsonl")}
    answer = world.post("/api/v1/imports?dry_run=true", who, data=data, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def test_another_agencys_key_is_not_told_to_a_dry_run_import(world: World) -> None:
    assert by_api(world, "hr", BUDI, training("PA-1"))[0] == 201
    before = world.log()
    report = dry_run(world, "hr_karo", {"nip": RINA, "client_key": KEY, **training("PA-2")})
    assert (report["recorded"], report["rejected"]) == (1, [])  # (as a key never used: "would be recorded")
    assert world.log() == before


def test_another_agencys_key_neither_refuses_nor_is_refused_by_a_write(world: World) -> None:
    assert by_api(world, "hr", BUDI, training("PA-1"))[0] == 201
    code, answer = by_api(world, "hr_karo", RINA, training("PA-2"))
    assert code == 201, answer
    assert by_api(world, "hr_karo", RINA, training("PA-2"))[0] == 200  # (its own request sent again: replayed)
    assert by_api(world, "hr", BUDI, training("PA-1"))[0] == 200
    before = world.log()
    code, problem = by_api(world, "hr", SARI, training("PA-3"))  # (the account's own key, for another record)
    assert (code, problem.get("errors")) == (409, {"Idempotency-Key": [ELSEWHERE]})
    assert world.log() == before
