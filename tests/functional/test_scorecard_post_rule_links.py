"""The scorecard's count of the decisions with a post rule's finding links to the rows it counts.

merit.findings_by_rule counts, per rule, the audited decisions with a finding of it: for a post rule
(post.leadership_training, post.open_selection, ...) those are post appointments. Its `link` (the API's rows behind
the value, shown on the page as "GET ...") named /api/v1/audits/promotions with the post rule, which lists no post
appointment: on the demo, KOTA-MEDAN's 2022 post.leadership_training counted 1 and its link listed 0. The page's
"Open the rows" already went to the posts' list (test_scorecard_page_links_scope); the API's link now does too.
Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_api_posts import (
    STRONGER,
    posted,  # noqa: F401  # (the fixture: Budi Pengawas in 2018, no PKP)
)
from tests.functional.test_pages_auth import log_in

# Its tests on both stores on one worker (with test_scorecard_kept.py's): the page's charts drawn once for both
# stores (the process's kept drawings, web.pages.scorecard_charts.KEPT).
pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

CARD = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2018&years=1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def by_rule(world: World, rule: str) -> dict[str, Any]:
    card = world.get(CARD, "inspector").get_json()
    rows = card["indicators"]["merit.findings_by_rule"]["trend"]
    return next(r for r in rows if r["group"] == {"rule": rule} and r["year"] == 2018)


def test_a_post_rules_count_links_to_the_post_appointments_it_counts(posted: World) -> None:  # noqa: F811
    counted = by_rule(posted, "post.leadership_training")
    assert counted["numerator"] == 1
    assert counted["link"].startswith("/api/v1/audits/posts?")
    listed = posted.get(counted["link"], "inspector").get_json()
    assert [(i["decision"], i["kind"]) for i in listed["items"]] == [("post", "PENGAWAS")]
    assert listed["total"] == counted["numerator"]


def test_a_promotion_rules_count_still_links_to_the_promotions(posted: World) -> None:  # noqa: F811
    assert by_rule(posted, "promotion.time_in_rank")["link"].startswith("/api/v1/audits/promotions?")


def test_the_page_shows_the_post_rules_api_link_and_opens_the_posts_list(posted: World) -> None:  # noqa: F811
    log_in(posted, "inspector")
    text = posted.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=2018&years=1&lang=en").get_data(as_text=True)
    period = "agency=KOTA-MEDAN&amp;from=2018-01-01&amp;to=2018-12-31"
    assert f"GET /api/v1/audits/posts?{period}&amp;rule=post.leadership_training" in text
    assert f"GET /api/v1/audits/promotions?{period}&amp;rule=post." not in text
    assert "/pages/audits/posts?" in text


@pytest.fixture
def both(posted: World) -> World:  # noqa: F811
    """Budi's post appointment of 2018 and, in his agency, Dewi's rank promotion of 2018."""
    posted.services.ledger.record(STRONGER, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    posted.catch_up()
    return posted


def unfiltered(link: str) -> str:
    """A rule's link without its rule: the list of the decisions the rule judges."""
    path, query = link.split("?", 1)
    return path + "?" + "&".join(p for p in query.split("&") if not p.startswith("rule="))


@pytest.mark.parametrize("rule", ["post.leadership_training", "promotion.time_in_rank"])
def test_a_rules_rate_is_of_the_decisions_its_link_lists(both: World, rule: str) -> None:
    # (until 2026-12-06 every rule's denominator was the promotions and the posts together, 2 here, where its link
    # listed one kind: a promotion rule's 1/72 of KAB-DELISERDANG 2023 read 1/42 there)
    counted = by_rule(both, rule)
    judged = both.get(unfiltered(counted["link"]), "inspector").get_json()
    assert judged["total"] == 1
    assert counted["denominator"] == judged["total"]


def test_an_exact_readers_impact_ratio_is_withheld_nowhere(world: World) -> None:
    """An inspector reads exact figures: an impact ratio's group under min_cell has its rate withheld by the fairness
    audit (`details.selection_rate_withheld`), and nothing is suppressed for the reader; `details.suppressed` read
    true beside the indicator's `suppressed: false` (until 2026-12-06)."""
    card = world.get("/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2014&years=1", "inspector").get_json()
    shown = [i for dim in ("sex", "education") for i in card["indicators"][f"merit.impact_ratio_by_{dim}"]["trend"]]
    assert [i["details"]["selection_rate_withheld"] for i in shown if i["year"] == 2014].count("below_min_cell") > 0
    assert {(i["suppressed"], "suppressed" in i["details"]) for i in shown} == {(False, False)}
