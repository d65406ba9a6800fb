"""The audited posts' list refuses `passed_over` (API 422 naming it, `careerlog audit posts --passed-over` exit 1
naming it), as the inspector's posts page refuses it: the lists compare no post appointment's colleagues (each
one's own page does), so `passed_over=true` answered 200 with no post and `false` with every post. Found on the
demo: /api/v1/audits/posts?passed_over=true listed 0 of 1,265 post appointments while `careerlog audit
passed-over` named post decisions that passed over a clearly stronger colleague, which reads as "no post passed
anyone over". The promotions' list still takes it. SQLite world: the store matters not."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World
from tests.functional.test_api_posts import posted

__all__ = ["posted"]  # Budi appointed Pengawas of BKPSDM on 2018-01-02 over a clearly stronger Dewi


@pytest.mark.parametrize("value", ["true", "false"])
def test_the_posts_list_refuses_passed_over_naming_it(posted: World, value: str) -> None:
    answer = posted.get(f"/api/v1/audits/posts?passed_over={value}", "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"] == {"passed_over": ["Unknown field."]}
    assert posted.get(f"/api/v1/audits/promotions?passed_over={value}", "inspector").status_code == 200


@pytest.mark.parametrize("flag", ["--passed-over", "--not-passed-over"])
def test_the_command_line_refuses_passed_over_on_posts(posted: World, store_url: str, flag: str) -> None:
    env = {"CAREERLOG_DATABASE_URL": store_url}
    result = CliRunner().invoke(main, ["audit", "posts", flag, "--format", "csv"], env=env)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: passed_over: "), result.output
    assert CliRunner().invoke(main, ["audit", "promotions", flag, "--format", "csv"], env=env).exit_code == 0
