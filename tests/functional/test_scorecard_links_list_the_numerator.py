"""Every scorecard value's links list the rows it counts: the totals of the lists its `links` name add up to its
numerator (docs/scorecard.md: the rows behind a value link to the list that shows them).

An exploratory tester found `merit.recorded_after_decision` ("2 decision(s) in KAB-KARO in 2025 rested on evidence
recorded after the decision") linking to the rank promotions' list alone with the rule, which listed 0: the two were
post appointments, listed by the posts' list with the same rule; the page's "Open the rows" read "0 promotions". It
now links both lists (`links`), and the page opens each. `merit.clean_promotions` linked every promotion of the year
(its numerator counts the clean ones): it now links the compliant ones. Both stores."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import posted, record  # noqa: F401
from tests.functional.test_pages_auth import log_in

pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

LISTS = ("/api/v1/audits/promotions", "/api/v1/audits/posts")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def late(posted: World) -> World:  # noqa: F811
    """Budi's Pengawas post (2018) rested on a PKP recorded only after it: an evidence.recorded_after finding on a
    post appointment, none on a promotion of that year."""
    record(posted, BUDI, "training", f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP"))
    posted.catch_up()
    return posted


def card(world: World, agency: str, year: int) -> dict[str, Any]:
    answer = world.get("/api/v1/reports/scorecard", "admin", query_string={"agency": agency, "year": year, "years": 1})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def listed_total(world: World, link: str) -> int:
    answer = world.get(link, "admin")
    assert answer.status_code == 200, (link, answer.get_json())
    return int(answer.get_json()["total"])


def test_evidence_recorded_after_a_post_appointment_is_listed_by_its_links(late: World) -> None:
    value = next(
        v
        for v in card(late, "KOTA-MEDAN", 2018)["indicators"]["merit.recorded_after_decision"]["trend"]
        if v["year"] == 2018
    )
    assert value["numerator"] == 1
    assert [urlsplit(link).path for link in value["links"]] == list(LISTS)
    assert value["link"] == value["links"][0]
    assert [listed_total(late, link) for link in value["links"]] == [0, 1]


def test_every_indicators_lists_add_up_to_its_numerator(late: World) -> None:
    checked = 0
    for agency in ("KOTA-MEDAN", "KAB-KARO"):
        for year in (2014, 2018):
            for indicator_id, indicator in card(late, agency, year)["indicators"].items():
                for value in indicator["trend"]:
                    lists = [link for link in value["links"] if urlsplit(link).path in LISTS]
                    if not lists or value["numerator"] is None:
                        continue
                    assert len(lists) == len(value["links"]), (indicator_id, value["links"])
                    total = sum(listed_total(late, link) for link in lists)
                    assert total == value["numerator"], (indicator_id, agency, year, value["group"], lists)
                    checked += 1
    assert checked >= 10


def test_the_page_opens_each_list_the_value_rests_on(late: World) -> None:
    log_in(late, "inspector")
    text = late.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=2018&years=1&lang=en").get_data(as_text=True)
    period = "agency=KOTA-MEDAN&amp;from=2018-01-01&amp;to=2018-12-31&amp;rule=evidence.recorded_after"
    assert f'<a href="/pages/audits?{period}">Open the rank promotions</a>' in text
    assert f'<a href="/pages/audits/posts?{period}">Open the post appointments</a>' in text
    assert f"GET /api/v1/audits/posts?{period}" in text
