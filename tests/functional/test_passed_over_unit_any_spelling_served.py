"""The inspector's audit of promotions compares a colleague whose unit was typed in another letter case than the
promoted's (Dewi appointed to "bkpsdm", Budi to BKPSDM of KOTA-MEDAN: one unit, careerlog.domain.unit `unit_key`):
Budi's 101 passed Dewi over, on the API and the pages, and the audit's unit filter finds it under any spelling of the
unit. Until merit view 49 the comparison matched the unit as written: Budi's promotion read compliant, passed over no
one. On both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import PROMOTIONS, passing_over, promotion_of
from tests.functional.test_api_posts import STRONGER
from tests.functional.test_pages_auth import log_in

SPELLINGS = ("bkpsdm", "BKPSDM", "%20Bkpsdm%20%20")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def passed(world: World) -> World:
    """`passing_over` with Dewi appointed to "bkpsdm"."""
    return passing_over(world, unit="bkpsdm")


def test_the_api_lists_the_colleague_of_another_spelling_passed_over_filtered_by_any_spelling(passed: World) -> None:
    [listed] = promotion_of(passed)
    assert (listed["unit"], listed["verdict"], listed["passed_over_count"]) == ("BKPSDM", "findings", 1)
    for unit in SPELLINGS:
        assert promotion_of(passed, f"&unit={unit}&passed_over=true") == [listed], unit
        assert promotion_of(passed, f"&unit={unit}&passed_over=false") == [], unit
    body = passed.get(f"{PROMOTIONS}/{listed['id']}", "inspector").get_json()
    [finding] = body["findings"]
    assert (finding["rule"], finding["colleagues"]) == ("merit.passed_over", [STRONGER])
    assert [p["colleague"] for p in body["passed_over"]] == [STRONGER]


def test_the_inspectors_pages_filter_by_any_spelling_and_show_the_colleague(passed: World) -> None:
    log_in(passed, "inspector")
    [listed] = promotion_of(passed)
    link = f'href="/pages/audits/{BUDI}/{listed["version"]}"'
    for unit in SPELLINGS:
        shown = passed.client.get(f"/pages/audits?unit={unit}&passed_over=true&lang=en")
        assert shown.status_code == 200, unit
        assert link in shown.get_data(as_text=True), unit
        assert link not in passed.client.get(f"/pages/audits?unit={unit}&passed_over=false&lang=en").get_data(
            as_text=True
        )
    page = passed.client.get(f"/pages/audits/{BUDI}/{listed['version']}?lang=en").get_data(as_text=True)
    assert "merit.passed_over" in page
    assert f"NIP {STRONGER}" in page
