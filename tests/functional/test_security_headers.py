"""Every response carries the security headers and says how it may be cached; the API docs page still works under
its CSP. On both stores."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from web.fastreads import FastReads

STRICT = "default-src 'self'"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_api_responses_carry_strict_security_headers(world: World) -> None:
    ok, refused = world.get("/api/v1/employees"), world.get("/api/v1/employees", who=None)
    assert (ok.status_code, refused.status_code) == (200, 401)
    for response in (ok, refused):
        headers = response.headers
        assert headers["Content-Security-Policy"].startswith(STRICT)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_strict_transport_security_only_over_https(world: World) -> None:
    assert "Strict-Transport-Security" not in world.get("/api/v1/employees").headers
    secure = world.get("/api/v1/employees", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_api_docs_page_loads_only_own_scripts_and_allows_its_inline_start(world: World) -> None:
    page = world.get("/api/docs", who=None)
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp
    assert "frame-ancestors 'none'" in csp
    html = page.get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, "the docs page should load the Swagger UI files"
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    for source in sources:
        response = world.get(source, who=None)
        assert response.status_code == 200
        response.close()


def test_pages_and_their_errors_carry_the_strict_security_headers(world: World) -> None:
    for path in ("/pages/login", "/pages/", "/pages/no-such-page", "/api/openapi.json"):
        response = world.get(path, who=None)
        headers = response.headers
        assert headers["Content-Security-Policy"].startswith(STRICT), path
        assert "unsafe-inline" not in headers["Content-Security-Policy"], path
        assert (headers["X-Frame-Options"], headers["X-Content-Type-Options"]) == ("DENY", "nosniff"), path


# How each answer may be cached (RFC 9111; docs/security.md "Caching"): personal data never by a shared cache.
PRIVATE_REVALIDATED = "private, no-cache"
API_VARY = "Accept, Authorization"
PROBLEM_VARY = "Accept, Authorization, Accept-Language"  # (an error is worded in the language asked for)
TIMELINE = f"/api/v1/employees/{BUDI}/timeline"


def cache_of(response: TestResponse) -> tuple[str | None, str | None]:
    response.close()
    return response.headers.get("Cache-Control"), response.headers.get("Vary")


def test_an_api_read_and_its_304_are_kept_by_the_client_alone_and_revalidated_at_every_use(world: World) -> None:
    world.catch_up()
    reads = [
        *[(path, "hr") for path in (TIMELINE, f"{TIMELINE}?format=csv", f"/api/v1/employees/{BUDI}/eligibility")],
        ("/api/v1/employees", "hr"),
        ("/api/v1/me", "hr"),
        ("/api/v1/reports/headcount?by=agency", "reporter"),
        ("/api/v1/audits/promotions?per_page=50", "inspector"),  # (a page: the whole CSV is streamed, below)
        ("/api/v1/access-log", "employee"),
    ]
    for path, who in reads:
        for accept in ({}, {"Accept": "text/csv"}):
            first = world.get(path, who, headers=accept)
            if first.status_code == 406:  # JSON only
                continue
            assert first.status_code == 200, path
            assert cache_of(first) == (PRIVATE_REVALIDATED, API_VARY), path
            again = world.get(path, who, headers={**accept, "If-None-Match": first.headers["ETag"]})
            assert again.status_code == 304, path
            assert cache_of(again) == (PRIVATE_REVALIDATED, API_VARY), path  # as the 200 (RFC 9110, 15.4.5)


def test_an_audit_lists_whole_csv_streamed_is_kept_by_no_cache_and_has_no_etag(world: World) -> None:
    world.catch_up()
    whole = world.get("/api/v1/audits/promotions?format=csv", "inspector")
    assert whole.status_code == 200
    assert cache_of(whole) == ("no-store", API_VARY)  # (nothing to revalidate it by)
    assert "ETag" not in whole.headers  # (written as it is read: docs/api.md, "Conditional reads")


def test_the_fast_and_the_flask_path_say_the_same_of_caching(world: World, app: Flask) -> None:
    world.catch_up()
    assert isinstance(app.wsgi_app, FastReads)
    fast = cache_of(world.get(TIMELINE, "hr"))
    app.wsgi_app = app.wsgi_app.fallback  # type: ignore[method-assign]
    assert cache_of(world.get(TIMELINE, "hr")) == fast == (PRIVATE_REVALIDATED, API_VARY)


def test_api_errors_and_writes_answers_are_kept_by_no_cache(world: World) -> None:
    world.catch_up()
    training = {"kind": "training", **f.training("2017-06-01", hours=10, start="2017-05-29")}
    answers = [
        (401, world.get(TIMELINE, who=None)),
        (404, world.get("/api/v1/employees/199001012020011999/timeline", "hr")),
        (404, world.get("/api/v1/no-such-thing", "hr")),
        (406, world.get(TIMELINE, "hr", headers={"Accept": "image/png"})),
        (422, world.get("/api/v1/employees?no_such=1", "hr")),
        (422, world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={})),
        (201, world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training)),
    ]
    for status, answer in answers:
        assert answer.status_code == status, answer.get_data(as_text=True)
        assert "ETag" not in answer.headers, status
        assert cache_of(answer) == ("no-store", API_VARY if status < 400 else PROBLEM_VARY), status


def test_every_page_and_its_errors_are_kept_by_no_cache(world: World) -> None:
    world.catch_up()
    assert cache_of(world.client.get("/pages/login"))[0] == "no-store"  # its form carries a CSRF token
    assert log_in(world, "admin").status_code == 302
    paths = [
        rule.rule
        for rule in world.app.url_map.iter_rules()
        if rule.rule.startswith("/pages") and "GET" in rule.methods and not rule.arguments
    ]
    paths += [
        f"/pages/employees/{BUDI}",
        f"/pages/employees/{BUDI}/record.csv",
        f"/pages/employees/{BUDI}/events.jsonl",
        "/pages/no-such-page",
        "/",
    ]
    assert "/pages/accounts" in paths
    for path in paths:
        if path != "/pages/scorecard.pdf":  # seconds to draw; the same hook
            assert cache_of(world.client.get(path))[0] == "no-store", path


def test_logging_out_clears_the_sites_cache_cookies_and_storage(world: World) -> None:
    """Until 2026-12-04 the log-out cleared the cache alone: a copy of the session cookie, and a token an older API
    docs page kept in localStorage, stayed in the browser."""
    assert log_in(world, "hr").status_code == 302
    assert "Clear-Site-Data" not in world.client.get("/pages/").headers
    token = csrf_token(world.client, "/pages/")
    out = world.client.post("/pages/logout", data={"csrf_token": token})
    assert out.status_code == 302
    assert out.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert out.headers["Cache-Control"] == "no-store"
    assert out.headers["Location"] == "/pages/login"


def test_logging_out_leads_to_the_log_in_page_in_the_language_chosen(world: World) -> None:
    """The cookies cleared, the session's language with them: the log-in page is asked in it (?lang=), and keeps it."""
    assert log_in(world, "hr").status_code == 302
    world.client.get("/pages/?lang=en")
    out = world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client, "/pages/")})
    assert out.headers["Location"] == "/pages/login?lang=en"
    world.client.delete_cookie("session")  # (as the browser does, told Clear-Site-Data: "cookies")
    assert "Log in" in world.client.get(out.headers["Location"]).get_data(as_text=True)
    assert "Log in" in world.client.get("/pages/login").get_data(as_text=True)


def test_static_files_and_the_public_documents_may_be_kept(world: World) -> None:
    css = world.get("/static/pages.css", who=None)
    assert css.status_code == 200
    assert cache_of(css)[0] == "no-cache"  # Flask's: kept, revalidated by its ETag (its URL has no version)
    swagger = world.get("/api/docs/static/swagger-ui.css", who=None)
    assert swagger.status_code == 200
    assert cache_of(swagger)[0] == "public, max-age=86400"  # web/docs.py's
    assert cache_of(world.get("/api/openapi.json", who=None)) == ("no-cache", "Accept")
    assert cache_of(world.get("/api/docs", who=None)) == ("no-cache", None)
    refused = world.get("/api/openapi.json", who=None, headers={"Accept": "text/csv"})  # (a problem: worded as asked)
    assert cache_of(refused) == ("no-store", "Accept, Accept-Language")
    assert cache_of(world.get("/static/no-such.css", who=None))[0] == "no-store"
    assert cache_of(world.get("/health", who=None))[0] == "no-store"
