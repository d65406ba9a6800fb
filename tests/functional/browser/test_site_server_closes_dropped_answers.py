"""The browser tests' site server (conftest.serve) closes an answer whose client dropped the connection: werkzeug's
own left the static file Flask answers with open when the reset came as it read what the client still sent, and the
ResourceWarning of that file, collected later, failed whichever browser test ran then. No browser is needed here."""

from __future__ import annotations

import gc
import socket
import struct
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Flask, send_from_directory

from tests.functional.browser.conftest import serve

STATIC = Path(__file__).resolve().parents[3] / "web" / "static"


class HeldAfterTheBody:
    """An application whose answer, once its body is sent, waits until the client has reset the connection: the
    drop then comes at the moment it came in the browser tests, after the body, as the server reads on."""

    def __init__(self, app: Any, dropped: threading.Event):
        self.app, self.dropped = app, dropped

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return Held(self.app(environ, start_response), self.dropped)


class Held:
    def __init__(self, answer: Any, dropped: threading.Event):
        self.answer, self.dropped = answer, dropped

    def __iter__(self) -> Iterator[bytes]:
        yield from self.answer
        self.dropped.wait(10)

    def close(self) -> None:
        self.answer.close()


def received(client: socket.socket) -> bytes:
    """The whole answer (its head and its Content-Length of body), read before the client resets the connection:
    the server is then past sending it (a reset during the send is a failed send, after which werkzeug closes it)."""
    answer = b""
    while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < length(answer):
        chunk = client.recv(65536)
        assert chunk, answer
        answer += chunk
    return answer


def length(answer: bytes) -> int:
    head = answer.partition(b"\r\n\r\n")[0].decode("latin-1").lower()
    return next(int(line.split(":")[1]) for line in head.split("\r\n") if line.startswith("content-length:"))


def test_a_static_file_whose_client_reset_the_connection_is_closed() -> None:
    app = Flask("favicon")
    app.add_url_rule("/favicon.ico", "favicon", lambda: send_from_directory(STATIC, "favicon.ico"))
    dropped = threading.Event()
    server = serve(HeldAfterTheBody(app, dropped), threaded=False)
    served = threading.Thread(target=server.handle_request, daemon=True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            served.start()
            client = socket.create_connection(("127.0.0.1", server.server_port), timeout=10)
            client.sendall(b"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert received(client).split(b"\r\n")[0].endswith(b" 200 OK")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # closed by a reset
            client.close()
            dropped.set()
            served.join(10)
            gc.collect()
        assert not served.is_alive()
        assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
    finally:
        dropped.set()
        server.server_close()
