"""The API's rate limit per token counts the requests of every worker of `careerlog serve`: 5 a minute with
CAREERLOG_API_RATE_LIMIT=5/minute, not 5 per worker (the counts are in the store: web.api.ratelimit).
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerlog.accounts import open_accounts
from careerlog.config import Settings
from tests.integration.test_serving import free_port, wait_until


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """`careerlog serve --workers 2` limiting each token to 5 requests a minute; its URL and two tokens."""
    accounts = open_accounts(Settings(database_url=database_url))
    accounts.create("bi-client", display_name="Reporting", role="admin", password=None)
    tokens = (accounts.issue_token("bi-client").token, accounts.issue_token("bi-client").token)
    accounts.store.close()
    port = free_port()
    env = {**os.environ, "CAREERLOG_DATABASE_URL": database_url, "CAREERLOG_API_RATE_LIMIT": "5/minute"}
    careerlog = str(Path(sys.executable).with_name("careerlog"))
    command = [careerlog, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "1"]
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: _status(f"{url}/api/openapi.json", None) == 200, timeout=120), log_path.read_text()
        assert wait_until(lambda: log_path.read_text().count("Booting worker with pid") >= 2, timeout=120)
        yield url, *tokens
    finally:
        process.terminate()
        process.wait(15)
        log.close()


def _status(url: str, token: str | None) -> int:
    """One request on a fresh connection (gunicorn's workers take turns at them)."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


def test_the_sixth_request_of_a_token_in_a_minute_is_refused_whichever_worker_takes_it(
    served: tuple[str, str, str],
) -> None:
    url, token, other = served
    assert [_status(f"{url}/api/v1/me", token) for _ in range(8)] == [200] * 5 + [429] * 3
    assert _status(f"{url}/api/v1/me", other) == 200  # another token of the same account counts on its own
