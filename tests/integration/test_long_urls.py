"""A long URL through `careerlog serve`: gunicorn's 4 KB request-line limit answered one with its own HTML
page. Now every URL up to the app's limit (web.security.MAX_URL_BYTES) reaches the app, and a longer one
is a 414 problem+json naming that limit, from the app or, past gunicorn's own ceiling, from the worker."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest

from tests.processes import serve, wait_until
from web.security import MAX_URL_BYTES


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """`careerlog serve` on an empty SQLite store: its port (the kernel's, as gunicorn binds it)."""
    folder = tmp_path_factory.mktemp("long-urls")
    server, url = serve(f"sqlite:///{folder}/careerlog.db", folder / "serve.log", "--workers", "1", "--threads", "2")
    port = int(url.rsplit(":", 1)[1])
    try:
        assert wait_until(lambda: not server.running or get(port, "/api/openapi.json")[0] == 200, 60), server.output()
        yield port
    finally:
        server.stop()  # SIGTERM: the worker ends its loop and exits without tearing its interpreter down


def get(port: int, target: str) -> tuple[int, str, bytes]:
    """GET the request target as sent: status, Content-Type and body (0 when nothing answers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    except OSError:
        return 0, "", b""
    finally:
        connection.close()


def target(length: int) -> str:
    path = "/api/v1/employees?search="
    return path + "x" * (length - len(path))


def test_a_url_over_the_old_4_kb_limit_reaches_the_app(served: int) -> None:
    status, kind, body = get(served, target(6000))
    assert (status, kind) == (401, "application/problem+json")  # the app's answer: no token
    assert json.loads(body)["status"] == 401


@pytest.mark.parametrize("length", [MAX_URL_BYTES + 1, 8190, 20_000, 200_000])
def test_a_url_over_the_limit_is_a_414_problem_naming_it(served: int, length: int) -> None:
    status, kind, body = get(served, target(length))
    assert (status, kind) == (414, "application/problem+json")
    problem = json.loads(body)
    assert problem["status"] == 414
    assert f"{MAX_URL_BYTES:,} bytes" in problem["detail"]


def headers_of(port: int, target: str) -> dict[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        response.read()
        return {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


@pytest.mark.parametrize("length", [MAX_URL_BYTES + 1, 20_000], ids=["the_app", "the_worker"])
def test_the_414_carries_the_security_headers_whoever_answers_it(served: int, length: int) -> None:
    """Past gunicorn's ceiling the worker answers, not the app: until 2026-12-04 its 414 had no Cache-Control (RFC
    9111 lets a cache keep a 414 unasked), no CSP, nosniff or frame headers (docs/security.md: every answer)."""
    headers = headers_of(served, target(length))
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "same-origin"
