"""A scorecard answered to a reader links only the lists that reader may read: until 2026-12-06 a reporter's
(or a policy maker's) card linked its merit indicators and findings to /api/v1/audits/*, which answer them 403. An
inspector's card links them as before; a reporter's keeps its links to the reports."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_scorecard_api import PATH, trained

__all__ = ["trained"]


def links_in(found: Any) -> list[str]:
    if isinstance(found, list):
        return [link for item in found for link in links_in(item)]
    if not isinstance(found, dict):
        return []
    own = [found["link"]] if isinstance(found.get("link"), str) else []
    own += [link for link in found.get("links") or () if isinstance(link, str)]
    return own + [link for value in found.values() for link in links_in(value)]


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_readers_scorecard_links_only_what_it_may_read(trained: World, who: str) -> None:
    card = trained.get(f"{PATH}?agency=KOTA-MEDAN&year=2020&years=2", who)
    assert card.status_code == 200, card.get_json()
    links = links_in(card.get_json())
    assert links  # (the reports' links kept)
    assert not [link for link in links if link.startswith("/api/v1/audits/")]
    for link in set(links):
        assert trained.get(link, who).status_code == 200, link


def test_an_inspectors_scorecard_links_the_audits(trained: World) -> None:
    card = trained.get(f"{PATH}?agency=KOTA-MEDAN&year=2020&years=2", "inspector").get_json()
    assert [link for link in links_in(card) if link.startswith("/api/v1/audits/")]


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_readers_scorecard_page_hints_at_no_api_path_it_may_not_read(trained: World, who: str) -> None:
    # (until 2026-12-07 the page printed "GET /api/v1/audits/fairness?..." under the impact ratios, 403 to them)
    log_in(trained, who)
    page = trained.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "GET /api/v1/reports/" in text
    assert "GET /api/v1/audits/" not in text


def test_an_inspectors_scorecard_page_hints_at_the_audits(trained: World) -> None:
    log_in(trained, "inspector")
    page = trained.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2")
    assert "GET /api/v1/audits/" in page.get_data(as_text=True)
