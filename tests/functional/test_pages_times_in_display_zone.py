"""The pages, and their downloads for people, show a recorded time in the display time zone (CAREERLOG_TIMEZONE, by
default Asia/Jakarta), named as Indonesians name it (WIB, WITA, WIT): an HR officer in Medan read "Kirim formulir ini
sebelum ... 20.28 UTC" and had to add 7 hours to every time on the pages. A TMT is a calendar day and never shifts; the
JSON API keeps answering instants in UTC. A name of no time zone stops every command naming the variable."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from flask import Flask

from careerlog.application import Command, Migration
from careerlog.cli import main
from careerlog.config import ConfigurationError, Settings
from tests import factories as f
from tests.functional.conftest import BUDI, TEST_CONFIG, World
from tests.functional.test_pages_auth import log_in
from web import create_app
from web.config import WebSettings
from web.pages import local_date, local_datetime, zone_name

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
# the setting (None: unset) and the zone's name and offset as the pages should show its times
ZONES = {None: ("Asia/Jakarta", "WIB"), "Asia/Jayapura": ("Asia/Jayapura", "WIT")}
# a fact recorded at 16:30 UTC: 23:30 on 6 January in WIB, already 01:30 on the 7th in WIT
RECORDED = datetime(2025, 1, 6, 16, 30, tzinfo=UTC)
TMT = "2025-01-06"
TMT_SHOWN = "6 Jan 2025"


@pytest.fixture(params=list(ZONES), ids=["default", "Asia/Jayapura"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    if request.param is None:
        monkeypatch.delenv("CAREERLOG_TIMEZONE", raising=False)
    else:
        monkeypatch.setenv("CAREERLOG_TIMEZONE", request.param)
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def test_config(zone: str | None) -> dict[str, Any]:
    """(the app is made after `zone` set the variable: web.create_app reads the web settings from the environment)"""
    return dict(TEST_CONFIG)


def indonesian(moment: datetime, zone: str | None) -> str:
    """A moment as an Indonesian page shows it in the zone: "7 Jan 2025 01.30.00 WIT"."""
    name, label = ZONES[zone]
    there = moment.astimezone(ZoneInfo(name))
    return f"{there.day} {MONTHS[there.month - 1]} {there.year} {there:%H.%M.%S} {label}"


def test_a_recorded_time_is_shown_in_the_zone_named_in_both_languages(app: Flask, zone: str | None) -> None:
    with app.test_request_context("/pages/?lang=en"):
        app.preprocess_request()
        english = {None: "May 8, 2001, 8:31:00\u202fAM WIB", "Asia/Jayapura": "May 8, 2001, 10:31:00\u202fAM WIT"}
        assert local_datetime("2001-05-08T01:31:00+00:00") == english[zone]
    with app.test_request_context("/pages/?lang=id"):
        app.preprocess_request()
        assert local_datetime("2001-05-08T01:31:00+00:00") == indonesian(datetime(2001, 5, 8, 1, 31, tzinfo=UTC), zone)
        assert local_datetime(None) == ""


def test_the_form_deadline_is_in_the_zone(world: World, zone: str | None) -> None:
    log_in(world, "hr")
    before = datetime.now(UTC).replace(microsecond=0)
    page = world.client.get("/pages/record?kind=training&lang=id").get_data(as_text=True)
    after = datetime.now(UTC).replace(microsecond=0)
    notice = re.search(r'<p class="help" id="session-ends">(.*?)</p>', page, re.S)
    assert notice, page
    assert "Kirim formulir ini sebelum" in notice[1]
    ends = {indonesian(moment + timedelta(minutes=30), zone) for moment in (before, after)}
    assert any(time in notice[1] for time in ends), (notice[1], ends)
    assert "UTC" not in notice[1]


def test_the_access_log_on_the_career_page_is_in_the_zone_and_the_api_keeps_utc(world: World, zone: str | None) -> None:
    assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200
    [entry] = world.get(f"/api/v1/access-log?nip={BUDI}").get_json()["items"]
    at = datetime.fromisoformat(entry["at"])
    assert at.utcoffset() == timedelta(0)  # (the API answers UTC whatever the setting)
    log_in(world, "employee")
    page = html.unescape(world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True))
    readers = page[page.index('id="h-readers"') :]
    assert indonesian(at.replace(microsecond=0), zone) in readers, readers[:2000]


def migrated_training(world: World) -> None:
    """A training of TMT 2025-01-06 recorded at 16:30 UTC on that day (RECORDED)."""
    migration = Migration(recorded_at=RECORDED, recorded_by="legacy")
    command = Command(BUDI, "training", f.training(TMT, hours=16, start="2025-01-02"), migration=migration)
    (outcome,) = world.services.ledger.record_batch([command], actor="admin")
    assert not isinstance(outcome, Exception), outcome
    world.catch_up()


def test_the_career_page_shows_the_day_recorded_in_the_zone_and_the_tmt_as_it_is(
    world: World, zone: str | None
) -> None:
    migrated_training(world)
    log_in(world, "hr")
    page = html.unescape(world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True))
    rows = re.findall(r'<tr id="event-\d+"[^>]*>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>', page)
    recorded_day = {None: "6 Jan 2025", "Asia/Jayapura": "7 Jan 2025"}[zone]
    assert (TMT_SHOWN, recorded_day) in rows, rows  # the TMT a calendar day, the same in every zone
    assert f"Dicatat pada ({ZONES[zone][1]})</th>" in page


def test_the_record_csv_shows_recorded_times_in_the_zone_and_the_tmt_as_it_is(world: World, zone: str | None) -> None:
    migrated_training(world)
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang=id")
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    label = ZONES[zone][1]
    [row] = [r for r in rows if r[f"Dicatat pada ({label})"].startswith("2025-")]
    shown = {None: "2025-01-06 23:30:00", "Asia/Jayapura": "2025-01-07 01:30:00"}[zone]
    assert row[f"Dicatat pada ({label})"] == shown
    assert row["Tanggal berlaku (TMT)"] == TMT
    assert f"Dikoreksi pada ({label})" in row
    assert all("UTC" not in column for column in row)


def test_a_tmt_is_the_same_day_in_any_zone_and_a_recorded_time_its_day_there(app: Flask, zone: str | None) -> None:
    with app.test_request_context("/pages/?lang=id"):
        app.preprocess_request()
        assert local_date(TMT) == "6 Jan 2025"
        assert local_date(RECORDED.isoformat()) == {None: "6 Jan 2025", "Asia/Jayapura": "7 Jan 2025"}[zone]


@pytest.mark.parametrize(
    ("value", "label", "column"),
    [
        ("Asia/Makassar", "WITA", "WITA"),
        ("Asia/Pontianak", "WIB", "WIB"),
        ("UTC", "UTC", "UTC"),
        ("Asia/Kolkata", "UTC+05:30", "UTC+05:30"),
        ("Europe/Amsterdam", "UTC+02:00", "Europe/Amsterdam"),  # (a column of times of summer and winter: its name)
    ],
)
def test_a_zone_is_named_wib_wita_wit_or_by_its_offset(store_url: str, value: str, label: str, column: str) -> None:
    web = WebSettings(secret_key="k" * 32, timezone=value)
    app = create_app(Settings(database_url=store_url), web=web, test_config=dict(TEST_CONFIG))
    try:
        with app.test_request_context("/pages/?lang=id"):
            app.preprocess_request()
            assert local_datetime("2001-05-08T01:31:00+00:00").endswith(f" {label}")
            assert zone_name() == column
    finally:
        app.extensions["careerlog"].close()


@pytest.mark.parametrize("value", ["Jakarta", "WIB", "+07:00", "asia/jakarta", "localtime", "Asia/Medan"])
def test_a_name_of_no_time_zone_is_refused_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_TIMEZONE: the IANA name of a time zone"):
        Settings.from_env({"CAREERLOG_TIMEZONE": value})
    with pytest.raises(ConfigurationError, match="CAREERLOG_TIMEZONE"):
        WebSettings.from_env({"CAREERLOG_TIMEZONE": value})
    assert WebSettings.from_env({"CAREERLOG_TIMEZONE": "Asia/Makassar"}).flask_config()["BABEL_DEFAULT_TIMEZONE"] == (
        "Asia/Makassar"
    )
    assert Settings.from_env({}).display_timezone == "Asia/Jakarta"


def test_a_bad_zone_stops_a_command_at_start_exit_1(database_url: str) -> None:
    env = {"CAREERLOG_DATABASE_URL": database_url, "CAREERLOG_TIMEZONE": "Jakarta"}
    result = CliRunner().invoke(main, ["info"], env=env)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "CAREERLOG_TIMEZONE: the IANA name of a time zone" in result.output
    assert "'Jakarta'" in result.output
