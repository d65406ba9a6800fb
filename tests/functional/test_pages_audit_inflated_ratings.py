"""A decision's page shows the ratings it relied on that were given in a unit-year over the rating cap
(skp.distribution; the API's and `careerlog audit promotion`'s `inflated_ratings`): the page left them out, so
an inspector reading the page of a promotion resting on an inflated Baik never saw it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_inspector import decision_version

INFLATED = {
    "year": 2012,
    "predicate": "BAIK",
    "unit_finding": {
        "agency": "KOTA-MEDAN",
        "unit": "BKPSDM",
        "year": 2012,
        "unit_predicate": "BAIK",
        "rated": 10,
        "counts": {"BAIK": 9, "SANGAT_BAIK": 1},
        "exceeded": [{"predicate": "BAIK", "share": 0.9, "max_share": 0.7}],
        "rule": "skp.distribution",
        "severity": "medium",
        "source": "PermenPANRB 6/2022",
        "status": "M",
        "evidence": [
            {
                "subject": "UNIT:KOTA-MEDAN:BKPSDM",
                "version": 2,
                "kind": "unit_rating",
                "effective_date": "2012-12-31",
                "recorded_at": "2013-01-06T01:01:00+00:00",
                "reference": "LKjIP.2012/015",
            }
        ],
    },
}


@pytest.fixture
def inflated(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    audit = world.services.audit

    def with_inflated(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return {**audit(*args, **kwargs), "inflated_ratings": [INFLATED]}

    monkeypatch.setattr(world.services, "audit", with_inflated)
    log_in(world, "inspector")
    return world


def test_a_decision_page_shows_the_ratings_it_relied_on_from_an_inflated_unit_year(inflated: World) -> None:
    version = decision_version(inflated)
    page = inflated.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert "Ratings from a unit-year over the rating cap" in page
    assert "<td>2012</td><td>Baik</td><td>KOTA-MEDAN · BKPSDM</td>" in page
    assert "LKjIP.2012/015" in page
    assert "Baik: 90% (at most 70%)" in page
    indonesian = inflated.client.get(f"/pages/audits/{BUDI}/{version}?lang=id").get_data(as_text=True)
    assert "Baik: 90% (paling banyak 70%)" in indonesian


def test_a_decision_page_without_inflated_ratings_has_no_such_section(world: World) -> None:
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/{decision_version(world)}?lang=en").get_data(as_text=True)
    assert "over the rating cap" not in page
