"""Input that is there but says nothing (a key of spaces) is refused, naming it, and records nothing."""

from __future__ import annotations

import io
import json

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.mark.parametrize("key", [" ", "   ", "\t", " \t "])
def test_an_idempotency_key_of_spaces_is_422_naming_it(world: World, key: str) -> None:
    before = world.log()
    body = {"kind": "training", **f.training("2016-01-08", reference="KEY-SPACES")}
    response = world.post(EVENTS, json=body, headers={"Idempotency-Key": key})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "spaces" in response.get_json()["errors"]["Idempotency-Key"][0]
    assert world.log() == before


def test_an_idempotency_key_with_spaces_inside_is_a_key(world: World) -> None:
    body = {"kind": "training", **f.training("2016-01-08", reference="KEY-INSIDE")}
    response = world.post(EVENTS, json=body, headers={"Idempotency-Key": "latsar 2016"})
    assert response.status_code == 201


def test_an_imported_row_with_a_client_key_of_spaces_is_rejected_naming_it(world: World) -> None:
    before = world.log()
    row = {"kind": "training", "nip": BUDI, "client_key": "   ", **f.training("2016-01-08", reference="KEY-ROW")}
    data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "events.jsonl")}
    response = world.post("/api/v1/imports", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    report = response.get_json()
    assert (report["recorded"], [list(p["errors"]) for p in report["rejected"]]) == (0, [["client_key"]])
    assert "spaces" in report["rejected"][0]["errors"]["client_key"][0]
    assert world.log() == before


@pytest.mark.parametrize(
    ("name", "content"),
    [("events.jsonl", b""), ("events.jsonl", b"\n \n"), ("training.csv", b""), ("training.csv", b"nip,title\n")],
)
def test_an_upload_that_holds_no_rows_is_422_naming_the_file(world: World, name: str, content: bytes) -> None:
    before = world.log()
    for query in ("", "?dry_run=true"):
        data = {"file": (io.BytesIO(content), name)}
        response = world.post(f"/api/v1/imports{query}", data=data, content_type="multipart/form-data")
        assert response.status_code == 422
        assert response.mimetype == "application/problem+json"
        assert "holds no rows" in response.get_json()["errors"]["file"][0]
    assert world.log() == before


def test_an_import_page_upload_that_holds_no_rows_says_so_with_422(world: World) -> None:
    before = world.log()
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(b"\n"), "events.jsonl")}
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "holds no rows" in answer.get_data(as_text=True)
    assert "Import report" not in answer.get_data(as_text=True)
    assert world.log() == before


def test_every_operation_documents_the_401_a_missing_token_gets(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()
    operations = [(m, p, op) for p, ops in spec["paths"].items() for m, op in ops.items() if m in ("get", "post")]
    assert operations
    for method, path, operation in operations:
        assert "401" in operation["responses"], (method, path)
        response = world.call(method.upper(), path.replace("{", "").replace("}", ""), who=None)
        assert response.status_code == 401, (method, path)
        assert response.mimetype == "application/problem+json"
