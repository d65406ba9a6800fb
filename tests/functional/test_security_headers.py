"""Every response carries the security headers; the API docs page still works under its CSP."""

from __future__ import annotations

import re

from tests.functional.conftest import World

STRICT = "default-src 'self'"


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
