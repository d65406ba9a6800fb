"""Every operation taking a body documents the errors its body may be answered with, and answers them as
problem+json naming the reason: 413 for a body over the limit, and for a JSON body 400 (no JSON) and 415 (not
labelled JSON). Before, the OpenAPI document listed none of them (a client generated from it met undocumented
statuses, left to `default`), though docs/api.md's table of errors lists each."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import World
from tests.functional.openapi_walk import filled

WRITES = {
    "POST /api/v1/employees": "json",
    "POST /api/v1/employees/{nip}/events": "json",
    "POST /api/v1/units/{agency}/{unit}/ratings": "json",
    "POST /api/v1/units/{agency}/{unit}/events": "json",
    "POST /api/v1/imports": "multipart/form-data",
}


def bodies(spec: dict[str, Any]) -> dict[str, Any]:
    """Each operation with a request body, and its documented responses."""
    return {
        f"{method.upper()} {path}": operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "requestBody" in operation
    }


def test_every_operation_taking_a_body_documents_its_bodys_errors(shared_world: World) -> None:
    spec = shared_world.get("/api/openapi.json").get_json()
    found = bodies(spec)
    assert {name: next(iter(op["requestBody"]["content"])) for name, op in found.items()} == {
        name: "application/json" if kind == "json" else kind for name, kind in WRITES.items()
    }
    for name, operation in found.items():
        expected = {"400", "413", "415"} if WRITES[name] == "json" else {"413"}
        assert expected <= set(operation["responses"]), name
        assert not ({"400", "415"} - expected) & set(operation["responses"]), name  # (an upload: neither)


def test_each_documented_body_error_is_answered_as_a_problem(shared_world: World) -> None:
    app = shared_world.app
    for name, kind in WRITES.items():
        method, path = name.split(" ")
        url = filled(path).replace("{agency}", "KOTA-MEDAN").replace("{unit}", "BKPSDM")
        if kind == "json":
            broken = shared_world.call(method, url, data="{", content_type="application/json")
            plain = shared_world.call(method, url, data="kind=training", content_type="text/plain")
            assert (broken.status_code, plain.status_code) == (400, 415), name
            assert broken.get_json()["errors"]["body"][0].startswith("Not valid JSON"), name
            assert plain.get_json()["errors"]["Content-Type"] == [
                "Send the body as application/json, not text/plain."
            ], name
        limit = app.config["MAX_CONTENT_LENGTH"]
        app.config["MAX_CONTENT_LENGTH"] = 64
        try:
            large = shared_world.call(
                method, url, data="x" * 65, content_type=kind if "/" in kind else "application/json"
            )
        finally:
            app.config["MAX_CONTENT_LENGTH"] = limit
        assert large.status_code == 413, name
        assert large.mimetype == "application/problem+json", name
        assert large.get_json()["detail"] == "The request body is larger than the limit of 64 bytes.", name
