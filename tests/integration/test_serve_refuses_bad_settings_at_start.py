"""`careerlog serve` checks its settings and the store before it starts gunicorn.

A bad setting (docs/operations.md, Configuration) or a store the encryption key does not fit
was found by each gunicorn worker as it booted: a traceback per worker in the log, then
"Worker failed to boot" and exit code 3. Now the command says what is wrong in one line and
exits 1, as every other careerlog command does.

Each case is a `careerlog serve` process of its own, forked from one that imported the command line once for the
module (tests.processes.Forks): Python's start and careerlog's imports cost about 1 s of CPU a case.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from eventsourcing.cipher import AESCipher

from careerlog.application import CareerLog
from careerlog.config import Settings
from tests import factories as f
from tests.processes import Forks

Serve = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def forks() -> Iterator[Forks]:
    made = Forks("web.cli")
    yield made
    made.close()


@pytest.fixture
def serve(forks: Forks, tmp_path: Path) -> Serve:
    """`careerlog serve` on the store at `url` with the settings given (and no other CAREERLOG_*), run to its end."""

    def served(url: str, timeout: float = 120, **settings: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERLOG_")}
        env |= {"CAREERLOG_DATABASE_URL": url, **settings}
        # (--create-store: a store not there yet is no bad setting. Port 0, the kernel's choice as it binds: a port
        # found free and released first could be taken meanwhile, refused as in use, not for the setting; a server
        # started despite a bad setting binds it too, and runs on to the timeout)
        return forks.run(
            tmp_path, "serve", "--create-store", "--bind", "127.0.0.1:0", "--workers", "2", env=env, timeout=timeout
        )

    return served


def test_serve_names_a_bad_web_setting_and_exits_1(database_url: str, serve: Serve) -> None:
    done = serve(database_url, CAREERLOG_MIN_CELL="abc")
    assert done.returncode == 1, done.stderr
    assert "CAREERLOG_MIN_CELL" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_serve_names_a_setting_that_is_no_finite_number_and_exits_1(database_url: str, serve: Serve) -> None:
    done = serve(database_url, CAREERLOG_MAX_UPLOAD_MB="inf")  # each worker failed to boot: exit 3, tracebacks
    assert done.returncode == 1, done.stderr
    assert "CAREERLOG_MAX_UPLOAD_MB" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_serve_names_a_missing_encryption_key_and_exits_1(database_url: str, serve: Serve) -> None:
    settings = Settings(database_url=database_url, encryption_key=AESCipher.create_key(32))
    with CareerLog.from_settings(settings) as ledger:
        ledger.record(f.nip(sequence=951), "appointment", f.appointment(), actor="hr")
    done = serve(database_url)
    assert done.returncode == 1, done.stderr
    assert "CAREERLOG_ENCRYPTION_KEY" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_serve_names_a_missing_encryption_key_on_an_empty_store_made_encrypted_and_exits_1(
    database_url: str, serve: Serve
) -> None:
    """The store holds no event yet, but its first process (a projection worker, `careerlog projections run --once`
    in docs/operations.md's steps) started with the key: until 2026-12-06 a server without it started, to be refused
    only at its first write (careerlog.storekey)."""
    CareerLog.from_settings(Settings(database_url=database_url, encryption_key=AESCipher.create_key(32))).close()
    done = serve(database_url, timeout=30)
    assert done.returncode == 1, done.stderr
    assert "CAREERLOG_ENCRYPTION_KEY is not set but the store is encrypted: it holds no event yet" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_serve_names_a_rules_names_or_scorecard_file_that_does_not_read_and_exits_1(
    database_url: str, tmp_path: Path, serve: Serve
) -> None:
    """Each worker would have found it on the first request that reads it (a 500 on an import with a name, on an
    audit, on the scorecard: until 2026-12-05 serve started past CAREERLOG_SCORECARD_FILE=/nope.toml, /health 200):
    the command finds it first."""
    broken = tmp_path / "broken.toml"
    broken.write_text("[meta\n", encoding="utf-8")
    for variable in ("CAREERLOG_RULES_FILE", "CAREERLOG_NAMES_FILE", "CAREERLOG_SCORECARD_FILE"):
        for file in (broken, tmp_path / "nope.toml"):
            done = serve(database_url, **{variable: str(file)})
            assert done.returncode == 1, (variable, file, done.stderr)
            assert done.stderr.startswith(f"Error: {variable}: "), (variable, done.stderr)
            assert str(file) in done.stderr, variable
            assert "Traceback" not in done.stderr + done.stdout, variable


def test_serve_refuses_a_secret_key_shorter_than_32_characters_and_exits_1(database_url: str, serve: Serve) -> None:
    done = serve(database_url, CAREERLOG_SECRET_KEY="x" * 31)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: CAREERLOG_SECRET_KEY: 31 characters, at least 32 are needed"), done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_serve_names_a_bad_log_in_failure_limit_and_exits_1(database_url: str, serve: Serve) -> None:
    done = serve(database_url, CAREERLOG_LOGIN_FAILURE_LIMIT="20 a day")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(
        "Error: CAREERLOG_LOGIN_FAILURE_LIMIT: a rate such as 20/hour or 10 per 30 minutes, or off; got '20 a day'"
    ), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
