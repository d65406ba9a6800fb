"""The OpenAPI document is written when it is first read, not by every app made.

Writing it (flask-smorest deep-copies each view's documentation, apispec resolves every schema) was about 60% of
create_app's CPU (95 -> 48 ms), paid by each app made, each functional test's and each server worker's, though few
of them serve the document. Written when read, it is the same document, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from apispec.core import Components
from flask_smorest import Api, Blueprint

from tests.functional.conftest import TEST_CONFIG, served_app
from web.api import CareerlogApi


def test_an_app_writes_no_operation_into_its_document_until_the_document_is_read(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []
    real = Blueprint.register_views_in_doc

    def spied(self: Blueprint, *args: Any, **kwargs: Any) -> None:
        written.append(self.name)
        real(self, *args, **kwargs)

    monkeypatch.setattr(Blueprint, "register_views_in_doc", spied)
    with served_app(sqlite_url, dict(TEST_CONFIG)) as app:
        client = app.test_client()
        assert client.get("/api/v1/employees").status_code == 401  # the API answers
        assert written == []
        document = client.get("/api/openapi.json").get_json()
        assert sorted(written) == sorted(tag["name"] for tag in document["tags"])
        assert "/api/v1/employees/{nip}/timeline" in document["paths"]
        client.get("/api/openapi.json")
        assert len(written) == len(set(written))  # each written once


def test_the_document_written_when_read_is_the_one_written_as_each_blueprint_is_registered(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served_app(f"sqlite:///{tmp_path}/read.db", dict(TEST_CONFIG)) as app:
        when_read = app.test_client().get("/api/openapi.json").get_data()
    monkeypatch.setattr(CareerlogApi, "register_blueprint", Api.register_blueprint)  # flask-smorest's own
    monkeypatch.setattr(CareerlogApi, "document", lambda api, write: write(api.spec))
    with served_app(f"sqlite:///{tmp_path}/registered.db", dict(TEST_CONFIG)) as app:
        as_registered = app.test_client().get("/api/openapi.json").get_data()
    assert when_read == as_registered


def test_an_app_writes_nothing_into_its_document_until_the_document_is_read(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the error responses, headers and security scheme either: flask-smorest's own set-up read the document
    (its ETag headers), which wrote the responses held back (apispec copying a problem schema for each of the 60-odd
    HTTP statuses) into every app made."""
    written: list[str] = []
    for kind in ("response", "header", "parameter", "security_scheme", "schema"):
        real = getattr(Components, kind)

        def spied(self: Components, name: str, *args: Any, real: Any = real, kind: str = kind, **kwargs: Any) -> Any:
            written.append(f"{kind} {name}")
            return real(self, name, *args, **kwargs)

        monkeypatch.setattr(Components, kind, spied)
    with served_app(sqlite_url, dict(TEST_CONFIG)) as app:
        client = app.test_client()
        assert client.get("/api/v1/employees").status_code == 401  # the API answers
        assert written == []
        document = client.get("/api/openapi.json").get_json()
        assert {"response DEFAULT_ERROR", "header ETAG", "parameter IF_NONE_MATCH"} <= set(written)
        assert "bearerAuth" in document["components"]["securitySchemes"]
        assert "TOO_MANY_REQUESTS" in document["components"]["responses"]
