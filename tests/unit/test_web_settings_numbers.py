"""The web service's number settings (docs/operations.md, Configuration) take finite numbers a date can hold.

`float()` reads `nan`, `inf` and `1e400` as numbers, and none is 0 or less, so they passed the check: with
CAREERLOG_MAX_UPLOAD_MB=inf each gunicorn worker failed to boot (OverflowError converting it to bytes; a traceback
per worker, exit 3, instead of the documented message naming the variable and exit 1); CAREERLOG_WAIT_SECONDS=nan
or inf made a read with wait_for wait without end (the library's wait never times out against a nan deadline);
CAREERLOG_SESSION_HOURS=nan ended every page session at once (no age is at most nan hours); and a session length
past the calendar's end (CAREERLOG_SESSION_HOURS=1e9, CAREERLOG_SESSION_IDLE_MINUTES=1e300) failed the log-ins'
pages or the workers' boot with OverflowError."""

from __future__ import annotations

import pytest

from careerlog.config import ConfigurationError
from web.config import WebSettings

NUMBERS = [
    "CAREERLOG_MAX_UPLOAD_MB",
    "CAREERLOG_WAIT_SECONDS",
    "CAREERLOG_SESSION_IDLE_MINUTES",
    "CAREERLOG_SESSION_HOURS",
    "CAREERLOG_MIN_CELL",
    "CAREERLOG_MAX_PAGE_OFFSET",
    "CAREERLOG_IMPORT_JOB_ROWS",
]


@pytest.mark.parametrize("name", NUMBERS)
@pytest.mark.parametrize("raw", ["nan", "inf", "Infinity", "-nan", "1e400"])
def test_a_number_setting_that_is_not_finite_is_refused_naming_it(name: str, raw: str) -> None:
    with pytest.raises(ConfigurationError, match=name):
        WebSettings.from_env({name: raw})


@pytest.mark.parametrize(
    ("name", "raw"), [("CAREERLOG_SESSION_HOURS", "1e9"), ("CAREERLOG_SESSION_IDLE_MINUTES", "1e300")]
)
def test_a_session_length_past_the_calendar_is_refused_naming_it(name: str, raw: str) -> None:
    with pytest.raises(ConfigurationError, match=f"{name}: too long"):
        WebSettings.from_env({name: raw})


def test_long_settings_that_a_date_holds_are_taken() -> None:
    web = WebSettings.from_env({"CAREERLOG_SESSION_HOURS": "87600", "CAREERLOG_MAX_UPLOAD_MB": "1e6"})
    assert web.session_hours == 87600
    assert web.flask_config()["MAX_CONTENT_LENGTH"] == 10**6 * 1024 * 1024


@pytest.mark.parametrize("raw", ["0", "-5", "2.5", "many"])
def test_the_import_job_rows_are_a_whole_number_above_0(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_IMPORT_JOB_ROWS"):
        WebSettings.from_env({"CAREERLOG_IMPORT_JOB_ROWS": raw})
    assert (
        WebSettings.from_env({"CAREERLOG_IMPORT_JOB_ROWS": "20000"}).flask_config()["CAREERLOG_IMPORT_JOB_ROWS"]
        == 20000
    )
