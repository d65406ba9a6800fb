"""Two charts of one page share no element id, and each chart's references reach its own definitions.

The career page inlines two matplotlib SVG charts (rank over the years, training hours per year). Each had the ids
matplotlib gives every figure's axes, `matplotlib.axis_1` and `matplotlib.axis_2`: the same ids twice on one page,
which HTML forbids. matplotlib names its markers and clip paths by a hash of their shape and svg.hashsalt, so with the
salt fixed (a chart the same text at each drawing) two charts drawing the same tick mark would also name it alike, and
the second chart's `xlink:href="#m..."` would reach the first chart's definition. Each chart's ids now carry a prefix
of its own (web.pages.charts.chart_id) and the axes' ids are left out.
"""

from __future__ import annotations

import re
from collections import Counter

from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import log_in_as_the_employee
from tests.functional.test_pages_career import drawn_charts
from web.pages import charts

IDS = re.compile(r'\sid="([^"]+)"')
REFERENCES = re.compile(r'(?:url\(#|href="#)([^")]+)')
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def shared_ids(page: str) -> dict[str, int]:
    return {name: count for name, count in Counter(IDS.findall(page)).items() if count > 1}


def references_outside(svg: str) -> set[str]:
    """The ids a chart refers to that it does not define itself."""
    return set(REFERENCES.findall(svg)) - set(IDS.findall(svg))


def test_the_career_pages_two_charts_share_no_id_and_refer_to_their_own(world: World) -> None:
    log_in_as_the_employee(world, BUDI)
    for lang in ("en", "id"):
        page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
        drawn = drawn_charts(world.client, page)  # (each its own image since 2026-12-05: no longer in the page)
        assert len(drawn) == 2  # the rank and the JP charts
        assert shared_ids("".join(drawn)) == {}  # was {'matplotlib.axis_1': 2, 'matplotlib.axis_2': 2}
        for svg in drawn:
            assert REFERENCES.findall(svg)  # (markers and clip paths are referred to)
            assert references_outside(svg) == set()


def test_charts_drawing_the_same_marks_name_them_apart_and_alike_at_each_drawing(world: World) -> None:
    """The same bars under two titles: the same tick marks and clip box, drawn as two charts of one page."""
    draw = charts.jp_chart.__wrapped__  # type: ignore[attr-defined]  # (drawn each time, not kept)
    with world.app.test_request_context("/pages/?lang=en"):
        first, second, again = (
            draw([2023, 2024], [12.0, 24.0], 20.0, title, "20 JP a year") for title in ("A", "B", "A")
        )
    assert shared_ids(first + second) == {}
    assert references_outside(first) == references_outside(second) == set()
    assert str(again) == str(first)  # the same text at each drawing (svg.hashsalt fixed), as a kept chart is
