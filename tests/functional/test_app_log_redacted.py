"""The app's own log of an unexpected error (the API's "Unexpected error", a page's "Unexpected error on a page", "The
database could not be used") names no request, but its traceback quotes the exception as raised: a database error's
detail (`Key (subject)=(198609262010031701) already exists`), a message formatted with a NIP or a URL. It is written
as `careerlog serve`'s error log is (web.logs.Redacted): each NIP `{nip}`, no query."""

from __future__ import annotations

import logging

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


def broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError(f"Key (subject)=({BUDI}) broke at /api/v1/employees?q=Budi+Siregar&after=WyJyb3N0ZXIiXQ")


@pytest.mark.parametrize("where", ["api", "page"])
def test_an_unexpected_errors_traceback_is_logged_without_its_nip_or_query(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    monkeypatch.setattr(world.services, "timeline", broken)
    monkeypatch.setattr(world.services, "career_page", broken)
    if where == "page":
        log_in(world, "hr")
    with caplog.at_level(logging.ERROR):
        if where == "api":
            answer = world.get(f"/api/v1/employees/{BUDI}/timeline", headers={"Accept": "text/csv"})
        else:
            answer = world.client.get(f"/pages/employees/{BUDI}")
    assert answer.status_code == 500
    written = caplog.text
    assert "RuntimeError: Key (subject)=({nip}) broke at /api/v1/employees" in written, written
    for secret in (BUDI, "Budi", "Siregar", "WyJyb3N0"):
        assert secret not in written, (secret, written)
