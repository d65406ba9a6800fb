"""An import stopped part-way (Ctrl-C, SIGTERM, a full disk) says how many events it recorded before the stop and
that importing the same file again records the rest once: Ctrl-C said "Aborted!" alone, a full disk the driver's
message alone, SIGTERM what it left but not how much. Then the same import again records the rest, each row once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from eventsourcing.persistence import OperationalError

import careerlog.cli
from careerlog.application import CareerLog
from careerlog.cli import Terminated, main
from careerlog.config import Settings
from tests import factories as f

NIP = "198609262010031001"  # (the factories' employee)


def rows_file(tmp_path: Path) -> Path:
    rows = [
        {"kind": "appointment", "nip": NIP, **f.appointment()},
        {"kind": "training", "nip": NIP, **f.training("2016-01-08", reference="STOP-1")},
        {"kind": "training", "nip": NIP, **f.training("2017-01-08", reference="STOP-2")},
    ]
    file = tmp_path / "events.jsonl"
    file.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows))
    return file


class StoppedAfterTheFirstBatch:
    """A progress bar whose first update (after the first batch is saved) stops the import with `stop`."""

    def __init__(self, stop: BaseException):
        self.stop = stop

    def __call__(self, *args: Any) -> StoppedAfterTheFirstBatch:
        return self

    def __enter__(self) -> StoppedAfterTheFirstBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        raise self.stop


def events(database_url: str) -> int:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        return app.max_notification_id()


@pytest.mark.parametrize(
    ("stop", "said"),
    [
        (KeyboardInterrupt(), "Import interrupted (Ctrl-C)."),
        (Terminated(), "Error: stopped by SIGTERM:"),
        (OperationalError("database or disk is full"), "Error: The import stopped: the store's disk is full"),
    ],
    ids=["ctrl-c", "sigterm", "disk-full"],
)
def test_an_import_stopped_part_way_says_how_many_events_it_recorded(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: BaseException, said: str
) -> None:
    file = rows_file(tmp_path)
    events(database_url)  # the store made, empty
    args = ["--database-url", database_url, "import", "--batch-size", "1", str(file)]
    with monkeypatch.context() as patched:
        patched.setattr(careerlog.cli, "_progress_bar", StoppedAfterTheFirstBatch(stop))
        result = CliRunner().invoke(main, args)
    assert result.exit_code != 0, result.output
    assert said in result.output
    recorded = events(database_url)
    assert recorded >= 1
    found = re.search(r"It recorded ([\d,]+) events? before the stop", result.output)
    assert found, result.output
    assert int(found.group(1).replace(",", "")) == recorded
    assert "Import the same file again to record the rest: a row already recorded is not recorded twice." in (
        result.output
    )
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "already recorded 1" in again.output
