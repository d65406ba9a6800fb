"""HR's page of the records in their scope past the expected end of service (rule retirement.age, unconfirmed)
with no separation recorded, and its CSV: the API's list (test_api_past_retirement) for people. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_past_retirement import OLD_KARO, OLD_MEDAN, OLD_TEACHER, record_the_old
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_hr_reads_the_records_past_the_retirement_day_on_a_page_with_the_rule_unconfirmed(world: World) -> None:
    record_the_old(world)
    log_in(world, "hr")
    answer = world.client.get("/pages/past-retirement?lang=en")
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert OLD_MEDAN in html
    assert OLD_TEACHER in html
    assert OLD_KARO not in html  # outside the scope
    assert BUDI not in html
    assert "Jan 31, 2018" in html
    assert "unconfirmed" in html
    assert "Guru Matematika" in html
    assert 'href="/pages/past-retirement.csv"' in html
    assert 'href="/pages/past-retirement"' in world.client.get("/pages/?lang=en").get_data(as_text=True)
    csv = world.client.get("/pages/past-retirement.csv")
    assert csv.status_code == 200
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0].lstrip("\ufeff").startswith("nip,name,")  # (after the BOM a spreadsheet reads UTF-8 by)
    assert len(lines) == 3
    assert "2018-01-31" in lines[1]


def test_the_page_past_the_retirement_day_is_not_for_a_reporter(world: World) -> None:
    log_in(world, "reporter")
    assert world.client.get("/pages/past-retirement").status_code == 403
    assert world.client.get("/pages/past-retirement.csv").status_code == 403


def test_the_page_past_the_retirement_day_reads_in_indonesian(world: World) -> None:
    record_the_old(world)
    log_in(world, "hr")
    html = world.client.get("/pages/past-retirement?lang=id").get_data(as_text=True)
    assert "Melewati batas usia pensiun" in html
    assert "2 catatan" in html
    assert "aturan yang belum dikonfirmasi" in html


@pytest.mark.parametrize("path", ["/pages/past-retirement", "/pages/past-retirement.csv"])
def test_a_filter_the_page_does_not_read_is_refused_not_ignored(world: World, path: str) -> None:
    """The page and its CSV filter by nothing: `?agency=KAB-KARO` (a filter of the API's list) listed every record of
    the scope under an address that reads as filtered; refused naming it (a 422 page), as every list page refuses an
    argument it does not read (web.pages.inspector.unknown_arguments)."""
    record_the_old(world)
    log_in(world, "hr")
    answer = world.client.get(f"{path}?agency=KAB-KARO&lang=en")
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "agency is not a filter of this page, which has none." in html
    assert OLD_MEDAN not in html
    indonesian = world.client.get(f"{path}?sex=F&lang=id").get_data(as_text=True)
    assert "sex bukan saringan halaman ini, yang tidak memiliki saringan." in indonesian
    assert world.client.get(f"{path}?page=1&lang=en").status_code == 200  # (what it reads)


def test_a_page_past_the_last_says_so_not_that_nothing_is_listed(world: World) -> None:
    """`?page=2` of a list of 2 records said "2 records" above "No record is past the retirement age.": a page
    past the list's last (a bookmark, an edited address) says which page is the last and links to it, on every
    list page with a pager (web/templates/pages/macros.html `no_rows`)."""
    record_the_old(world)
    log_in(world, "hr")
    html = world.client.get("/pages/past-retirement?page=2&lang=en").get_data(as_text=True)
    assert "No record is past the retirement age." not in html
    assert "Page 2 is past the last page of this list, 1." in html
    assert 'href="/pages/past-retirement?page=1"' in html
    indonesian = world.client.get("/pages/past-retirement?page=2&lang=id").get_data(as_text=True)
    assert "Halaman 2 melewati halaman terakhir daftar ini, 1." in indonesian
    first = world.client.get("/pages/past-retirement?page=1&lang=en").get_data(as_text=True)
    assert "past the last page" not in first
