"""The scorecard's charts and PDF are kept under what they are drawn from: the same scorecard asked again is
answered without drawing, the same as before, and anything else (another language, other values) is drawn."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in
from web.pages import scorecard_charts, scorecard_pdf

pytestmark = pytest.mark.xdist_group("test_scorecard_drawings_kept")

PAGE = "/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2"
PDF = "/pages/scorecard.pdf?agency=KOTA-MEDAN&year=2020&years=2"
CSRF = re.compile(r'name="csrf_token"[^>]*>')


@pytest.fixture(scope="module")
def shared(shared_world: World) -> World:
    shared_world.services.ledger.record(BUDI, "training", f.training("2020-05-08", 24, "2020-05-04"), actor="test")
    shared_world.catch_up()
    return shared_world


@pytest.fixture
def inspector(shared: World, monkeypatch: pytest.MonkeyPatch) -> tuple[World, list[str]]:
    """An inspector's client, with empty keeps and a list of what was drawn (charts, PDFs)."""
    drawn: list[str] = []
    draw_svg, draw_pdf = scorecard_charts.draw_svg, scorecard_pdf.draw_pdf
    scorecard_charts.KEPT.clear()
    scorecard_pdf.KEPT.clear()
    monkeypatch.setattr(scorecard_charts, "draw_svg", lambda *a: drawn.append("chart") or draw_svg(*a))
    monkeypatch.setattr(scorecard_pdf, "draw_pdf", lambda *a: drawn.append("pdf") or draw_pdf(*a))
    world = own_client(shared)
    log_in(world, "inspector")
    return world, drawn


def page(world: World, path: str) -> str:
    response = world.client.get(path)
    assert response.status_code == 200
    return CSRF.sub("", response.get_data(as_text=True))  # the log-out form's token: new on each page


def test_the_same_scorecard_page_again_is_the_same_page_without_drawing_a_chart(
    inspector: tuple[World, list[str]],
) -> None:
    world, drawn = inspector
    first = page(world, PAGE)
    charts = drawn.count("chart")
    assert charts >= 10
    assert page(world, PAGE) == first
    assert drawn.count("chart") == charts


def test_the_page_in_another_language_or_of_another_year_draws_its_own_charts(
    inspector: tuple[World, list[str]],
) -> None:
    world, drawn = inspector
    indonesian = page(world, PAGE)
    assert ">Tren<" in indonesian
    charts = drawn.count("chart")
    english = page(world, PAGE + "&lang=en")
    assert ">Trend<" in english
    assert ">Tren<" not in english
    assert drawn.count("chart") == 2 * charts
    page(world, PAGE.replace("year=2020", "year=2019") + "&lang=en")
    assert drawn.count("chart") > 2 * charts  # other values: drawn anew


def test_the_same_pdf_again_is_the_same_document_without_drawing_it(inspector: tuple[World, list[str]]) -> None:
    world, drawn = inspector
    first = world.client.get(PDF).data
    assert world.client.get(PDF).data == first
    assert drawn.count("pdf") == 1
    english = world.client.get(PDF + "&lang=en").data
    assert english != first
    assert drawn.count("pdf") == 2
