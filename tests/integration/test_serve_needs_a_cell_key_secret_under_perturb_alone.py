"""`careerlog serve` under the default CAREERLOG_DISCLOSURE (withhold) starts without CAREERLOG_CELL_KEY_SECRET: when
perturb was the default, every deployment that had not set one exited 1 at start. Under perturb (an opt-in the agency
chooses in writing, docs/security.md) it still refuses to start without one."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import web.cli
from careerlog.cli import main


def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **settings: str) -> tuple[Any, list[Any]]:
    started: list[Any] = []
    monkeypatch.setattr(web.cli.Server, "run", lambda self: started.append(self))  # (gunicorn is not started)
    monkeypatch.delenv("CAREERLOG_CELL_KEY_SECRET", raising=False)  # (tests/conftest.py sets one for the tests)
    monkeypatch.delenv("CAREERLOG_DISCLOSURE", raising=False)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # (free once closed)
    env = {"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path}/store.db", **settings}
    args = ["serve", "--create-store", "--bind", f"127.0.0.1:{port}"]
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False), started


def test_serve_starts_without_a_secret_under_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, started = served(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "CAREERLOG_CELL_KEY_SECRET" not in result.output
    assert len(started) == 1


def test_serve_refuses_perturb_without_a_cell_key_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, started = served(tmp_path, monkeypatch, CAREERLOG_DISCLOSURE="perturb")
    assert result.exit_code == 1, result.output
    assert "CAREERLOG_CELL_KEY_SECRET: not set, a secret of at least 32 characters" in result.output
    assert started == []
