"""A report page that withholds a figure from a reader of aggregates says why under its table, in the reader's
language, and names each withheld dash so; a page that withholds none has no such legend."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World, confirm_world_pns
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_report_downloads import trained as trained  # (the fixture)
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

DASH = "\u2013"
NAME = {
    "en": "withheld: a group smaller than 5 people, a count of some of a group (promoted, with a finding) when they or "
    "the rest of the group are fewer than 5, or a figure from which one could be worked out by subtraction",
    "id": "disembunyikan: kelompok kurang dari 5 orang, jumlah sebagian dari suatu kelompok (yang naik pangkat, yang "
    "mendapat temuan) bila mereka atau sisa kelompoknya kurang dari 5, atau angka yang darinya kelompok itu dapat "
    "dihitung dengan pengurangan",
}
LEGEND = {
    "en": f"{DASH} {NAME['en']}, is not shown to readers of aggregates (docs: security).",
    "id": f"{DASH} {NAME['id']}, tidak ditampilkan kepada pembaca data agregat (dokumentasi: keamanan).",
}
PAGES = ("headcount?by=agency", "training?year=2024&by=agency")


def page_of(world: World, role: str, path: str) -> str:
    log_in(world, role)
    answer = world.client.get(path)
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "<table>" in page
    return page


def assert_says_why(page: str, lang: str) -> None:
    """A withheld dash named, and the legend under its table, in the page's language."""
    assert f'<td><span class="withheld" role="img" aria-label="{NAME[lang]}" title="{NAME[lang]}">{DASH}</span>' in page
    assert f'<p class="help withheld-legend">{LEGEND[lang]}</p>' in page


def assert_no_legend(page: str, lang: str) -> None:
    assert "withheld-legend" not in page
    assert 'class="withheld"' not in page
    assert NAME[lang] not in page


@pytest.mark.disclosure("withhold")  # (the headcount's withholding asserted too: the default, pinned)
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("report", PAGES)
def test_a_page_withholding_a_small_cell_says_why_under_its_table(world: World, lang: str, report: str) -> None:
    confirm_world_pns(world)
    # aggregates only: the world's groups of one or two withheld (CAREERLOG_MIN_CELL 5)
    assert_says_why(page_of(world, "reporter", f"/pages/reports/{report}&lang={lang}"), lang)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("report", PAGES)
def test_a_page_withholding_nothing_has_no_legend(world: World, lang: str, report: str) -> None:
    confirm_world_pns(world)
    # may read records: every figure exact, none withheld
    assert_no_legend(page_of(world, "inspector", f"/pages/reports/{report}&lang={lang}"), lang)


SCORECARD = "/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2&unit=Bappeda"  # Sari alone


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_scorecard_withholding_a_value_says_why_under_its_table(staffed: World, lang: str) -> None:
    assert_says_why(page_of(staffed, "reporter", f"{SCORECARD}&lang={lang}"), lang)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_scorecard_withholding_nothing_has_no_legend(staffed: World, lang: str) -> None:
    assert_no_legend(page_of(staffed, "inspector", f"{SCORECARD}&lang={lang}"), lang)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("report", ["programmes", "mentoring"])
def test_programmes_and_mentoring_withholding_a_group_say_why(trained: World, lang: str, report: str) -> None:
    """PRG-A's 2 participants and Sari, mentored alone, withheld from a reporter; an inspector sees them all."""
    assert_says_why(page_of(trained, "reporter", f"/pages/reports/{report}?lang={lang}"), lang)
    assert_no_legend(page_of(trained, "inspector", f"/pages/reports/{report}?lang={lang}"), lang)


def test_a_figure_with_no_value_keeps_a_plain_dash(trained: World) -> None:
    """PRG-B's 6 participants are shown, and its feedback, none given, is no value: not named withheld, as
    a figure withheld on its own (its small sub-group) beside it is."""
    log_in(trained, "reporter")
    page = trained.client.get("/pages/reports/programmes?lang=en").get_data(as_text=True)
    programme_b = page.split('<th scope="row">PRG-B</th>')[1].split("</tr>")[0]
    assert f"<td>6</td><td>48</td>\n<td>100</td>\n<td>{DASH}</td>" in programme_b
    assert 'class="withheld"' in programme_b  # (its promotion rate is: too few of its 6 can be promoted in rank)
