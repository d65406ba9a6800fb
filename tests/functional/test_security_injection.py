"""Injection attempts in every query parameter of every list and report endpoint.

Each GET operation of the OpenAPI document without a path parameter gets, in each of its
query parameters in turn, SQL meta-characters, LIKE wildcards, odd unicode and very long
values. The answer is a 4xx, or a 200 that is exactly the answer for a value that matches
nothing; never a 5xx, and neither the log nor the views change.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, quote_plus

import pytest

from tests.functional.conftest import World
from tests.functional.openapi_walk import get_operations
from tests.integration.test_projections import dump

NOTHING = "zz-matches-nothing"
INJECTIONS = (
    "' OR '1'='1",
    '" OR ""="',
    "1; DROP TABLE stored_events; --",
    "x') UNION SELECT name, subject FROM roster --",
    "%",
    "_",
    "%%",
    "*",
    "\\",
    "\\%",
    "[a-z]*",
    "KOTA-MEDAN' --",
    "\u202eNADEM-ATOK",
    "\u0000",
    "😀",
    "\u13e6\U0001d40e\U0001d413\U0001d400",  # KOTA in look-alike letters
    "x" * 5000,
)

ON_POSTGRES = ("' OR '1'='1", "%", "\u0000", "x" * 5000)  # a shorter run there: the same code answers


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def normalised(value: Any, sent: str) -> Any:
    """The answer with the value we sent replaced by a marker, wherever it is echoed back."""
    if isinstance(value, dict):
        return {k: normalised(v, sent) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v, sent) for v in value]
    if isinstance(value, str) and value.strip() == sent.strip():
        return "<sent>"
    if isinstance(value, str):  # a link to another report carries the value in its query string
        for encoded in {quote_plus(sent), quote(sent, safe="")}:
            value = re.sub("=" + re.escape(encoded) + "(?=&|$)", "=<sent>", value)
    return value


def answer(world: World, path: str, query: dict[str, Any], name: str, value: str) -> tuple[int, Any]:
    response = world.get(path, "admin", query_string={**query, name: value})
    body = response.get_json(silent=True) if response.is_json else response.get_data(as_text=True)
    return response.status_code, normalised(body, value)


def test_no_injection_in_any_query_parameter_is_a_5xx_a_match_or_a_change(world: World) -> None:
    views_before, log_before = dump(world.services.projector.views.sql), world.log()
    tried, problems = 0, []
    injections = ON_POSTGRES if world.services.settings.store == "postgres" else INJECTIONS
    for operation in get_operations(world):
        if operation.has_path_parameters:
            continue
        query = operation.required_query()
        for parameter in (p for p in operation.parameters if p["in"] == "query" and p["name"] != "wait_for"):
            name = parameter["name"]
            empty = answer(world, operation.path, query, name, NOTHING)
            for value in injections:
                tried += 1
                status, body = answer(world, operation.path, query, name, value)
                if status >= 500 or (status < 400 and (status, body) != empty):
                    problems.append(f"{operation.path}?{name}={value[:40]!r}: {status} {str(body)[:300]}")
    print(f"\ninjections tried: {tried}")
    assert tried > 100
    assert problems == []
    world.catch_up()
    assert (dump(world.services.projector.views.sql), world.log()) == (views_before, log_before)
