"""A year refused on a report's or the scorecard's page reads as a year, in the page's language: the training
report's year out of range said "Harus antara 1.900 dan 2.026, diisi 0." (each year grouped as a number), and a
scorecard's trend reaching back before 1900 was said in English on the Indonesian page ("The trend would reach back
to 1898, before 1900: ..."), from the projections' own text."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import log_in
from tests.functional.test_time_to_promotion_from_after_today import this_year

pytestmark = pytest.mark.xdist_group("page_year_refusals")


def refused(world: World, path: str) -> dict[str, str]:
    answer = world.client.get(path)
    assert answer.status_code == 422, answer.status_code
    return dict(re.findall(r'<span class="error" id="([a-z_]+)-error">(.*?)</span>', answer.get_data(as_text=True)))


@pytest.mark.parametrize("year", ["0", "1899", "{next_year}", "99999999999"])
def test_a_training_reports_year_out_of_range_is_refused_as_a_year(shared_world: World, year: str) -> None:
    year = year.format(next_year=this_year() + 1)  # (the latest date in Indonesia: ViewReader.today)
    world = own_client(shared_world)
    log_in(world, "reporter")
    said = refused(world, f"/pages/reports/training?year={year}&lang=id")
    assert said == {"year": f"Harus bilangan bulat dari 1900 sampai {this_year()}."}
    csv = world.client.get(f"/pages/reports/training.csv?year={year}&lang=id")
    assert csv.status_code == 422
    assert f"1900 sampai {this_year()}" in csv.get_data(as_text=True)


def test_a_scorecards_trend_before_1900_is_refused_in_the_pages_language(shared_world: World) -> None:
    world = own_client(shared_world)
    log_in(world, "policy")
    assert refused(world, "/pages/scorecard?agency=KOTA-MEDAN&year=1900&years=3&lang=id") == {
        "years": "Tren akan mundur sampai 1898, sebelum 1900: paling banyak 1 untuk 1900."
    }
    assert refused(world, "/pages/scorecard?agency=KOTA-MEDAN&year=1901&lang=id") == {
        "year": "Tren bawaan 3 tahun akan mundur sampai 1899, sebelum 1900: pilih lebih sedikit tahun tren (paling "
        "banyak 2 untuk 1901), atau tahun mulai 1902."
    }
    english = refused(world, "/pages/scorecard?agency=KOTA-MEDAN&year=1900&lang=en")
    assert english == {
        "year": "The default trend of 3 years would reach back to 1898, before 1900: choose fewer years of trend (at "
        "most 1 for 1900), or a year from 1902 on."
    }
    pdf = world.client.get("/pages/scorecard.pdf?agency=KOTA-MEDAN&year=1900&years=2&lang=id")
    assert pdf.status_code == 422
    assert "Tren akan mundur sampai 1899" in pdf.get_data(as_text=True)
