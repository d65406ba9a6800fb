"""The audited lists' `rule` filter takes a rule decisions are judged by; any other is refused naming `rule`.

The inspector's acceptance pass of 2026-12-02 asked for `rule=promotion.bogus` (a typo) and got 200 with no
decision: an empty list that reads "no decision broke this rule". A rule id the rules file does not hold, or one
no decision is judged by (skp.distribution, fairness.adverse_impact, the awards' rules), is now a 422 naming
`rule` through the API, beside the field on the inspector's page, and a message with a non-zero exit from the
command line; the lists are unchanged for every real rule.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.reference import rules
from projections.merit.queries import APPOINTMENT_RULES, judged_by
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

IN_THE_FILE = "is in the rules file but judges no audited decision"


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/api/v1/audits/promotions?rule=promotion.bogus", "Unknown rule"),
        # a rule of the rules file that judges something else is not called unknown (it answered "Unknown rule")
        ("/api/v1/audits/promotions?rule=skp.distribution", f"Rule skp.distribution {IN_THE_FILE}"),
        ("/api/v1/audits/posts?rule=promotion.tmt", "Unknown rule"),
        ("/api/v1/audits/posts?rule=awards.long_service_years", f"Rule awards.long_service_years {IN_THE_FILE}"),
    ],
)
def test_an_unknown_rule_is_422_naming_rule(world: World, path: str, said: str) -> None:
    response = world.get(path, "inspector")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert set(response.get_json()["errors"]) == {"rule"}
    assert said in response.get_json()["errors"]["rule"][0]


def test_every_rule_a_decision_is_judged_by_is_a_filter_of_the_list_of_its_decisions(world: World) -> None:
    # (a rule of the other list's decisions is refused: tests/functional/test_rules_of_the_decision_type.py)
    judged = sorted(rule for rule in rules().ids if judged_by(rule))
    lists = {
        "/api/v1/audits/promotions": ("promotion.", "evidence.recorded_after", "merit.passed_over"),
        "/api/v1/audits/posts": ("post.", "evidence.recorded_after"),
    }
    for path, own in lists.items():
        theirs = [rule for rule in judged if rule.startswith(own)]
        assert len(theirs) >= 2, path
        for rule in theirs:
            assert world.get(path, "inspector", query_string={"rule": rule}).status_code == 200, (path, rule)
    # a CPNS appointment's rule filters the list of every decision (careerlog audit promotions --with-posts:
    # tests/functional/test_appointment_starting_rank.py), no list of one type
    listed = {rule for own in lists.values() for rule in judged if rule.startswith(own)}
    assert listed | set(APPOINTMENT_RULES) == set(judged)


def test_the_inspectors_page_shows_an_unknown_rule_beside_its_field(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/audits?rule=promotion.bogus&lang=en")
    assert answer.status_code == 422
    assert '<span class="error" id="rule-error">Unknown rule' in answer.get_data(as_text=True)
    indonesian = world.client.get("/pages/audits?rule=promotion.bogus&lang=id").get_data(as_text=True)
    assert '<span class="error" id="rule-error">Aturan tidak dikenal: promotion.bogus.' in indonesian


def test_the_command_line_refuses_an_unknown_rule(world: World, store_url: str) -> None:
    world.catch_up()
    result = CliRunner().invoke(
        main, ["audit", "promotions", "--rule", "promotion.bogus"], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    assert result.exit_code != 0
    assert "rule" in result.output
    assert "Unknown rule: promotion.bogus." in result.output
