"""The scorecard page's `format` asks for its PDF; any other value is refused naming it.

Before, `/pages/scorecard?...&format=csv` (or xlsx, or PDF in capitals) answered 200 with the page, as if `format` had
not been given: a client asking the page for a CSV (the API's scorecard answers one) got HTML it had not asked for,
and nothing said why. Now a 422 shows the form again with the reason beside `format` ("Must be one of pdf; got
'csv'."; Indonesian "Harus salah satu dari pdf; yang diberikan 'csv'."), no scorecard; `format=pdf` still answers the
PDF, and a blank `format` the page. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_scorecard_arguments_refused import inspector, shared

__all__ = ["inspector", "shared"]  # the world recorded once per store for the module, an inspector's client per test

# The scorecard test_scorecard_kept.py draws (the world's, for an inspector), on the same worker: drawn once for both
# (the process's kept drawings, web.pages.scorecard_charts.KEPT and web.pages.scorecard_pdf.KEPT).
pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

ASKED = "/pages/scorecard?agency=KOTA-MEDAN&year=2025&years=2"


@pytest.mark.parametrize("value", ["csv", "xlsx", "PDF", "html"])
def test_the_scorecard_page_refuses_a_format_other_than_pdf_naming_it(inspector: World, value: str) -> None:
    response = inspector.client.get(f"{ASKED}&format={value}&lang=en")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert f"<code>format</code>: Must be one of pdf; got &#39;{value}&#39;." in text
    assert 'name="year"' in text  # the form again, to ask otherwise
    assert "Rows behind it" not in text  # no scorecard
    indonesian = inspector.client.get(f"{ASKED}&format={value}&lang=id")
    assert indonesian.status_code == 422
    assert f"Harus salah satu dari pdf; yang diberikan &#39;{value}&#39;." in indonesian.get_data(as_text=True)


def test_format_pdf_still_answers_the_pdf_and_a_blank_format_the_page(inspector: World) -> None:
    pdf = inspector.client.get(f"{ASKED}&format=pdf&lang=en")
    assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")
    blank = inspector.client.get(f"{ASKED}&format=&lang=en")
    assert (blank.status_code, blank.mimetype) == (200, "text/html")
    assert "Rows behind it" in blank.get_data(as_text=True)
