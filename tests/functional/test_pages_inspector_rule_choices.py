"""The audited promotions' 'Finding (rule)' list offers only the rules a promotion is judged by: it
offered every rule of the rules file (awards.*, skp.distribution, training.*, post.* ...), and picking
one of those answered 422 'Unknown rule' (or, for a post rule, an always empty list of promotions)."""

from __future__ import annotations

import re

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def offered_rules(page: str) -> list[str]:
    select = re.search(r'<select id="f-rule" name="rule"[^>]*>(.*?)</select>', page, re.S)
    assert select, "the page has the rule filter"
    return [r for r in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)) if "." in r]


def test_rule_filter_offers_only_the_rules_promotions_are_judged_by(world: World) -> None:
    log_in(world, "inspector")
    offered = offered_rules(world.client.get("/pages/audits?lang=en").get_data(as_text=True))
    assert "promotion.time_in_rank" in offered
    assert "evidence.recorded_after" in offered
    assert "merit.passed_over" in offered
    assert not [r for r in offered if not r.startswith(("promotion.", "evidence.", "merit."))], offered
    for rule in offered:  # each choice is a filter the list takes
        assert world.client.get(f"/pages/audits?rule={rule}").status_code == 200, rule
