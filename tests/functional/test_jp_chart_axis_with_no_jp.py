"""A JP chart of no JP at all has a sensible value axis: from 0 up, with no "-0".

Found by an exploratory tester (2026-12-05): the career page of a PPPK employee with no trainings drew the JP-per-year
chart's axis "-0, -0, 0, 0, 0" (matplotlib centres an empty range on 0, and a tick of -0.02 rounded to -0.0 read "-0");
it now runs from 0 to 20 JP (charts.EMPTY_JP_AXIS) in whole JP (a 2.5 tick read "2" too)."""

from __future__ import annotations

import re
from datetime import date

from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_career import drawn_charts
from web.pages import charts


def value_ticks(svg: str) -> list[str]:
    """The chart's tick labels that are not years (the value axis), bottom to top."""
    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if re.fullmatch(r"-?[\d.,]+", t) and len(t) < 4]


def test_a_pppk_page_with_no_training_draws_the_jp_axis_from_0(world: World) -> None:
    nip = f.pppk_nip(date(1987, 5, 5), 2022, "F")
    payload = f.appointment(date(1987, 5, 5), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    world.catch_up()
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    (jp,) = [s for s in drawn_charts(world.client, page) if "Training hours" in s]
    ticks = value_ticks(jp)
    assert ticks == ["0", "2", "4", "6", "8", "10", "12", "14", "16", "18", "20"], ticks  # was -0, -0, 0, 0, 0


def test_a_value_tick_rounding_to_zero_from_below_reads_0(world: World) -> None:
    """Any chart's number axis (charts.numbers): round(-0.02) is -0.0, which read "-0"."""
    fig = charts.figure()
    ax = fig.add_subplot()
    charts.numbers(ax.yaxis)
    with world.app.test_request_context("/pages/?lang=en"):
        assert ax.yaxis.get_major_formatter()(-0.02, 0) == "0"
