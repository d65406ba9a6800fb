"""The API's fairness and time-to-promotion answers are kept per web worker as the fairness page's are
(web.kept, one shared store): the same query asked again, as JSON or CSV, or revalidated with its
ETag (a 304), is not computed again (seconds of CPU each at a few thousand employees), the page and the API share
what either computed, and the kept answer is never given for what it was not computed from: an event recorded
since (a new ETag), another scope, another query. A refused query computes and keeps nothing. Both stores."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_kept import DEWI, computed  # noqa: F401 (the fixture: how many computed)

FAIRNESS = "/api/v1/audits/fairness?by=sex&min_cell=1"
TIMES = "/api/v1/audits/time-to-promotion?by=sex&min_cell=1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(("path", "statistic"), [(FAIRNESS, "fairness"), (TIMES, "time_to_promotion")])
def test_the_same_statistic_asked_again_is_answered_without_computing_it_again(
    world: World,
    computed: Counter[str],  # noqa: F811 - the fixture imported above
    path: str,
    statistic: str,
) -> None:
    first = world.get(path, "inspector")
    again = world.get(path, "inspector")
    assert first.status_code == again.status_code == 200
    assert again.get_data() == first.get_data()
    assert again.headers["ETag"] == first.headers["ETag"]
    assert world.get(f"{path}&format=csv", "inspector").status_code == 200  # the same statistic, as CSV
    assert computed == {statistic: 1}


@pytest.mark.parametrize("path", [FAIRNESS, TIMES])
def test_a_revalidation_is_a_304_from_the_kept_statistic(
    world: World,
    computed: Counter[str],  # noqa: F811 - the fixture imported above
    path: str,
) -> None:
    first = world.get(path, "inspector")
    etag = first.headers["ETag"]
    not_modified = world.get(path, "inspector", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.headers["ETag"] == etag
    assert not_modified.get_data() == b""
    assert sum(computed.values()) == 1


def test_an_event_recorded_since_is_computed_anew_with_a_new_etag(
    world: World,
    computed: Counter[str],  # noqa: F811 - the fixture imported above
) -> None:
    first = world.get(TIMES, "inspector")
    before = {g["group"]: g["n"] for g in first.get_json()["groups"]}
    world.services.ledger.record(DEWI, "appointment", appointment_of(DEWI, name="Dewi Lubis"), actor="test")
    world.catch_up()
    after = world.get(TIMES, "inspector", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != first.headers["ETag"]
    assert {g["group"]: g["n"] for g in after.get_json()["groups"]} == {**before, "F": before["F"] + 1}
    assert computed == {"time_to_promotion": 2}
    assert world.get(TIMES, "inspector", headers={"If-None-Match": after.headers["ETag"]}).status_code == 304
    assert computed == {"time_to_promotion": 2}


def test_the_fairness_page_and_the_api_share_what_either_computed(
    world: World,
    computed: Counter[str],  # noqa: F811 - the fixture imported above
) -> None:
    log_in(world, "inspector")  # a web account of the inspector's role and scope
    assert world.client.get("/pages/fairness?by=sex&min_cell=1").status_code == 200
    assert computed == {"fairness": 1, "time_to_promotion": 1}
    assert world.get(FAIRNESS, "inspector").status_code == 200
    assert world.get(TIMES, "inspector").status_code == 200
    assert computed == {"fairness": 1, "time_to_promotion": 1}
    # and the page's CSV tables are the API's statistics: kept already
    assert world.client.get("/pages/time-to-promotion.csv?by=sex&min_cell=1").status_code == 200
    assert computed == {"fairness": 1, "time_to_promotion": 1}


def test_another_scope_or_query_is_computed_apart(
    world: World,
    computed: Counter[str],  # noqa: F811 - the fixture imported above
) -> None:
    region = world.get(FAIRNESS, "inspector").get_json()
    medan = world.get(FAIRNESS, "inspector_medan").get_json()
    assert computed == {"fairness": 2}
    assert region["scope"] != medan["scope"]
    assert world.get(f"{FAIRNESS}&from=2015-01-01", "inspector").get_json()["period"]["from"] == "2015-01-01"
    assert world.get("/api/v1/audits/fairness?by=sex&min_cell=2", "inspector").get_json()["min_cell"] == 2
    assert world.get("/api/v1/audits/fairness?by=education&min_cell=1", "inspector").get_json()["by"] == ["education"]
    assert computed == {"fairness": 5}


def test_a_refused_query_computes_and_keeps_nothing(
    world: World,
    computed: Counter[str],  # noqa: F811 - the fixture imported above
) -> None:
    refused = world.get("/api/v1/audits/fairness?by=sex&from=2020-01-01&to=2019-01-01", "inspector")
    assert refused.status_code == 422
    assert list(refused.get_json()["errors"]) == ["to"]
    assert sum(computed.values()) == 0
