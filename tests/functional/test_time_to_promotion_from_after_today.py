"""Time to promotion refuses a `from` after today, naming it (API 422, the fairness page's form beside the field in
the page's language, `careerlog audit time-to-promotion` exit 2, a usage error): waiting is counted until today at
the latest, so such a period ends before it begins. Found on the demo:
/api/v1/audits/time-to-promotion?by=sex&from=2030-01-01 answered 200 with "period": {"from": "2030-01-01", "to":
"2026-12-03"} and no group, and the fairness page showed the selection rates and silently no time to promotion (its
refusal was dropped). Today itself is still a `from`.
SQLite world: the store matters not."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from careerlog.cli import main
from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def tomorrow() -> str:
    """The day after the easternmost zone's today, read when a test runs: a constant read at collection was today by
    the time a test ran after that zone's midnight (15:00 UTC), and the refusal expected did not come."""
    return (latest_today() + timedelta(days=1)).isoformat()


def this_year() -> int:
    """The easternmost zone's year, read when a test runs (as `tomorrow`): a constant read at collection was last
    year by the time a test ran after Jayapura's New Year (31 December, 15:00 UTC)."""
    return latest_today().year


def test_the_api_refuses_a_from_after_today_naming_it(world: World) -> None:
    answer = world.get(f"/api/v1/audits/time-to-promotion?by=sex&from={tomorrow()}", "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert list(answer.get_json()["errors"]) == ["from"]
    assert "is in the future" in answer.get_json()["errors"]["from"][0]
    today = world.get(f"/api/v1/audits/time-to-promotion?by=sex&from={latest_today().isoformat()}", "inspector")
    assert today.status_code == 200


def test_the_fairness_page_shows_the_refusal_beside_from(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get(f"/pages/fairness?by=sex&from={tomorrow()}&lang=id")
    assert answer.status_code == 422
    text = answer.get_data(as_text=True)
    assert '<span class="error" id="from-error">' in text
    assert "berada di masa depan" in text  # in the page's language: "{start} is in the future (today is {today}): ..."


def test_the_command_line_refuses_a_from_after_today(world: World, store_url: str) -> None:
    world.catch_up()
    env = {"CAREERLOG_DATABASE_URL": store_url}
    result = CliRunner().invoke(main, ["audit", "time-to-promotion", "--from", tomorrow()], env=env)
    assert result.exit_code == 2, result.output  # a usage error (tests/integration/test_cli_dates.py)
    assert "Invalid value for '--from': " in result.output, result.output
