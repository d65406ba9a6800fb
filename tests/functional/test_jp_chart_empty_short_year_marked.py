"""A year judged short of the 20 JP with no JP at all is marked on the JP chart, not left as a gap.

On the demo employee's page the table reads 2025: 0 JP, target 20, met "no", but the chart painted that year's bar
orange at a height of 0: nothing to see, the same gap as 2018 (away from duty, not judged) and 2006 (before the rule).
The one year the employee most needs to notice was the one the chart did not show. It now has an orange mark on the
axis; a year with some JP keeps its orange bar, and a year not judged with 0 JP stays a gap.
"""

from __future__ import annotations

import re

from tests.functional.conftest import World
from tests.functional.test_jp_chart_line_over_judged_years import BAR, N
from web.pages.career import jp_chart

ORANGE_MARK = re.compile(rf'<use [^>]*x="({N})"[^>]*fill="#f2a900"')


def test_a_year_short_with_no_jp_has_an_orange_mark_and_the_others_none(world: World) -> None:
    years = [
        {"year": 2016, "hours": 0, "target_jp": None, "met": None},  # before the rule: no verdict
        {"year": 2024, "hours": 0, "target_jp": 20, "met": False},  # short, nothing to paint
        {"year": 2025, "hours": 30, "target_jp": 20, "met": True},
        {"year": 2026, "hours": 8, "target_jp": 20, "met": False},  # short, an orange bar
    ]
    with world.app.test_request_context("/pages/?lang=en"):
        svg = str(jp_chart({"employment_kind": "PNS", "years": years}))
    centres = [(float(a) + float(b)) / 2 for a, b in BAR.findall(svg)]
    assert len(centres) == 4
    marks = [float(x) for x in ORANGE_MARK.findall(svg)]
    assert len(marks) == 1  # was none
    assert abs(marks[0] - sorted(centres)[1]) < 0.01  # under 2024's (empty) bar
