"""Schemathesis against /api/openapi.json: no 5xx, and every answer as the document says.

The schema is loaded from the running app, so every operation the document lists is
fuzzed, including operations added later. Each runs as an administrator (who may do
everything, writes included) and as a reporter (aggregates only), with valid and with
invalid data, and once more with a real employee's NIP in the path. The checks are the
OpenAPI conformance ones: no server error, a documented status code, the documented
content type, and a body that matches the documented schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.functional.conftest import BUDI, World

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 4
FUZZING = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def operations(world: World) -> Iterator[Any]:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", world.app)
    for result in schema.get_all_operations():
        yield result.ok()


def variants(operation: Any) -> Iterator[tuple[str, Any]]:
    """The strategies to fuzz one operation with: valid, invalid, and valid on a real record."""
    yield "valid", operation.as_strategy(GenerationMode.POSITIVE)
    yield "invalid", operation.as_strategy(GenerationMode.NEGATIVE)
    if "{nip}" in operation.path:
        yield "real nip", operation.as_strategy(GenerationMode.POSITIVE, path_parameters={"nip": BUDI})


def fuzz(world: World, who: str) -> tuple[int, dict[str, str]]:
    """Every case run and every failure, by operation and variant."""
    headers = {"Authorization": f"Bearer {world.tokens[who]}"}
    cases = 0
    failures: dict[str, str] = {}
    for operation in operations(world):
        for variant, strategy in variants(operation):

            @FUZZING
            @given(case=strategy)
            def run(case: Any) -> None:
                nonlocal cases
                cases += 1
                case.validate_response(case.call(headers=headers), checks=CHECKS)

            try:
                run()
            except (Exception, BaseExceptionGroup) as e:  # keep fuzzing the rest; all are reported below
                failures[f"{operation.method.upper()} {operation.path} ({variant})"] = str(e)[:2000]
    return cases, failures


@pytest.mark.slow
@pytest.mark.parametrize("who", ["admin", "reporter"])
def test_every_operation_answers_as_documented_and_never_5xx(world: World, who: str) -> None:
    cases, failures = fuzz(world, who)
    print(f"\nschemathesis as {who}: {cases} cases")
    assert cases > 0
    assert not failures, "\n\n".join(f"{name}:\n{error}" for name, error in failures.items())
