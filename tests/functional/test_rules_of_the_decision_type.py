"""A list of audited decisions filtered by a rule that does not judge its decisions is refused naming `rule` and
saying which rules do, through the API (422), on the inspector's pages (beside the field) and on the command line
(exit 1): a post.* rule never finds a rank promotion, nor a promotion.* rule a post appointment, and the lists
compare only regular promotions' colleagues, so merit.passed_over finds no post appointment in them. Each answered
200 with an empty list, which reads "no decision broke this rule". evidence.recorded_after judges both; the command
line's list of every decision (`audit promotions --with-posts`) takes any rule decisions are judged by."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

NOT_PROMOTIONS = "Rule {} does not judge rank promotions"
NOT_POSTS = "Rule {} does not judge post appointments in their list"
APPOINTMENTS_APART = "Rule {} judges CPNS appointments, not the decisions of this list: they have a list of their own"


@pytest.mark.parametrize(
    ("path", "rule", "refusal"),
    [
        ("/api/v1/audits/promotions", "post.leadership_training", NOT_PROMOTIONS),
        ("/api/v1/audits/promotions", "post.rank_range", NOT_PROMOTIONS),
        ("/api/v1/audits/posts", "promotion.time_in_rank", NOT_POSTS),
        ("/api/v1/audits/posts", "merit.passed_over", NOT_POSTS),
        # (it pointed to the post appointments' list, which does not list them either)
        ("/api/v1/audits/promotions", "appointment.starting_rank", APPOINTMENTS_APART),
        ("/api/v1/audits/posts", "appointment.starting_rank", APPOINTMENTS_APART),
    ],
)
def test_a_rule_of_the_other_decision_type_is_422_naming_rule(world: World, path: str, rule: str, refusal: str) -> None:
    answer = world.get(path, "inspector", query_string={"rule": rule})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert list(answer.get_json()["errors"]) == ["rule"]
    assert answer.get_json()["errors"]["rule"][0].startswith(refusal.format(rule))


def test_the_inspectors_pages_show_a_rule_of_the_other_type_beside_its_field(world: World) -> None:
    log_in(world, "inspector")
    for path, rule, refusal in (
        ("/pages/audits", "post.rank_range", NOT_PROMOTIONS),
        ("/pages/audits/posts", "promotion.dates", NOT_POSTS),
        ("/pages/audits.csv", "post.rank_range", NOT_PROMOTIONS),
    ):
        answer = world.client.get(path, query_string={"rule": rule, "lang": "en"})
        assert answer.status_code == 422, path
        assert refusal.format(rule) in answer.get_data(as_text=True), path
    indonesian = world.client.get("/pages/audits", query_string={"rule": "post.rank_range", "lang": "id"})
    assert 'id="rule-error">Aturan post.rank_range tidak menilai kenaikan pangkat' in indonesian.get_data(as_text=True)


@pytest.mark.parametrize(
    ("command", "rule", "refusal"),
    [("promotions", "post.rank_range", NOT_PROMOTIONS), ("posts", "promotion.dates", NOT_POSTS)],
)
def test_the_command_line_refuses_a_rule_of_the_other_type(
    world: World, store_url: str, command: str, rule: str, refusal: str
) -> None:
    env = {"CAREERLOG_DATABASE_URL": store_url}
    world.catch_up()
    result = CliRunner().invoke(main, ["audit", command, "--rule", rule], env=env)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: rule: {refusal.format(rule)}"), result.output
    every = CliRunner().invoke(main, ["audit", "promotions", "--with-posts", "--rule", rule], env=env)
    assert every.exit_code == 0, every.output
