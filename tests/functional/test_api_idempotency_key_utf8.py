"""An `Idempotency-Key` holding characters beyond ASCII, sent as UTF-8 (`k\u00e9y`), was stored as WSGI gives a
header's bytes, one latin-1 character per byte (`k\u00c3\u00a9y`): the history showed another key than the one
sent, the 409 of a key used again quoted it so, and the same key written with `careerlog record --client-key` or an
import row's `client_key` was another key. It is read as UTF-8, as the query and the path are; bytes that are not
UTF-8 are refused naming the header, and nothing is recorded."""

from __future__ import annotations

from typing import Any

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
KEY = "pelatihan-k\u00e9y-\u00fc"


def as_sent(key: str) -> str:
    """A header's value as a server gives it to the app when the client sends `key` as UTF-8 (PEP 3333)."""
    return key.encode().decode("latin-1")


def training(reference: str, hours: int = 16) -> dict[str, Any]:
    return {"kind": "training", **f.training("2024-05-10", hours=hours, start="2024-05-08"), "reference": reference}


def test_a_utf8_key_is_stored_as_sent(world: World) -> None:
    answer = world.post(EVENTS, "hr", json=training("R-KEY-1"), headers={"Idempotency-Key": as_sent(KEY)})
    assert answer.status_code == 201, answer.get_json()
    version = answer.get_json()["version"]
    [event] = [e for e in world.get(f"{EVENTS}").get_json()["items"] if e["version"] == version]
    assert event["client_key"] == KEY
    again = world.post(EVENTS, "hr", json=training("R-KEY-1", hours=15), headers={"Idempotency-Key": as_sent(KEY)})
    assert again.status_code == 409
    assert f"Key '{KEY}' was already used" in again.get_json()["errors"]["Idempotency-Key"][0]


def test_a_key_recorded_on_the_command_line_is_the_same_key_sent_to_the_api(world: World) -> None:
    payload = {k: v for k, v in training("R-KEY-2").items() if k != "kind"}
    world.services.ledger.record(BUDI, "training", payload, actor="cli", client_key=KEY)
    answer = world.post(EVENTS, "hr", json=training("R-KEY-2", hours=15), headers={"Idempotency-Key": as_sent(KEY)})
    assert answer.status_code == 409, answer.get_json()
    assert "Idempotency-Key" in answer.get_json()["errors"]


def test_a_key_of_bytes_that_are_not_utf8_is_refused_naming_the_header(world: World) -> None:
    before = world.log()
    answer = world.post(EVENTS, "hr", json=training("R-KEY-3"), headers={"Idempotency-Key": "k\u00e9y"})  # (0xE9)
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {
        "Idempotency-Key": [
            "Not valid UTF-8: a header's text is sent as UTF-8 bytes (an ASCII key, such as a UUID, is safest); "
            "these bytes are no character."
        ]
    }
    assert world.log() == before
