"""An import (POST /api/v1/imports) refuses what it does not take, naming it, and records nothing: a query parameter
it does not know (docs/api.md: unknown query parameters are refused, on the writes too), a field of the form beside
the file, another file, the file given twice, or an empty `kind` (a parameter given empty is refused, docs/api.md).
Before, all five were ignored: `dry_run=true` sent as a form field
(`curl -F dry_run=true -F file=@...`, where the query's `?dry_run=true` is meant) imported the rows for real, and
`?dryrun=true` (misspelt) too; `?kind=` took the kind from the file's name as if left out."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_imports import GOOD, jsonl

IMPORTS = "/api/v1/imports"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def form(**fields: Any) -> dict[str, Any]:
    return {"data": fields, "content_type": "multipart/form-data"}


def the_file() -> tuple[io.BytesIO, str]:
    return io.BytesIO(jsonl(GOOD).encode()), "events.jsonl"


def refused(world: World, path: str, sent: dict[str, Any]) -> dict[str, Any]:
    before = world.log()
    answer = world.post(path, "hr", **sent)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert world.log() == before
    errors: dict[str, Any] = answer.get_json()["errors"]
    return errors


def test_an_unknown_query_parameter_is_refused(world: World) -> None:
    assert refused(world, f"{IMPORTS}?dryrun=true", form(file=the_file())) == {"dryrun": ["Unknown field."]}


def test_dry_run_sent_as_a_form_field_is_refused_not_imported(world: World) -> None:
    assert refused(world, IMPORTS, form(file=the_file(), dry_run="true")) == {"dry_run": ["Unknown field."]}


def test_another_file_beside_the_file_is_refused(world: World) -> None:
    assert refused(world, IMPORTS, form(file=the_file(), more=the_file())) == {"more": ["Unknown field."]}


def test_the_file_given_twice_is_refused(world: World) -> None:
    errors = refused(world, IMPORTS, form(file=[the_file(), the_file()]))
    assert errors == {"file": ["Given more than once: give it once."]}


def test_the_imports_own_parameters_are_still_taken(world: World) -> None:
    before = world.log()
    dry = world.post(f"{IMPORTS}?dry_run=true&format=csv", "hr", **form(file=the_file()))
    assert (dry.status_code, dry.mimetype) == (200, "text/csv")
    assert world.log() == before
    done = world.post(f"{IMPORTS}?file_format=jsonl", "hr", **form(file=the_file()))
    assert done.status_code == 200
    assert done.get_json()["recorded"] == 1


@pytest.mark.parametrize("kind", ["", "  "])
def test_an_empty_kind_is_refused_naming_it(world: World, kind: str) -> None:
    errors = refused(world, f"{IMPORTS}?kind={kind}", form(file=the_file()))
    assert errors == {
        "kind": ["Must not be empty: leave the parameter out to take the kind from the file's name or its kind column."]
    }
