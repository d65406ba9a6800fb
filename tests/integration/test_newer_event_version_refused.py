"""A stored event this release can only misread, written by a newer release (as a release that gave
PerformanceRated its `score`, class version 2, writes it for one that knows version 1): a later version of the
event's class, or a correction setting a field the target's class does not have here. Refused as an event of a kind
only a newer release has (docs/operations.md, Upgrades): the API's 503 newer-release, a command's message and exit 1.
Before, such a record was read without the unknown fields (an export or the events list silently left them out) or a
read of it answered 422 "score: Unknown field." as if the client had sent it: what release 3f9edb9 answered beside
the release with PerformanceRated version 2 during a rolling upgrade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.domain.events import PerformanceRated
from careerlog.sqlstore import open_store
from tests import factories as f
from tests.integration.test_newer_events_refused import api_of

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=71)
SITI = f.nip(date(1988, 2, 14), date(2012, 3, 1), "F", sequence=72)
LATER = PerformanceRated.class_version + 1


def _rewrite(settings: Settings, table: str, nip: str, version: int, change: dict[str, object]) -> None:
    """Change a stored event's state as a newer release would have written it (the store is not encrypted)."""
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            state = write.scalar(
                f"SELECT state FROM {table} WHERE originator_id = ? AND originator_version = ?", (nip, version)
            )
            stored = orjson.loads(bytes(state))
            for name, value in change.items():
                stored[name] = {**stored[name], **value} if isinstance(value, dict) else value
            write.execute(
                f"UPDATE {table} SET state = ? WHERE originator_id = ? AND originator_version = ?",
                (orjson.dumps(stored), nip, version),
            )
    finally:
        sql.close()


@pytest.fixture
def store(database_url: str) -> Settings:
    """Budi's 2016 rating stored at a later class version with a field this release lacks; Siti's 2016 rating
    corrected by a correction that sets such a field."""
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    app.record(BUDI, "performance_rating", f.rating(2016), actor="hr")
    app.record(SITI, "appointment", f.appointment(date(1988, 2, 14), date(2012, 3, 1), "F"), actor="hr")
    app.record(SITI, "performance_rating", f.rating(2016), actor="hr")
    app.record(SITI, "correction", f.correction(2, "2026-11-02", predicate="SANGAT_BAIK"), actor="hr")
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    app.close()
    _rewrite(settings, table, BUDI, 2, {"class_version": LATER, "assessor": "Kepala Dinas"})
    _rewrite(settings, table, SITI, 3, {"corrected_fields": {"assessor": "Kepala Dinas"}})
    return settings


def test_an_export_of_an_event_of_a_later_class_version_stops_naming_the_newer_release(
    store: Settings, tmp_path: Path
) -> None:
    """Not an export without the field this release does not know (a backup that loses it)."""
    backup = tmp_path / "careerlog.jsonl"
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "export", str(backup)])
    assert result.exit_code == 1, result.output
    assert "recorded by a newer release" in result.output
    assert f"PerformanceRated version {LATER} of {BUDI}" in result.output
    assert "Traceback" not in result.output
    assert not backup.exists()


def test_a_worker_meeting_an_event_of_a_later_class_version_stops_with_the_message(store: Settings) -> None:
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "run", "--once"])
    assert result.exit_code == 1, result.output
    assert "recorded by a newer release" in result.output
    assert "docs/operations.md, Upgrades" in result.output


def test_the_api_answers_503_newer_release_for_a_later_class_version_or_a_correction_of_an_unknown_field(
    store: Settings,
) -> None:
    """Budi's events list (was 200 without the field) and a write to either record (Siti's was a 422 naming
    `assessor`, as if the client had sent it): 503 problem+json newer-release with Retry-After."""
    app, headers = api_of(store)
    try:
        client = app.test_client()
        training = {"kind": "training", **f.training("2016-01-08", hours=16, start="2016-01-07")}
        for answer in (
            client.get(f"/api/v1/employees/{BUDI}/events", headers=headers),
            client.post(f"/api/v1/employees/{BUDI}/events", json=training, headers=headers),
            client.post(f"/api/v1/employees/{SITI}/events", json=training, headers=headers),
        ):
            assert answer.status_code == 503, answer.text
            assert answer.get_json()["type"].endswith("newer-release")
            assert answer.headers["Retry-After"] == "300"
    finally:
        app.extensions["careerlog"].close()
