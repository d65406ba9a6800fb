"""The scorecard's merit.findings_by_rule counts a promotion rule's findings of the rank promotions and a post rule's
of the post appointments, and merit.recorded_after_decision (evidence.recorded_after) of both together: its
denominator less a promotion rule's is the posts' count. Until 2026-12-06 a post rule's value withheld as a small cell
was so given away by the two shown beside it; now evidence.recorded_after's value is withheld, for that agency and year,
whenever a rule's is (projections.suppression.WITHHELD_WITH). Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import SARI, World
from tests.functional.test_api_posts import STRONGER, posted

__all__ = ["posted"]  # Budi appointed Pengawas of KOTA-MEDAN's BKPSDM in 2018; Dewi (STRONGER) of KOTA-MEDAN

pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

CARD = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2018&years=1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def promoted(posted: World) -> World:
    """Besides Budi's post appointment of 2018 (one person), two people of KOTA-MEDAN promoted in 2018."""
    posted.services.ledger.record(STRONGER, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    posted.services.ledger.record(SARI, "rank_promotion", f.promotion("III/b", "2018-10-01"), actor="test")
    posted.catch_up()
    return posted


def values(world: World, who: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    card = world.get(CARD, who).get_json()
    by_rule = [v for v in card["indicators"]["merit.findings_by_rule"]["trend"] if v["year"] == 2018]
    [after] = [v for v in card["indicators"]["merit.recorded_after_decision"]["trend"] if v["year"] == 2018]
    return by_rule, after


def test_recorded_after_is_withheld_when_a_post_rules_value_is(promoted: World) -> None:
    by_rule, after = values(promoted, "inspector")  # (exact: the counts the differencing would use)
    posts = next(v["denominator"] for v in by_rule if v["group"]["rule"].startswith("post."))
    promotions = next(v["denominator"] for v in by_rule if v["group"]["rule"].startswith("promotion."))
    assert (posts, promotions, after["denominator"]) == (1, 2, 3)

    promoted.services.min_cell = 2  # (the post rules' 1 person withheld, the promotion rules' 2 shown)
    by_rule, after = values(promoted, "policy")
    post_rules = [v for v in by_rule if v["group"]["rule"].startswith("post.")]
    promotion_rules = [v for v in by_rule if v["group"]["rule"].startswith("promotion.")]
    assert post_rules
    assert all(v["suppressed"] and v["denominator"] is None for v in post_rules)
    assert any(not v["suppressed"] and v["denominator"] == 2 for v in promotion_rules)
    # (3 less 2 was the post appointments' withheld 1)
    assert after["suppressed"] is True
    assert (after["numerator"], after["denominator"], after["value"]) == (None, None, None)


def test_recorded_after_is_shown_when_no_rules_value_is_withheld(promoted: World) -> None:
    promoted.services.min_cell = 1
    by_rule, after = values(promoted, "policy")
    assert not any(v["suppressed"] for v in by_rule)
    assert after["suppressed"] is False
    assert after["denominator"] == 3
