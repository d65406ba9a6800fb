"""flask-limiter's check before every request runs only when a limit needs it; the log-in's limit holds either way."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from web.pages import check_limits_in_views_only, limiter


def test_with_only_the_log_in_limit_no_request_is_checked_before_its_view_and_the_log_in_limit_holds(
    world: World,
) -> None:
    assert limiter._check_request_limit not in world.app.before_request_funcs.get(None, [])
    assert world.call("GET", "/api/v1/employees?per_page=1", who="hr").status_code == 200

    answers = [log_in(world, "employee", password="salah").status_code for _ in range(6)]

    assert answers[-1] == 429
    assert 429 not in answers[:5]


def test_a_limit_on_every_request_keeps_the_check_before_every_request(monkeypatch: pytest.MonkeyPatch) -> None:
    app = Flask(__name__)
    limiter.init_app(app)
    monkeypatch.setattr(limiter.limit_manager, "_default_limits", [["100/second"]])

    check_limits_in_views_only(app)

    assert limiter._check_request_limit in app.before_request_funcs[None]
