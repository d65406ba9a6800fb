"""The year and day options of the command line are read as its numbers are (careerlog.cli_numbers): a value the
option cannot take is a usage error, refused at once in click's words naming the option and the reason, exit 2,
before the store is opened. Before, `report scorecard --year` of a year not yet begun, `--years` reaching back
before 1900, an `audit ... --from` or `--to` not written YYYY-MM-DD, a `--to` before the `--from` (grade inflation's
years too) and `audit time-to-promotion --from` after today were refused only by the queries, after the store was
opened, as a failure of the command (exit 1, "Error: year: Must be between 1900 and 2026, got 2030."). The export
takes no year nor day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from careerlog.domain.ledger import latest_today
from tests.functional.test_time_to_promotion_from_after_today import this_year

LISTS = ["promotions", "posts", "passed-over", "fairness", "time-to-promotion"]


def invoke(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}"})


def refused(tmp_path: Path, result: Result, option: str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': {reason}" in result.output, result.output
    assert not (tmp_path / "store.db").exists()  # refused before the store was opened


def test_a_scorecard_year_after_this_year_is_a_usage_error_naming_the_latest_year(tmp_path: Path) -> None:
    year = this_year()
    result = invoke(tmp_path, "report", "scorecard", "--agency", "KOTA-MEDAN", "--year", str(year + 1))
    refused(tmp_path, result, "--year", f"{year + 1} is not in the range 1900<=x<={year}.")


def test_a_scorecard_trend_reaching_before_1900_is_a_usage_error_naming_years(tmp_path: Path) -> None:
    result = invoke(tmp_path, "report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "1901", "--years", "3")
    refused(tmp_path, result, "--years", "The trend would reach back to 1899, before 1900: at most 2 for 1901.")


@pytest.mark.parametrize("year", ["1900", "1901"])
def test_a_scorecard_year_whose_default_trend_reaches_before_1900_is_a_usage_error_naming_year_and_its_range(
    tmp_path: Path, year: str
) -> None:
    result = invoke(tmp_path, "report", "scorecard", "--agency", "KOTA-MEDAN", "--year", year)
    start, most = int(year) - 2, int(year) - 1899
    reason = (
        f"{year} is not in the range 1902<=x<={this_year()} with the default --years 3: the trend would reach back to "
        f"{start}, before 1900 (or give --years, at most {most} for {year})."
    )
    refused(tmp_path, result, "--year", reason)


@pytest.mark.parametrize("command", LISTS)
@pytest.mark.parametrize(("option", "value"), [("--from", "20200101"), ("--to", "2020-W01-1"), ("--to", "2020-02-30")])
def test_an_audit_day_not_written_yyyy_mm_dd_is_a_usage_error_naming_its_option(
    tmp_path: Path, command: str, option: str, value: str
) -> None:
    result = invoke(tmp_path, "audit", command, option, value)
    refused(tmp_path, result, option, f"{value!r} is not a day written YYYY-MM-DD.")


@pytest.mark.parametrize("command", LISTS)
def test_an_audit_period_ending_before_it_begins_is_a_usage_error_naming_to(tmp_path: Path, command: str) -> None:
    result = invoke(tmp_path, "audit", command, "--to", "2020-12-31", "--from", "2021-01-01")
    refused(tmp_path, result, "--to", "2020-12-31 is before --from 2021-01-01.")


def test_grade_inflation_years_reversed_are_a_usage_error_naming_to(tmp_path: Path) -> None:
    result = invoke(tmp_path, "audit", "grade-inflation", "--from", "2025", "--to", "2020")
    refused(tmp_path, result, "--to", "2020 is before --from 2025.")


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_grade_inflation_year_after_this_year_is_a_usage_error_naming_its_option(tmp_path: Path, option: str) -> None:
    # (found in review: `--from 2030` answered "0 unit-years with grade inflation", exit 0, where every other audit
    # refuses a `--from` after today and the API a `year` after this one; the year read when the value is)
    year = latest_today().year + 1
    result = invoke(tmp_path, "audit", "grade-inflation", option, str(year))
    refused(tmp_path, result, option, f"{year} is not in the range 1900<=x<={year - 1}.")


def test_a_time_to_promotion_from_after_today_is_a_usage_error_naming_today(tmp_path: Path) -> None:
    # (the day after today worked out here, not when the module is collected: a run crossing midnight in UTC+9,
    # 15:00 UTC, made it today)
    today = latest_today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    result = invoke(tmp_path, "audit", "time-to-promotion", "--from", tomorrow)
    refused(tmp_path, result, "--from", f"{tomorrow} is after today ({today.isoformat()}).")
