"""The scorecard's links to the rows behind an audit indicator open the inspector's page for the same scope and the
same decisions: a unit's or a region's scorecard linked to /pages/audits with the agency alone (found on the demo:
the scorecard of KOTA-MEDAN's BKPSDM linked every KOTA-MEDAN promotion), and the findings of a post rule
(post.performance, post.open_selection, ...) linked to the promotions' list, where a post rule finds nothing. The
reports' pages, which filter by agency only, keep their links as before."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from web.pages.scorecard_view import page_link


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


API = "/api/v1/audits/promotions?agency=KOTA-MEDAN&unit=BKPSDM&region=12.71&from=2024-01-01&to=2024-12-31"


def linked(world: World, link: str) -> tuple[str, dict[str, str]]:
    inspector = world.services.accounts.get("inspector")
    with world.app.test_request_context():
        found = page_link(inspector, link)
    assert found is not None
    parts = urlsplit(found)
    return parts.path, dict(parse_qsl(parts.query))


def test_an_audit_indicators_link_keeps_the_unit_and_region_of_the_scorecard(world: World) -> None:
    path, args = linked(world, f"{API}&rule=promotion.time_in_rank")
    assert path == "/pages/audits"
    assert (args["unit"], args["region"], args["agency"]) == ("BKPSDM", "12.71", "KOTA-MEDAN")
    path, args = linked(world, "/api/v1/audits/fairness?agency=KOTA-MEDAN&unit=BKPSDM&by=sex")
    assert (path, args["unit"], args["by"]) == ("/pages/fairness", "BKPSDM", "sex")


def test_a_post_rules_findings_link_to_the_post_appointments_list(world: World) -> None:
    path, args = linked(world, f"{API}&rule=post.performance")
    assert (path, args["rule"]) == ("/pages/audits/posts", "post.performance")
    assert linked(world, f"{API}&rule=evidence.recorded_after")[0] == "/pages/audits"


def test_a_reports_link_keeps_the_agency_alone(world: World) -> None:
    path, args = linked(world, "/api/v1/reports/training-compliance?agency=KOTA-MEDAN&unit=BKPSDM&year=2024")
    assert path == "/pages/reports/training"
    assert args == {"agency": "KOTA-MEDAN", "year": "2024"}


def test_a_programmes_link_leaves_out_the_year_its_page_does_not_read(world: World) -> None:
    """The programmes' page refuses an argument it does not read (422): the link keeps the arguments it reads."""
    path, args = linked(world, "/api/v1/reports/programmes?agency=KOTA-MEDAN&unit=BKPSDM&year=2024")
    assert (path, args) == ("/pages/reports/programmes", {"agency": "KOTA-MEDAN"})
    log_in(world, "inspector")
    assert world.client.get(path, query_string=args).status_code == 200
