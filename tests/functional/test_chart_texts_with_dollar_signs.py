"""A recorded text that becomes a chart's or the scorecard PDF's text (a unit's name, here as the scorecard's unit
filter) is drawn as written, dollar signs and all: matplotlib read a text holding two $ as mathtext (TeX), so
"Dinas $x$ Pendidikan" printed "Dinas x Pendidikan", and one that is no TeX ("$\\frac$") raised while the PDF was
drawn, a 500. Math parsing is off (web.pages.charts: text.parse_math)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pypdfium2 as pdfium
import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from web.pages import charts

TONO = f.nip(date(1991, 2, 3), date(2016, 3, 1), "M", sequence=801)


@pytest.mark.parametrize("unit", ["Dinas $x$ Pendidikan", "Dinas $\\frac$ Pendidikan", "Biro $a^$ Umum $"])
def test_a_unit_name_with_dollar_signs_prints_literally_in_the_scorecard_pdf(world: World, unit: str) -> None:
    ledger = world.services.ledger
    ledger.record(TONO, "appointment", appointment_of(TONO, name="Tono", unit=unit), actor="test")
    ledger.record(TONO, "training", f.training("2020-05-08", 24, "2020-05-04"), actor="test")
    world.catch_up()
    log_in(world, "inspector")
    answer = world.client.get(f"/pages/scorecard.pdf?agency=KOTA-MEDAN&year=2020&years=2&lang=en&unit={quote(unit)}")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert answer.mimetype == "application/pdf"
    document = pdfium.PdfDocument(answer.get_data())
    first = str(document[0].get_textpage().get_text_range())
    assert f"Unit: {unit}" in first


def test_a_chart_draws_its_labels_and_title_as_written(world: World) -> None:
    bars = [charts.Bar("Dinas $x$ Pendidikan", 3), charts.Bar("Biro $\\frac$ Umum", 2)]
    with world.app.test_request_context("/pages/fairness?lang=en"):
        drawn = str(charts.bar_chart(bars, "Units $y$ by rate"))
    for text in ("Dinas $x$ Pendidikan", "Biro $\\frac$ Umum", "Units $y$ by rate"):
        assert text in drawn
