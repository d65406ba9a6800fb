"""CAREERLOG_IMPORT_WRITE_AHEAD is read as CAREERLOG_SECURE_COOKIES is (careerlog.config.switch_setting): `on` (or 1,
true, yes, in any case) makes an import write each batch while it decides the next, `off` (or 0, false, no; unset)
not, and anything else stops every command at start naming the variable, exit 1, nothing recorded. Before, `on`
alone counted: `true`, `1` or `yes` were silently read as off, and so was a typo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import careerlog.application as application
from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import ConfigurationError, Settings
from careerlog.importing import import_file, writes_ahead
from tests import factories as f
from tests.integration.test_import_export import rows, write_jsonl

ON = ["on", "ON", " on ", "1", "true", "True", "yes"]
OFF = [None, "", "off", "0", "false", "no", "NO"]


def chosen(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("CAREERLOG_IMPORT_WRITE_AHEAD", raising=False)
    else:
        monkeypatch.setenv("CAREERLOG_IMPORT_WRITE_AHEAD", value)


@pytest.mark.parametrize("value", ON)
def test_on_1_true_or_yes_writes_ahead(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    chosen(monkeypatch, value)
    assert writes_ahead() is True
    assert Settings.from_env({"CAREERLOG_IMPORT_WRITE_AHEAD": value}).import_write_ahead is True


@pytest.mark.parametrize("value", OFF)
def test_off_0_false_no_or_unset_does_not(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    chosen(monkeypatch, value)
    assert writes_ahead() is False
    env = {} if value is None else {"CAREERLOG_IMPORT_WRITE_AHEAD": value}
    assert Settings.from_env(env).import_write_ahead is False


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_an_import_with_true_1_or_yes_writes_ahead_on_both_stores(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    chosen(monkeypatch, value)
    written: list[int] = []
    add = application.WritingAhead.add

    def counted(self: application.WritingAhead, *args: Any) -> Any:
        written.append(1)
        return add(self, *args)

    monkeypatch.setattr(application.WritingAhead, "add", counted)
    path = write_jsonl(tmp_path / "e.jsonl", rows()[:3])
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        assert import_file(app, path, actor="hr", batch_size=1).recorded == 3
    assert written


@pytest.mark.parametrize("value", ["enabled", "2", "onn", "y"])
def test_any_other_value_is_refused_naming_the_variable(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    chosen(monkeypatch, value)
    with pytest.raises(ConfigurationError, match="CAREERLOG_IMPORT_WRITE_AHEAD: on or off"):
        writes_ahead()
    with pytest.raises(ConfigurationError, match="CAREERLOG_IMPORT_WRITE_AHEAD: on or off"):
        Settings.from_env({"CAREERLOG_IMPORT_WRITE_AHEAD": value})


@pytest.mark.parametrize("command", ["import", "info"])
def test_any_other_value_stops_a_command_at_start_exit_1_and_nothing_is_recorded(
    database_url: str, tmp_path: Path, command: str
) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", rows()[:3])
    args = ["import", str(path)] if command == "import" else ["info"]
    env = {"CAREERLOG_DATABASE_URL": database_url, "CAREERLOG_IMPORT_WRITE_AHEAD": "enabled"}
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (
        "CAREERLOG_IMPORT_WRITE_AHEAD: on or off (or 1 or 0, true or false, yes or no), got 'enabled'" in result.output
    )
    assert "store:" not in result.output
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        assert not app.max_notification_id()
