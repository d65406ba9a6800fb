"""Every audit refuses a `from` after today, naming it, as fairness and time to promotion did
(tests/functional/test_time_to_promotion_from_after_today.py): the API's lists (promotions, posts, appointments,
passed-over, awards, study leaves) 422, the pages beside the field, `careerlog audit promotions|posts|study-leaves|
passed-over --from` exit 2. No fact is dated after today (the ledger refuses one "in the future"), so such a period
ends before it begins. An exploratory tester (inspector, PostgreSQL) found /api/v1/audits/promotions?from=9999-12-31,
/audits/posts?from=2030-01-01 and /audits/passed-over?from=2030-01-01 answering 200 with an empty list where
/audits/fairness refused it. Today itself is still a `from`; a `to` after today lists what it lists to today."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_time_to_promotion_from_after_today import tomorrow

LISTS = ["promotions", "posts", "appointments", "passed-over", "awards", "study-leaves", "fairness?by=sex"]


@pytest.mark.parametrize("path", LISTS)
def test_every_audit_of_the_api_refuses_a_from_after_today_naming_it(world: World, path: str) -> None:
    joined = "&" if "?" in path else "?"
    for day in (tomorrow(), "9999-12-31"):
        answer = world.get(f"/api/v1/audits/{path}{joined}from={day}", "inspector")
        assert answer.status_code == 422, answer.get_json()
        assert list(answer.get_json()["errors"]) == ["from"]
        said = answer.get_json()["errors"]["from"][0]  # (until 2026-12-08 "... is after the end date {today}.")
        assert said.startswith(f"{day} is in the future (today is {latest_today().isoformat()}): ")
    today = latest_today().isoformat()
    assert world.get(f"/api/v1/audits/{path}{joined}from={today}", "inspector").status_code == 200
    assert world.get(f"/api/v1/audits/{path}{joined}to=2099-01-01", "inspector").status_code == 200


@pytest.mark.parametrize(
    "page", ["audits", "audits/posts", "audits/appointments", "audits/awards", "audits/study-leaves", "audits.csv"]
)
def test_the_pages_refuse_it_beside_the_field(world: World, page: str) -> None:
    log_in(world, "inspector")
    answer = world.client.get(f"/pages/{page}?from={tomorrow()}&lang=id")
    assert answer.status_code == 422
    text = answer.get_data(as_text=True)
    assert "berada di masa depan" in text  # in the page's language: "{start} is in the future (today is {today}): ..."
    if not page.endswith(".csv"):
        assert '<span class="error" id="from-error">' in text


@pytest.mark.parametrize("command", ["promotions", "posts", "study-leaves", "passed-over"])
def test_the_command_line_refuses_it_as_a_usage_error(world: World, database_url: str, command: str) -> None:
    env = {"CAREERLOG_DATABASE_URL": database_url}
    result = CliRunner().invoke(main, ["audit", command, "--from", tomorrow()], env=env)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--from': {tomorrow()} is after today" in result.output
