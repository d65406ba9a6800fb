"""The scorecard page and its PDF refuse an argument they do not read, or one given twice, as the reports pages do.

Before, the scorecard answered 200 with a scorecard of another question: `yaer=2019` (misspelt) gave last year's
card under the form's default, `year=2019&year=2020` the first year alone, `agency=KOTA-MEDAN&agency=KAB-KARO` the
first agency, with nothing said. The reports pages refuse these (3007594, web.pages.reports.argument_errors); the
scorecard now refuses them with the same check: a 422 naming the argument and the reason beside its field, the
PDF a 422 too, never a file of another question. Both stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.functional.conftest import World, own_client, served_world
from tests.functional.test_pages_auth import log_in

# Its tests on both stores on one worker, with test_scorecard_kept.py's: the scorecard of a unit its last test
# draws, drawn once for both stores (the process's kept drawings, web.pages.scorecard_charts.KEPT).
pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

ASKED = "agency=KOTA-MEDAN&year=2020&years=2"


@pytest.fixture(scope="module")
def shared(shared_database_url: str) -> Iterator[World]:
    """The world in a store of each kind, recorded once for the module: its tests only read it (a refusal records
    nothing), each with a client of its own."""
    with served_world(shared_database_url) as world:
        yield world


@pytest.fixture
def inspector(shared: World) -> World:
    world = own_client(shared)
    log_in(world, "inspector")
    return world


REFUSED = [
    ("yaer=2019", "yaer is not a filter of this page", "yaer bukan saringan halaman ini"),
    ("year=2019", "Given more than once: give it once.", "Diberikan lebih dari sekali"),
    ("agency=KAB-KARO", "Given more than once: give it once.", None),
    ("years=3", "Given more than once: give it once.", None),
    ("region=99.99", "Not a known code: &#39;99.99&#39;", None),
]


@pytest.mark.parametrize(("extra", "english", "indonesian"), REFUSED)
def test_the_scorecard_page_refuses_an_argument_it_does_not_read_or_one_given_twice_naming_it(
    inspector: World, extra: str, english: str, indonesian: str | None
) -> None:
    response = inspector.client.get(f"/pages/scorecard?{ASKED}&{extra}&lang=en")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert english in text
    assert 'name="year"' in text  # the form again, to ask otherwise
    assert "chart" not in text or 'role="img"' not in text  # no scorecard of another question
    if indonesian is not None:
        response = inspector.client.get(f"/pages/scorecard?{ASKED}&{extra}&lang=id")
        assert response.status_code == 422
        assert indonesian in response.get_data(as_text=True)


@pytest.mark.parametrize(("extra", "english", "_indonesian"), REFUSED)
def test_the_scorecard_pdf_refuses_what_its_page_refuses(
    inspector: World, extra: str, english: str, _indonesian: str | None
) -> None:
    response = inspector.client.get(f"/pages/scorecard.pdf?{ASKED}&{extra}&lang=en")
    assert response.status_code == 422
    assert response.mimetype != "application/pdf"
    assert english in response.get_data(as_text=True)


def test_the_scorecard_page_still_reads_each_argument_it_knows(inspector: World) -> None:
    response = inspector.client.get(f"/pages/scorecard?{ASKED}&unit=Bappeda&region=12.71&lang=en")
    assert response.status_code == 200
