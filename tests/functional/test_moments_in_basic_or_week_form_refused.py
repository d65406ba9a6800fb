"""A moment written with its day in ISO 8601's basic or week form (`20230101`, `2023-W01-1`, `20230101T000000Z`) is
refused naming its parameter: the timeline's `known_at`, the access log's `since` and `until`. Before, they were
read (2023-W01-1 as 2023-01-02), while a day (`as_of`, `from`, `to`) in those forms is refused (web.api.fields.
PlainDate: forms no page or document offers, which a reader would not take for the day meant) and the OpenAPI
document says date-time (RFC 3339: YYYY-MM-DD). A day alone, a time without seconds and an offset are read as
before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

REFUSED = ["2023-W01-1", "2023W011", "20230101", "20230101T000000Z", "2023-W01-1T00:00:00Z"]
READ = {
    "2023-01-01": "2023-01-01T23:59:59.999999+00:00",  # (a day alone: the whole day, since 2026-12-08)
    "2023-01-01T00:00": "2023-01-01T00:00:00+00:00",
    "2023-01-01T08:00:00+07:00": "2023-01-01T01:00:00+00:00",
    "2023-01-01 08:00:00Z": "2023-01-01T08:00:00+00:00",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("moment", REFUSED)
def test_a_moment_in_basic_or_week_form_is_refused_naming_it(world: World, moment: str) -> None:
    timeline = world.get(f"/api/v1/employees/{BUDI}/timeline", query_string={"known_at": moment})
    assert timeline.status_code == 422
    assert list(timeline.get_json()["errors"]) == ["known_at"]
    for name in ("since", "until"):
        log = world.get("/api/v1/access-log", query_string={name: moment})
        assert log.status_code == 422
        assert list(log.get_json()["errors"]) == [name]


@pytest.mark.parametrize(("moment", "read"), READ.items())
def test_a_moment_in_extended_form_is_read_as_before(world: World, moment: str, read: str) -> None:
    timeline = world.get(f"/api/v1/employees/{BUDI}/timeline", query_string={"known_at": moment})
    assert timeline.status_code == 200
    assert timeline.get_json()["known_at"] == read
    assert world.get("/api/v1/access-log", query_string={"since": moment, "until": moment}).status_code == 200
