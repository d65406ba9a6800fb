"""A report page that withholds a figure from a reader of aggregates says why under its table, in the reader's
language, and names each withheld dash so; a page that withholds none has no such legend."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World, confirm_world_pns
from tests.functional.test_pages_auth import log_in
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

DASH = "\u2013"
NAME = {
    "en": "withheld: a group smaller than 5 people, or a figure from which one could be worked out by subtraction",
    "id": "disembunyikan: kelompok kurang dari 5 orang, atau angka yang darinya kelompok itu dapat dihitung dengan "
    "pengurangan",
}
LEGEND = {
    "en": f"{DASH} {NAME['en']}, is not shown to readers of aggregates (docs: security).",
    "id": f"{DASH} {NAME['id']}, tidak ditampilkan kepada pembaca data agregat (dokumentasi: keamanan).",
}
PAGES = ("headcount?by=agency", "training?year=2024&by=agency")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("report", PAGES)
def test_a_page_withholding_a_small_cell_says_why_under_its_table(world: World, lang: str, report: str) -> None:
    confirm_world_pns(world)
    log_in(world, "reporter")  # aggregates only: the world's groups of one or two withheld (CAREERLOG_MIN_CELL 5)
    page = world.client.get(f"/pages/reports/{report}&lang={lang}").get_data(as_text=True)
    table = page.split("<table>")[1]
    assert f'<span class="withheld" role="img" aria-label="{NAME[lang]}" title="{NAME[lang]}">{DASH}</span>' in table
    assert f'<p class="help withheld-legend">{LEGEND[lang]}</p>' in page


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("report", PAGES)
def test_a_page_withholding_nothing_has_no_legend(world: World, lang: str, report: str) -> None:
    confirm_world_pns(world)
    log_in(world, "inspector")  # may read records: every figure exact, none withheld
    answer = world.client.get(f"/pages/reports/{report}&lang={lang}")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "<table>" in page
    assert "withheld-legend" not in page
    assert 'class="withheld"' not in page
    assert LEGEND[lang][2:20] not in page


SCORECARD = "/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2&unit=Bappeda"  # Sari alone


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_scorecard_withholding_a_value_says_why_under_its_table(staffed: World, lang: str) -> None:
    log_in(staffed, "reporter")
    answer = staffed.client.get(f"{SCORECARD}&lang={lang}")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert f'<td><span class="withheld" role="img" aria-label="{NAME[lang]}" title="{NAME[lang]}">{DASH}</span>' in page
    assert f'<p class="help withheld-legend">{LEGEND[lang]}</p>' in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_scorecard_withholding_nothing_has_no_legend(staffed: World, lang: str) -> None:
    log_in(staffed, "inspector")
    answer = staffed.client.get(f"{SCORECARD}&lang={lang}")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "<table>" in page
    assert "withheld-legend" not in page
    assert 'class="withheld"' not in page
