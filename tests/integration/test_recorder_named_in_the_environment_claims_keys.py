"""A recorder named in the environment (APPLICATION_RECORDER_TOPIC, or CAREERLOG_APPLICATION_RECORDER_TOPIC) was
used in place of careerlog's keyed recorder (careerlog.persistence.KEYED_RECORDERS), and the library's plain one
ignores a write's client keys: one key was accepted for a second record (review of 2026-12-06). Such a setting is
now refused at start, naming it, unless the recorder it names is careerlog's or a subclass of it."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import get_topic

from careerlog.application import CareerLog
from careerlog.config import ConfigurationError, Settings
from careerlog.persistence import PostgresKeyedRecorder, SQLiteKeyedRecorder

PLAIN = {"sqlite": SQLiteApplicationRecorder, "postgres": PostgresApplicationRecorder}
KEYED = {"sqlite": SQLiteKeyedRecorder, "postgres": PostgresKeyedRecorder}


def store(database_url: str) -> str:
    return "postgres" if database_url.startswith("postgres") else "sqlite"


@pytest.mark.parametrize("setting", ["APPLICATION_RECORDER_TOPIC", "CAREERLOG_APPLICATION_RECORDER_TOPIC"])
def test_a_plain_recorder_named_in_the_environment_is_refused_at_start_naming_the_setting(
    database_url: str, setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(setting, get_topic(PLAIN[store(database_url)]))
    with pytest.raises(ConfigurationError, match=rf"^{setting} names the recorder .*client keys"):
        CareerLog.from_settings(Settings(database_url=database_url))


def test_a_topic_naming_no_recorder_is_refused_at_start_naming_the_setting(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APPLICATION_RECORDER_TOPIC", "careerlog.nowhere:Recorder")
    with pytest.raises(ConfigurationError, match=r"^APPLICATION_RECORDER_TOPIC names the recorder"):
        CareerLog.from_settings(Settings(database_url=database_url))


class SQLiteOwnRecorder(SQLiteKeyedRecorder):
    """A recorder of a deployment's own, careerlog's made more of."""


class PostgresOwnRecorder(PostgresKeyedRecorder):
    """A recorder of a deployment's own, careerlog's made more of."""


OWN = {"sqlite": SQLiteOwnRecorder, "postgres": PostgresOwnRecorder}


def test_careerlogs_recorder_or_a_subclass_named_in_the_environment_is_used(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for named in (KEYED[store(database_url)], OWN[store(database_url)]):
        monkeypatch.setenv("APPLICATION_RECORDER_TOPIC", get_topic(named))
        app: Any = CareerLog.from_settings(Settings(database_url=database_url))
        with app:
            assert type(app.recorder) is named
