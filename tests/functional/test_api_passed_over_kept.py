"""GET /api/v1/audits/passed-over keeps its pairs per worker (web.kept.kept_passed_over): computed once for a scope,
period and position of the views, computed anew once an event is applied, and every answer logged as the reads it is,
a kept one too (until 2026-12-07 the pairs were computed on every request: 6-10 s of CPU at 2,000 employees). On both
stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_access_log_passed_over_recorded_later import MOVED, reads_of
from tests.functional.test_api_posts import ready_colleague, record
from tests.unit.test_merit_posts import post


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def counted(world: World, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Each computation of the pairs, by its scope and period."""
    computed: list[tuple[Any, ...]] = []
    pairs = world.services.passed_over_pairs

    def counting(scope: Any, start: Any, end: Any) -> dict[str, Any]:
        computed.append((dict(scope), start, end))
        return pairs(scope, start, end)

    monkeypatch.setattr(world.services, "passed_over_pairs", counting)
    return computed


def pairs_of(world: World, who: str, query: str = "") -> list[tuple[str, str]]:
    body = world.get(f"/api/v1/audits/passed-over{query}", who).get_json()
    return [(r["nip"], r["colleague"]) for r in body["passed_over"]]


def test_the_passed_over_pairs_are_computed_once_per_scope_until_an_event_is_applied(
    world: World, counted: list[tuple[Any, ...]]
) -> None:
    ready_colleague(world)
    world.catch_up()
    assert pairs_of(world, "inspector_medan") == []
    assert pairs_of(world, "inspector_medan") == []
    assert len(counted) == 1  # the second answer kept
    assert pairs_of(world, "inspector_medan", "?from=2000-01-01") == []  # another period: its own
    assert pairs_of(world, "inspector") == []  # another scope (national): its own
    assert len(counted) == 3
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]  # the event applied: computed anew
    assert len(counted) == 4


def test_a_kept_passed_over_answer_is_logged_as_read_each_time(world: World, counted: list[tuple[Any, ...]]) -> None:
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    before = reads_of(world, MOVED)
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]
    assert pairs_of(world, "inspector_medan") == [(BUDI, MOVED)]
    assert len(counted) == 1
    assert reads_of(world, MOVED) == [("inspector-medan", "audits"), ("inspector-medan", "audits"), *before]
