"""The charts' titles are placed over their axes when drawn (web.pages.charts.put_title), so matplotlib no longer
measures the value axis's tick labels again at each drawing to see whether an offset text might cover a title:
about a third of drawing an axes (the scorecard page's 17 charts, its PDF's, the career page's). The drawings are the
same (compared byte for byte against the code before, the SVGs' random ids aside)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from markupsafe import Markup
from matplotlib.axis import Axis, YAxis

from tests.functional.test_charts_fitted import CHARTS
from web.pages import charts, scorecard_charts, scorecard_pdf
from web.pages.scorecard_view import IndicatorView

INDICATOR = IndicatorView(
    "training.jp",
    "Staff meeting the yearly 20 JP",
    {"definition": "PNS with 20 JP of training in the year", "numerator": "with 20 JP", "denominator": "PNS"},
    share=True,
    values=[],
    trend=[(2019, 0.5), (2020, None), (2021, 0.75)],
    comparison=[("KOTA-MEDAN", 0.75), ("KAB-KARO", 0.4), ("KAB-DELI-SERDANG", None)],
)
DRAWINGS: dict[str, Callable[[], Markup]] = {
    **CHARTS,
    "scorecard": lambda: scorecard_charts.draw_svg(INDICATOR, "KOTA-MEDAN"),
}


@pytest.mark.parametrize("name", DRAWINGS)
def test_a_chart_is_drawn_without_measuring_its_value_axis_for_the_title(
    app: Flask, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured = axes_asked(monkeypatch, YAxis, "get_tightbbox")
    charts.KEPT.clear()  # a kept chart (the career page's) is not drawn again
    with app.test_request_context("/?lang=en"):
        svg = DRAWINGS[name]()
    assert "<title>" in svg  # drawn, with its title
    assert "<text" in svg  # and its labels as text
    assert measured == []


@pytest.mark.parametrize("name", [*DRAWINGS, "scorecard_pdf"])
def test_an_axis_without_a_label_is_drawn_without_measuring_its_tick_labels_again_for_it(
    app: Flask, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured = axes_asked(monkeypatch, Axis, "_get_tick_boxes_siblings")
    charts.KEPT.clear()
    with app.test_request_context("/?lang=en"):
        if name == "scorecard_pdf":
            drawn = scorecard_pdf.draw_pdf([[("title", "Scorecard")]], [("Training", INDICATOR)], "KOTA-MEDAN")
            assert drawn.startswith(b"%PDF")
        else:
            assert "<text" in DRAWINGS[name]()
    # only a labelled axis (the survival chart's years) is measured for its label
    assert "" not in [axis.label.get_text() for axis in measured]


def axes_asked(monkeypatch: pytest.MonkeyPatch, kind: type[Axis], method: str) -> list[Axis]:
    """The axes whose `method` is called from now on, in order."""
    asked: list[Axis] = []
    real = getattr(kind, method)

    def spied(self: Axis, *args: Any, **kwargs: Any) -> Any:
        asked.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(kind, method, spied)
    return asked
