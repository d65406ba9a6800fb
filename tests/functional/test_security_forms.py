"""Page forms: every POST needs its CSRF token; bodies over the limit are 413; log-in is rate limited.

The forms are found in the app's URL map (every /pages rule that takes POST), so a page
added later is covered too.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in
from web.pages import limiter

LIMIT = 4096


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {"TESTING": True, "CAREERLOG_WAIT_SECONDS": 5.0, "MAX_CONTENT_LENGTH": LIMIT}


@pytest.fixture(autouse=True)
def fresh_limits(app: Flask) -> None:
    """The log-in limiter keeps its counts in the store (web.login_limit): start each test from none."""
    limiter.reset()


def page_forms(world: World) -> list[str]:
    rules = [r for r in world.app.url_map.iter_rules() if r.rule.startswith("/pages") and "POST" in (r.methods or ())]
    return [r.rule.replace("<nip>", BUDI) for r in rules]


def form_data(path: str) -> dict[str, Any]:
    """What a browser would send, short of the token."""
    upload = {"file": (io.BytesIO(b'{"kind": "training"}\n'), "events.jsonl")}
    fields = {"username": "admin-web", "password": PASSWORD, "nip": BUDI, "kind": "training", "hours": "8"}
    return {**fields, **upload} if "import" in path else fields


def test_every_page_form_refuses_a_post_without_its_csrf_token(world: World) -> None:
    forms = page_forms(world)
    assert {"/pages/login", "/pages/logout"} <= set(forms)
    assert log_in(world, "admin").status_code == 302
    for path in forms:
        before = world.log()
        for token in ({}, {"csrf_token": "forged-" + "x" * 40}):
            answer = world.client.post(path, data={**form_data(path), **token})
            assert answer.status_code in (400, 422), path  # refused: 400, or the form again with the reason
            assert world.log() == before, path
        assert world.client.get("/pages/").status_code == 200, f"{path} ended the session"


def test_a_page_post_over_the_size_limit_is_413(world: World) -> None:
    log_in(world, "admin")
    token = csrf_token(world.client, "/pages/")
    for path in page_forms(world):
        data = {"csrf_token": token, "file": (io.BytesIO(b"x" * (LIMIT * 3)), "events.jsonl")}
        assert world.client.post(path, data=data).status_code == 413, path


def test_a_json_body_over_the_size_limit_is_413_on_every_api_write(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()
    writes = [path for path, item in spec["paths"].items() if "post" in item]
    assert writes
    for path in writes:
        concrete = path.replace("{nip}", BUDI).replace("{agency}", "KOTA-MEDAN").replace("{unit}", "BKPSDM")
        response = world.post(concrete, json={"title": "x" * (LIMIT * 2)})
        assert response.status_code == 413, path
        assert response.mimetype == "application/problem+json"


def test_once_limited_even_the_right_password_is_refused(world: World) -> None:
    for _ in range(5):
        log_in(world, "employee", password="salah")
    assert log_in(world, "employee").status_code == 429
    assert world.client.get("/pages/").status_code == 401


def test_the_limit_counts_per_user_name(world: World) -> None:
    for _ in range(5):
        log_in(world, "employee", password="salah")
    assert log_in(world, "hr").status_code == 302
