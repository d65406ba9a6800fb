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
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/audits/promotions?rule=promotion.bogus",
        "/api/v1/audits/promotions?rule=skp.distribution",
        "/api/v1/audits/posts?rule=promotion.tmt",
        "/api/v1/audits/posts?rule=awards.long_service_years",
    ],
)
def test_an_unknown_rule_is_422_naming_rule(world: World, path: str) -> None:
    response = world.get(path, "inspector")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert set(response.get_json()["errors"]) == {"rule"}
    assert "Unknown rule" in response.get_json()["errors"]["rule"][0]


@pytest.mark.parametrize(
    "rule", ["promotion.time_in_rank", "promotion.functional_range", "post.rank_range", "evidence.recorded_after"]
)
def test_every_rule_a_decision_is_judged_by_is_a_filter(world: World, rule: str) -> None:
    assert world.get(f"/api/v1/audits/promotions?rule={rule}", "inspector").status_code == 200
    assert world.get(f"/api/v1/audits/posts?rule={rule}", "inspector").status_code == 200


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
