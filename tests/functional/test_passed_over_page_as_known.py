"""A regular (101) promotion's own page (API and pages, `careerlog audit promotion`) compares the colleagues
as the record was known before the decision was recorded, whatever was recorded since (docs/audit.md). The
page read the rounds of the final record, which leave out a colleague with anything recorded after the
decision: one clearly stronger already, given a further training later, and one eligible then whose penalty
was recorded only later, were both missing from the page (and its verdict read compliant)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed
from tests.functional.test_api_posts import STRONGER, record
from tests.functional.test_pages_auth import log_in

PROMOTIONS = "/api/v1/audits/promotions"
__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def page_of(world: World) -> dict[str, Any]:
    [listed] = [
        i
        for i in world.get(f"{PROMOTIONS}?per_page=100", "inspector").get_json()["items"]
        if i["nip"] == BUDI and i["tmt"] == "2018-04-01"
    ]
    body: dict[str, Any] = world.get(f"{PROMOTIONS}/{listed['id']}", "inspector").get_json()
    return body


def assert_passed_over_as_known_then(body: dict[str, Any]) -> None:
    assert (body["verdict"], body["passed_over_count"]) == ("findings", 1)
    [passed] = body["passed_over"]
    assert passed["colleague"] == STRONGER
    assert passed["comparison"]["training_jp"] == {"promoted": 0.0, "colleague": 40.0}  # as known then
    [finding] = [x for x in body["findings"] if x["rule"] == "merit.passed_over"]
    assert finding["colleagues"] == [STRONGER]
    assert body["finding_count"] == len(body["findings"])


def test_a_colleague_stronger_then_and_trained_more_later_is_passed_over_on_the_page(passed: World) -> None:
    world = passed
    record(world, STRONGER, "training", f.training("2016-05-20", 24, "2016-05-18"))  # recorded after the decision
    world.catch_up()
    assert_passed_over_as_known_then(page_of(world))


def test_a_colleague_eligible_then_whose_penalty_was_recorded_later_is_passed_over_on_the_page(
    passed: World,
) -> None:
    world = passed
    penalty = {"effective_date": "2017-11-01", "reference": "HD-1", "level": "MEDIUM"}
    penalty["penalty_kind"] = "PENUNDAAN_KP_1"
    record(world, STRONGER, "penalty", penalty)  # in force on the TMT, recorded after the decision
    world.catch_up()
    body = page_of(world)
    assert_passed_over_as_known_then(body)
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/{body['version']}?lang=en").get_data(as_text=True)
    assert f'<a href="/pages/employees/{STRONGER}">{STRONGER}</a>' in page
