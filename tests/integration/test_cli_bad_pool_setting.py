"""A malformed pool setting ends any careerlog command with a message naming it and exit 1, not a traceback.

careerlog's command group read the settings (Settings.from_env) outside the commands' error handling:
CAREERLOG_DB_POOL_SIZE=abc ended `careerlog info`, `careerlog serve` and every other command in a
traceback of ConfigurationError.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(("name", "raw"), [("CAREERLOG_DB_POOL_SIZE", "abc"), ("CAREERLOG_DB_MAX_OVERFLOW", "-1")])
@pytest.mark.parametrize("command", [["info"], ["serve", "--bind", "127.0.0.1:1"]])
def test_a_bad_pool_setting_is_named_and_exits_1(database_url: str, name: str, raw: str, command: list[str]) -> None:
    env = {**os.environ, "CAREERLOG_DATABASE_URL": database_url, name: raw}
    careerlog = str(Path(sys.executable).with_name("careerlog"))
    done = subprocess.run([careerlog, *command], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert name in done.stderr
    assert "Traceback" not in done.stderr
