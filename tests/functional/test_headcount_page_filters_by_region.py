"""The headcount page takes the API's `region` filter: a reporting client's tester, 2026-12-06, was answered 422
"region is not a filter on this page" for /pages/reports/headcount?...&region=11, while /api/v1/reports/headcount
takes it. Its downloads carry it; a region that is no code is refused beside the field, as an agency is."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def test_the_headcount_page_counts_the_region_asked(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/reports/headcount?by=agency&region=12.06&lang=en")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    table = answer.get_data(as_text=True).split("<table>")[1]
    assert "<td>KAB-KARO</td><td>1</td>" in table
    assert "KOTA-MEDAN" not in table
    csv = world.client.get("/pages/reports/headcount.csv?by=agency&region=12.06&lang=en")
    assert csv.status_code == 200
    assert "KAB-KARO" in csv.get_data(as_text=True)
    assert "KOTA-MEDAN" not in csv.get_data(as_text=True)


def test_a_region_that_is_no_code_is_refused_on_the_headcount_page(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/reports/headcount?by=agency&region=99.99&lang=en")
    assert answer.status_code == 422
    assert "region: Not a known code: &#39;99.99&#39;" in answer.get_data(as_text=True)
