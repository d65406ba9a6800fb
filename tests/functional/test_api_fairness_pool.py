"""The API's fairness groups name their pool `pool`, as the fairness page does ('In the pool'): the field `eligible`
held the whole pool of the rounds, the eligible and those promoted though not eligible (`promoted_out_of_rule`),
as an inspector found. `eligible` stays, with the same value (the contract of clients reading it), and is marked
deprecated in the OpenAPI document; `pool` is given beside it, in JSON and CSV. Both stores."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_audits_and_reports import promote_rina
from tests.functional.test_pages_fairness_pool import rates

FAIRNESS = "/api/v1/audits/fairness?by=sex&min_cell=1"


@pytest.fixture
def pooled(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """Women: 120 in the pool, 60 promoted, 7 of them though not eligible (113 eligible); men: 100, 90, 3."""
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    return world


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def by_group(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["group"]: g for g in body["groups"]}


def test_a_group_gives_its_pool_as_pool_and_eligible_stays_the_same_number(pooled: World) -> None:
    groups = by_group(pooled.get(FAIRNESS, "inspector").get_json())
    women = groups["F"]
    assert (women["pool"], women["promoted"], women["promoted_out_of_rule"]) == (120, 60, 7)
    assert women["eligible"] == women["pool"]  # deprecated: the pool, though named otherwise
    assert (groups["M"]["pool"], groups["M"]["eligible"]) == (100, 100)
    assert women["selection_rate"] == 0.5  # 60 of the pool of 120, not of the 113 eligible


def test_the_csv_gives_the_pool_column_beside_eligible(pooled: World) -> None:
    text = pooled.get(f"{FAIRNESS}&format=csv", "inspector").get_data(as_text=True)
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["F"]["pool"], rows["F"]["eligible"], rows["F"]["promoted_out_of_rule"]) == ("120", "120", "7")


def test_the_recorded_pool_is_given_as_pool_and_eligible(world: World) -> None:
    promote_rina(world)  # Budi's and Rina's promotions, neither eligible on its day: a pool of 1 each, 0 eligible
    groups = by_group(world.get(FAIRNESS, "admin").get_json())
    assert {g: (c["pool"], c["eligible"], c["promoted"], c["promoted_out_of_rule"]) for g, c in groups.items()} == {
        "F": (1, 1, 1, 1),
        "M": (1, 1, 1, 1),
    }


def test_the_openapi_document_marks_eligible_deprecated_and_describes_the_pool(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()
    group = spec["components"]["schemas"]["SelectionGroup"]["properties"]
    assert group["eligible"]["deprecated"] is True
    assert "pool" in group["eligible"]["description"]
    assert "deprecated" not in group["pool"]
    assert "promoted_out_of_rule" in group["pool"]["description"]
