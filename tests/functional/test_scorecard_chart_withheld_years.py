"""A trend whose every year is withheld from the reader (a unit of one, read by a reporter) is drawn with its years
along the axis and a note that it is withheld: before, matplotlib numbered the empty axis itself, "-0.050 -0.025
0.000 0.025 0.050" in dot decimals on an Indonesian page, where every other chart writes the years."""

from __future__ import annotations

import re

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

PAGE = "/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2&unit=Bappeda"  # Sari alone


def charts_of(world: World, role: str) -> list[str]:
    log_in(world, role)
    response = world.client.get(PAGE)
    assert response.status_code == 200
    return re.findall(r"<svg.*?</svg>", response.get_data(as_text=True), re.DOTALL)


def hours_chart(charts: list[str]) -> str:
    [chart] = [c for c in charts if "Jam pelajaran (JP) per PNS" in c or "JP per PNS" in c]
    return chart


def test_a_trend_withheld_in_every_year_shows_the_years_and_says_it_is_withheld(staffed: World) -> None:
    chart = hours_chart(charts_of(staffed, "reporter"))
    assert ">2019<" in chart
    assert ">2020<" in chart
    assert "Disembunyikan (sel kecil)" in chart
    assert "0.050" not in chart
    assert "0.025" not in chart


def test_a_trend_shown_has_no_withheld_note(staffed: World) -> None:
    chart = hours_chart(charts_of(staffed, "inspector"))
    assert "Disembunyikan (sel kecil)" not in chart
