"""`careerlog serve` under the default CAREERLOG_DISCLOSURE (withhold) starts without CAREERLOG_CELL_KEY_SECRET: when
perturb was the default, every deployment that had not set one exited 1 at start. Under perturb (an opt-in the agency
chooses in writing, docs/security.md) it still refuses to start without one, and so do `careerlog run` and the app
factory wherever the app is made (a gunicorn worker's, a test's)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import web.cli
from careerlog.cli import main
from careerlog.config import ConfigurationError, Settings
from web import create_app
from web.config import WebSettings


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


def test_run_refuses_perturb_without_a_cell_key_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`careerlog run` (the demo) too: until 2026-12-06 it drew a secret per worker process, each worker's noise its
    own for the same people (averaged across workers). Refused before the demo is loaded."""
    started: list[Any] = []
    monkeypatch.setattr(web.cli.Server, "run", lambda self: started.append(self))
    monkeypatch.delenv("CAREERLOG_CELL_KEY_SECRET", raising=False)
    env = {"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path}/demo.db", "CAREERLOG_DISCLOSURE": "perturb"}
    result = CliRunner().invoke(main, ["run", "--employees", "3"], env=env, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "CAREERLOG_CELL_KEY_SECRET: not set, a secret of at least 32 characters" in result.output
    assert started == []


def test_no_app_is_made_under_perturb_without_a_cell_key_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app factory (a gunicorn worker's, a test's) refuses perturb without a secret, or with a short one, naming
    CAREERLOG_CELL_KEY_SECRET: until 2026-12-06 each process drew its own. Withhold needs none; given one, it is
    made."""
    monkeypatch.delenv("CAREERLOG_CELL_KEY_SECRET", raising=False)
    settings = Settings(database_url=f"sqlite:///{tmp_path}/store.db")
    perturb = WebSettings.from_env({"CAREERLOG_DISCLOSURE": "perturb"})
    assert perturb.cell_key_secret == ""  # (none drawn)
    with pytest.raises(ConfigurationError, match="CAREERLOG_CELL_KEY_SECRET: not set, a secret of at least 32"):
        create_app(settings, web=perturb)
    with pytest.raises(ConfigurationError, match="CAREERLOG_CELL_KEY_SECRET: 5 characters"):
        create_app(settings, test_config={"CAREERLOG_DISCLOSURE": "perturb", "CAREERLOG_CELL_KEY_SECRET": "short"})
    secret = "a deployment's cell-key secret, 32 characters"
    for made in (
        create_app(settings, web=WebSettings.from_env({})),
        create_app(settings, test_config={"CAREERLOG_DISCLOSURE": "perturb", "CAREERLOG_CELL_KEY_SECRET": secret}),
    ):
        made.extensions["careerlog"].close()
