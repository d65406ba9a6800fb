"""`careerlog serve --bind` on a port another server listens on printed gunicorn's "Connection in use" five times and
exited after about 22 s: it now says once that the address is in use, exit 1, before gunicorn starts."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

import web.cli
from tests.integration.test_cli import run


def test_serving_on_an_address_in_use_says_so_once_and_exits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Any] = []
    monkeypatch.setattr(web.cli.Server, "run", lambda self: started.append(self))  # (gunicorn is not started)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(f"sqlite:///{tmp_path}/store.db", "serve", "--create-store", "--bind", f"127.0.0.1:{port}")
    assert result.exit_code == 1, result.output
    assert result.output.count(f"address 127.0.0.1:{port} is in use") == 1, result.output
    assert started == []


def test_a_free_address_is_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Any] = []
    monkeypatch.setattr(web.cli.Server, "run", lambda self: started.append(self))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # (free once closed)
    result = run(f"sqlite:///{tmp_path}/store.db", "serve", "--create-store", "--bind", f"127.0.0.1:{port}")
    assert result.exit_code == 0, result.output
    assert len(started) == 1
