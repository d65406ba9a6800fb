"""The scorecard page (and its PDF) take the trend's `years` from 1 to 20, as the API's scorecard and
ScorecardQueries (docs/scorecard.md: 1-20) do, where the page refused 11 to 20 ("Must be a whole number from 1 to
10.") that the API answered: the page's bound, 10, had no reason of its own (set with the page, 3046838), the API's
follows the projection's. 21 is refused by both, naming `years`. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

# Its tests on both stores on one worker (with test_scorecard_kept.py's): the twenty years' page and PDF drawn once
# for both stores (the process's kept drawings, web.pages.scorecard_charts.KEPT and scorecard_pdf.KEPT).
pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

ASKED = "agency=KOTA-MEDAN&year=2020"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_page_its_pdf_and_the_api_take_twenty_years_of_trend(world: World) -> None:
    api = world.get(f"/api/v1/reports/scorecard?{ASKED}&years=20", "inspector")
    assert api.status_code == 200
    assert api.get_json()["years"][0] == 2001
    log_in(world, "inspector")
    page = world.client.get(f"/pages/scorecard?{ASKED}&years=20&lang=en")
    assert page.status_code == 200, page.get_data(as_text=True)[-800:]
    text = page.get_data(as_text=True)
    assert "trend 2001\u20132020" in text
    assert 'name="years" type="number" min="1" max="20"' in text  # the form offers what the page takes
    pdf = world.client.get(f"/pages/scorecard.pdf?{ASKED}&years=20&lang=en")
    assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")


def test_twenty_one_years_are_refused_by_both_naming_years(world: World) -> None:
    api = world.get(f"/api/v1/reports/scorecard?{ASKED}&years=21", "inspector")
    assert api.status_code == 422
    assert "years" in str(api.get_json())
    log_in(world, "inspector")
    page = world.client.get(f"/pages/scorecard?{ASKED}&years=21&lang=en")
    assert page.status_code == 422
    assert "Must be a whole number from 1 to 20." in page.get_data(as_text=True)
