"""GET /health when the PostgreSQL server cannot be reached: a 503 within about the connect timeout (5 s), one
attempt. It took about 52 s (ten attempts of the library's retry, each waiting 5 s for the pool's connection):
a load balancer's check timed out instead of seeing the 503, and each hanging check held a worker thread
(docs/operations.md, "Monitoring")."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from careerlog.config import Settings
from web import create_app

pytestmark = [pytest.mark.postgres, pytest.mark.made_store]


class Proxy:
    """A TCP proxy to the test's PostgreSQL server, on a port of its own; `cut` closes it and every connection
    through it, the port then refusing connections (as a proxy killed, or a server gone)."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.is_cut = False
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if self.is_cut:
                    client.close()
                    return
                server = socket.create_connection(self.target)
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self.lock:
            self.is_cut = True
            with contextlib.suppress(OSError):  # (wakes the accept: a close alone left it accepting)
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()


@pytest.fixture(params=[""], ids=["default"])
def proxied(postgres_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[Flask, Proxy]]:
    """An app on the test's store through a Proxy; the test's parameter (if any): libpq parameters added to its URL."""
    url = urlsplit(postgres_url)
    proxy = Proxy(url.hostname or "127.0.0.1", url.port or 5432)
    user = f"{url.netloc.rsplit('@', 1)[0]}@" if "@" in url.netloc else ""
    netloc = f"{user}127.0.0.1:{proxy.port}"
    query = "&".join(part for part in (url.query, request.param) if part)
    app = create_app(
        Settings(database_url=urlunsplit(url._replace(netloc=netloc, query=query))),
        test_config={"TESTING": True, "CAREERLOG_FOLLOW": False},
    )
    yield app, proxy
    proxy.cut()
    app.extensions["careerlog"].close()


def health_once_cut(app: Flask, proxy: Proxy) -> tuple[TestResponse, float]:
    """GET /health answered 200, then the proxy cut: the 503 it answers and the seconds it took."""
    client = app.test_client()
    assert client.get("/health").status_code == 200
    proxy.cut()
    started = time.monotonic()
    answer = client.get("/health")
    took = time.monotonic() - started
    assert answer.status_code == 503, answer.text
    return answer, took


def test_health_answers_503_within_the_connect_timeout_when_the_database_cannot_be_reached(
    proxied: tuple[Flask, Proxy],
) -> None:
    answer, took = health_once_cut(*proxied)
    assert answer.headers["Retry-After"] == "5"
    assert took < 15, f"/health took {took:.1f} s to answer 503 (the connect timeout is 5 s)"


@pytest.mark.parametrize("proxied", ["connect_timeout=1"], indirect=True)
def test_health_waits_the_urls_connect_timeout_not_five_seconds(proxied: tuple[Flask, Proxy]) -> None:
    """The pools wait the URL's connect_timeout for a connection: they waited careerlog's 5 s whatever it gave (until
    2026-12-06), so a deployment's ?connect_timeout=1 still held each check 5 s."""
    answer, took = health_once_cut(*proxied)
    assert took < 3, f"/health took {took:.1f} s to answer 503 (the URL's connect_timeout is 1 s)"
    assert answer.headers["Retry-After"] == "1"  # the URL's connect timeout (it was 5 whatever the URL gave)
