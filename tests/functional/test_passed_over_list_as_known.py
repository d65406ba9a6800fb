"""The lists of regular (101) promotions (API list, its filters and CSV, `careerlog audit passed-over`) judge
each colleague on the record as known before the decision was recorded, as the decision's own page does
(test_passed_over_page_as_known): a colleague clearly stronger then and trained more later, or eligible then
with a penalty recorded later, is passed over in the list too, and the list agrees with the page. The lists
read the final record's rounds, which left both out (`known_from < decided_at`): the list read
`compliant` beside a page reading `findings` (docs/audit.md)."""

from __future__ import annotations

import pytest

from projections.merit.queries import PassedOverQueries
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed, promotion_of
from tests.functional.test_api_posts import STRONGER, record

PROMOTIONS = "/api/v1/audits/promotions"
__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def assert_listed_as_on_the_page(world: World, count: int) -> None:
    [listed] = promotion_of(world)
    page = world.get(f"{PROMOTIONS}/{listed['id']}", "inspector").get_json()
    assert (page["verdict"], page["passed_over_count"]) == ("findings" if count else "compliant", count)
    assert (listed["verdict"], listed["passed_over_count"]) == (page["verdict"], page["passed_over_count"])
    assert promotion_of(world, f"&passed_over={'true' if count else 'false'}") == [listed]
    assert promotion_of(world, f"&verdict={listed['verdict']}") == [listed]
    found = PassedOverQueries(world.services.projector.views.sql).passed_over(nip=BUDI, round_date="2018-04-01")
    assert [p["colleague"] for p in found] == [STRONGER] * count


def test_a_colleague_stronger_then_and_trained_more_later_is_passed_over_in_the_list(passed: World) -> None:
    record(passed, STRONGER, "training", f.training("2016-05-20", 24, "2016-05-18"))  # recorded after the decision
    passed.catch_up()
    assert_listed_as_on_the_page(passed, 1)
    [found] = PassedOverQueries(passed.services.projector.views.sql).passed_over(nip=BUDI)
    assert found["comparison"]["training_jp"] == {"promoted": 0.0, "colleague": 40.0}  # as known then


def test_a_colleague_eligible_then_whose_penalty_was_recorded_later_is_passed_over_in_the_list(
    passed: World,
) -> None:
    penalty = {"effective_date": "2017-11-01", "reference": "HD-1", "level": "MEDIUM"}
    penalty["penalty_kind"] = "PENUNDAAN_KP_1"
    record(passed, STRONGER, "penalty", penalty)  # in force on the TMT, recorded after the decision
    passed.catch_up()
    assert_listed_as_on_the_page(passed, 1)


def test_a_colleague_whose_weaker_rating_was_recorded_later_is_compared_as_known_then(passed: World) -> None:
    # corrections recorded after the decision make Dewi's 2016 and 2017 ratings Baik, as Budi's: as known
    # then she was Sangat Baik, and stronger; the final record alone does not find her
    ratings = [
        e.originator_version
        for _, e in passed.services.ledger.iter_events()
        if e.originator_id == STRONGER and e.KIND == "performance_rating" and e.effective_date.year >= 2016
    ]
    assert len(ratings) == 2
    for version in ratings:
        record(passed, STRONGER, "correction", f.correction(version, "2018-01-15", predicate="BAIK"))
    passed.catch_up()
    assert_listed_as_on_the_page(passed, 1)
