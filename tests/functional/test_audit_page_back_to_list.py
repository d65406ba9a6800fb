"""A decision's page links back to the list it was opened from, with that list's filters and page, so an inspector
goes from a finding to its evidence and back to where they were. The link went to the unfiltered list's first page:
from /pages/audits?rule=merit.passed_over&page=2 a decision's "← Audited promotions" opened all 6,424 promotions of
the demo. A page opened otherwise (a bookmark, another site's link) links the list unfiltered, as before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed
from tests.functional.test_pages_auth import log_in

__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def back_link(world: World, referrer: str | None) -> str:
    headers = {"Referer": referrer} if referrer else {}
    version = max(r["version"] for r in world.services.audit_view.promotions({}) if r["subject"] == BUDI)
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en", headers=headers)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    start = text.index("← Audited promotions")
    return text[text.rindex("<a href=", 0, start) : start]


def test_a_decisions_page_links_back_to_the_filtered_list_it_was_opened_from(passed: World) -> None:
    log_in(passed, "inspector")
    link = back_link(passed, "http://localhost/pages/audits?rule=merit.passed_over&agency=KOTA-MEDAN&page=2")
    assert link == '<a href="/pages/audits?rule=merit.passed_over&amp;agency=KOTA-MEDAN&amp;page=2">'


@pytest.mark.parametrize("referrer", [None, "https://elsewhere.example/pages/audits?rule=x", "http://localhost/pages/"])
def test_opened_otherwise_it_links_the_list_unfiltered(passed: World, referrer: str | None) -> None:
    log_in(passed, "inspector")
    assert back_link(passed, referrer) == '<a href="/pages/audits">'
