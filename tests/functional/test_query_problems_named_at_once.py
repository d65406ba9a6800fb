"""A query's checks of several fields (a period whose `to` is before its `from`, `until` before `since`, a page past
the window) were made only once every field read: `/api/v1/audits/fairness?from=2025-01-01&to=2024-01-01` without
`by` named `by` alone, and the reversed period only once `by` was sent. Every problem of the query is named in the one
422, each beside its field, as the other 422s name them."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import World


def errors_of(world: World, path: str) -> dict[str, Any]:
    answer = world.get(path)
    assert answer.status_code == 422, answer.get_json()
    errors: dict[str, Any] = answer.get_json()["errors"]
    return errors


def test_a_reversed_period_is_named_with_a_grouping_left_out(world: World) -> None:
    errors = errors_of(world, "/api/v1/audits/fairness?from=2025-01-01&to=2024-01-01")
    assert set(errors) == {"by", "to"}
    assert "2024-01-01" in errors["to"][0]


def test_a_reversed_period_is_named_with_an_unknown_filter(world: World) -> None:
    errors = errors_of(world, "/api/v1/audits/promotions?from=2025-01-01&to=2024-01-01&severity=dire")
    assert set(errors) == {"severity", "to"}


def test_until_before_since_is_named_with_another_field_refused(world: World) -> None:
    errors = errors_of(world, "/api/v1/access-log?since=2026-01-02&until=2026-01-01&per_page=0")
    assert set(errors) == {"per_page", "until"}


def test_a_page_and_a_cursor_are_named_with_another_field_refused(world: World) -> None:
    errors = errors_of(world, "/api/v1/employees?page=2&after=abc&sort=colour")
    assert set(errors) == {"after", "sort"}
