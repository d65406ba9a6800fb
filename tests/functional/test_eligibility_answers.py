"""The eligibility API's answer as a client reads it against the OpenAPI document: every promotion kind the
eligibility view offers (203, by degree, since d85ca68) is one the document names, on both stores.

The acceptance pass of 2026-12-02 found the document's eligibility kind described as "101 regular, 201, 202"
while the view offered 203 too.
"""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from projections.merit.eligibility import OFFERED_KINDS
from tests.functional.conftest import BUDI, World

ELIGIBILITY = f"/api/v1/employees/{BUDI}/eligibility"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def answer_validator(spec: dict[str, Any], path: str) -> OAS30Validator:
    """A validator of the 200 JSON answer of GET `path` as the document describes it."""
    answer = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return OAS30Validator({**answer, "components": spec["components"]})  # its $ref read in the document


def by_degree(world: World) -> None:
    """Budi (III/b since 2014) earns an S-3, whose starting rank is III/c: a promotion by degree opens."""
    degree = {
        "level": "S-3",
        "field_of_study": "Administrasi Publik",
        "institution": "USU",
        "effective_date": "2025-08-20",
        "reference": "IJAZAH-S3-1",
    }
    world.services.ledger.record(BUDI, "education", degree, actor="test")
    world.catch_up()


def test_every_kind_the_view_offers_is_named_by_the_document(world: World) -> None:
    spec = world.get("/api/openapi.json").get_json()
    kind = spec["components"]["schemas"]["EligibilityItem"]["properties"]["kind"]
    assert kind["enum"] == list(OFFERED_KINDS)
    assert "203" in OFFERED_KINDS
    assert "203" in kind["description"]


def test_a_promotion_by_degree_is_answered_valid_against_the_document(world: World) -> None:
    by_degree(world)
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert [(i["kind"], i["new_rank"]) for i in body["items"]] == [("101", "III/c"), ("203", "III/c")]
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    wrong = {**body, "items": [{**body["items"][1], "kind": "299"}]}
    assert not answer_validator(spec, "/api/v1/employees/{nip}/eligibility").is_valid(wrong)
