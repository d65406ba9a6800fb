"""The JP chart draws the 20 JP line over the years judged by it alone, as the table gives them a target.

The demo employee (appointed 2005, on study leave at the ends of 2017 and 2018) read, above the chart, that nothing was
required of 2005-2016 and that 2017 and 2018 are not judged, and in the table dashes for their target; the chart drew
the dashed "20 JP a year" line across every year all the same, so a year of 0 JP in 2006 stood under a line it was never
asked to reach (and, not orange, looked neither met nor short). The line now runs over the judged years only, in
pieces where a year without a target interrupts them (web.pages.charts.jp_chart's `judged`).
"""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World, confirm_world_pns
from tests.functional.test_career_page_basis import log_in_as_the_employee
from tests.functional.test_pages_career import drawn_charts
from web.pages import charts
from web.pages.career import jp_chart

N = r"[\d.]+"  # a coordinate
BAR_COLOURS = r'fill="#(?:0b4f6c|f2a900)"'  # (BLUE, ORANGE: not the axes' white background)
BAR = re.compile(rf'<path d="M ({N}) {N}\s+L ({N}) {N}\s+L {N} {N}\s+L {N} {N}\s+z\s*"[^>]*{BAR_COLOURS}')
# a red segment clipped to the axes: a piece of the target line (the legend's sample is not clipped)
LINE = re.compile(rf'<path d="M ({N}) {N}\s+L ({N}) {N}\s*" clip-path="[^"]*"[^>]*stroke="#b00020"')


def lined_bars(svg: str) -> list[bool]:
    """Per bar, left to right, whether the target line runs over it."""
    bars = [(float(a), float(b)) for a, b in BAR.findall(svg)]
    pieces = [(float(x0), float(x1)) for x0, x1 in LINE.findall(svg)]
    assert pieces or "20 JP a year" not in svg  # (the regular expression finds the line drawn)
    return [any(x0 <= left and right <= x1 for x0, x1 in pieces) for left, right in sorted(bars)]


def test_the_target_line_runs_over_the_judged_years_alone(world: World) -> None:
    years = [
        {"year": 2016, "hours": 0, "target_jp": None, "met": None},  # before the rule
        {"year": 2017, "hours": 30, "target_jp": 20, "met": True},
        {"year": 2018, "hours": 0, "target_jp": None, "met": None},  # ended away from duty
        {"year": 2019, "hours": 8, "target_jp": 20, "met": False},
        {"year": 2020, "hours": 40, "target_jp": 20, "met": True},
    ]
    with world.app.test_request_context("/pages/?lang=en"):
        svg = str(jp_chart({"employment_kind": "PNS", "years": years}))
    assert lined_bars(svg) == [False, True, False, True, True]  # was [True] * 5: one line across the chart
    assert "20 JP a year" in svg  # (the legend once)


@pytest.mark.parametrize("judged", [None, [True, True]])
def test_with_every_year_judged_the_line_runs_across_them_all(world: World, judged: list[bool] | None) -> None:
    draw = charts.jp_chart.__wrapped__  # type: ignore[attr-defined]  # (drawn, not kept)
    with world.app.test_request_context("/pages/?lang=en"):
        svg = str(draw([2024, 2025], [30.0, 10.0], 20.0, "JP", "20 JP a year", judged=judged))
    assert lined_bars(svg) == [True, True]


def test_budis_page_draws_no_line_over_his_years_before_2017(world: World) -> None:
    confirm_world_pns(world)  # the world's PNS confirmed (unconfirmed, a CPNS: not judged by the yearly JP)
    log_in_as_the_employee(world, BUDI)
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    (svg,) = [s for s in drawn_charts(world.client, page) if "Training hours" in s]
    lined = lined_bars(svg)
    first = 2010  # his appointment's year: 2010-2016 before the rule, 2017 on judged
    assert lined == [year >= 2017 for year in range(first, first + len(lined))]


def test_runs_of_judged_years() -> None:
    assert charts.runs([False, True, True, False, True]) == [(1, 2), (4, 4)]
    assert charts.runs([]) == []
    assert charts.runs([False]) == []
