"""The audited promotions' 'Finding (rule)' list offers only the rules a promotion is judged by: it
offered every rule of the rules file (awards.*, skp.distribution, training.*, post.* ...), and picking
one of those answered 422 'Unknown rule' (or, for a post rule, an always empty list of promotions). Each is
named by its label in the visitor's language, the code the option's value (until 2026-12-07 the code alone,
`promotion.time_in_rank`, was shown)."""

from __future__ import annotations

import re

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def rule_options(page: str) -> dict[str, str]:
    """The rule filter's options: each value (the rule's code) and the text shown."""
    select = re.search(r'<select id="f-rule" name="rule"[^>]*>(.*?)</select>', page, re.S)
    assert select, "the page has the rule filter"
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select.group(1)))


def offered_rules(page: str) -> list[str]:
    return list(rule_options(page))


def test_rule_filter_offers_only_the_rules_promotions_are_judged_by(world: World) -> None:
    log_in(world, "inspector")
    offered = offered_rules(world.client.get("/pages/audits?lang=en").get_data(as_text=True))
    assert "promotion.time_in_rank" in offered
    assert "evidence.recorded_after" in offered
    assert "merit.passed_over" in offered
    assert not [r for r in offered if not r.startswith(("promotion.", "evidence.", "merit."))], offered
    for rule in offered:  # each choice is a filter the list takes
        assert world.client.get(f"/pages/audits?rule={rule}").status_code == 200, rule


def test_rule_filter_names_each_rule_by_its_label_in_the_visitors_language(world: World) -> None:
    log_in(world, "inspector")
    english = rule_options(world.client.get("/pages/audits?lang=en").get_data(as_text=True))
    assert english["promotion.time_in_rank"] == "Minimum years in rank"
    assert english["merit.passed_over"] == "Stronger colleague passed over"
    assert not [code for code, shown in english.items() if shown == code], english  # (every rule has its label)
    page = world.client.get("/pages/audits?lang=id&rule=promotion.time_in_rank").get_data(as_text=True)
    indonesian = rule_options(page)
    assert indonesian["promotion.time_in_rank"] == "Masa kerja minimum dalam pangkat"
    assert '<option value="promotion.time_in_rank" selected>' in page  # (the filter applied stays chosen)
    posts = rule_options(world.client.get("/pages/audits/posts?lang=en").get_data(as_text=True))
    assert posts["post.education"] == "Minimum education for the post"
