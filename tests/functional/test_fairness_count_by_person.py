"""The API, the fairness page (a chooser) and its downloads count the selection rates' pool by round (the default, as
before) or by person (`count=person`: each person once in the period, docs/fairness.md); another value is refused
naming `count` (the API a 422 problem+json, as its other parameters; the page beside the chooser). The answers of the
two counts are kept apart (web.kept). Both stores."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_audits_and_reports import promote_rina
from tests.functional.test_pages_auth import log_in

FAIRNESS = "/api/v1/audits/fairness?by=sex&min_cell=1"


@pytest.fixture
def asked(world: World, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The options each fairness computation was asked with (the real answer given)."""
    calls: list[dict[str, Any]] = []
    fairness = world.services.fairness

    def spy(*args: Any, **options: Any) -> dict[str, Any]:
        calls.append(options)
        return fairness(*args, **options)

    monkeypatch.setattr(world.services, "fairness", spy)
    return calls


def test_the_api_counts_by_round_unless_asked_by_person(world: World, asked: list[dict[str, Any]]) -> None:
    promote_rina(world)
    by_round = world.get(FAIRNESS, "admin")
    assert by_round.status_code == 200, by_round.get_data(as_text=True)
    assert by_round.get_json()["count"] == "round"
    by_person = world.get(f"{FAIRNESS}&count=person", "admin")
    assert by_person.status_code == 200, by_person.get_data(as_text=True)
    body = by_person.get_json()
    assert body["count"] == "person"
    assert all(g["mh_odds_ratio"] is None and g["p_cmh"] is None for g in body["groups"])
    # each count computed once, apart: not the round's answer given again for the person's
    assert [call["count"] for call in asked] == ["round", "person"]
    csv_text = world.get(f"{FAIRNESS}&count=person&format=csv", "admin").get_data(as_text=True)
    assert [row["group"] for row in csv.DictReader(io.StringIO(csv_text))] == [g["group"] for g in body["groups"]]


@pytest.mark.parametrize("count", ["people", "", "ROUND"])
def test_the_api_refuses_another_count_naming_it(world: World, count: str) -> None:
    response = world.get(f"{FAIRNESS}&count={count}", "inspector")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert set(response.get_json()["errors"]) == {"count"}


def test_the_openapi_document_lists_the_counts_and_the_default(world: World) -> None:
    parameters = world.client.get("/api/openapi.json").get_json()["paths"]["/api/v1/audits/fairness"]["get"]
    [count] = [p for p in parameters["parameters"] if p["name"] == "count"]
    assert (count["schema"]["enum"], count["schema"]["default"]) == (["round", "person"], "round")
    assert "first eligible round" in count["description"]


def test_the_page_has_a_chooser_and_says_how_it_counted(world: World, asked: list[dict[str, Any]]) -> None:
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?by=sex&min_cell=1&lang=en").get_data(as_text=True)
    assert '<select id="f-count" name="count"' in page
    assert '<option value="round" selected>' in page
    assert "(counted once per round)" in page
    page = world.client.get("/pages/fairness?by=sex&min_cell=1&count=person&lang=en").get_data(as_text=True)
    assert '<option value="person" selected>' in page
    assert "each counted once in the group of their first eligible round of it" in page
    assert "(counted once per round)" not in page
    assert [call["count"] for call in asked] == ["round", "person"]
    csv_page = world.client.get("/pages/fairness.csv?by=sex&min_cell=1&count=person")
    assert csv_page.status_code == 200
    assert [call["count"] for call in asked] == ["round", "person"]  # the page's answer, kept


def test_the_page_refuses_another_count_beside_the_chooser(world: World) -> None:
    log_in(world, "inspector")
    response = world.client.get("/pages/fairness?by=sex&count=people&lang=en")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Must be one of round, person; got &#39;people&#39;." in page
    twice = world.client.get("/pages/fairness?by=sex&count=person&count=round&lang=en")
    assert twice.status_code == 422
    assert "Given more than once: give it once." in twice.get_data(as_text=True)
    indonesian = world.client.get("/pages/fairness?by=sex&lang=id").get_data(as_text=True)
    assert "setiap orang sekali dalam rentang waktu" in indonesian
