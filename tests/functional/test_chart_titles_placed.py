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
from matplotlib.axis import YAxis

from tests.functional.test_charts_fitted import CHARTS
from web.pages import charts, scorecard_charts
from web.pages.scorecard_view import IndicatorView

INDICATOR = IndicatorView(
    "training.jp",
    "Staff meeting the yearly 20 JP",
    {},
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
    measured: list[YAxis] = []
    real = YAxis.get_tightbbox

    def spied(self: YAxis, *args: Any, **kwargs: Any) -> Any:
        measured.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(YAxis, "get_tightbbox", spied)
    charts.KEPT.clear()  # a kept chart (the career page's) is not drawn again
    with app.test_request_context("/?lang=en"):
        svg = DRAWINGS[name]()
    assert "<title>" in svg  # drawn, with its title
    assert "<text" in svg  # and its labels as text
    assert measured == []
