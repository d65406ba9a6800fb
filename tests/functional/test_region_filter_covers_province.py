"""A region filter covers a province's regencies and cities, as a scope does: region=12 is North Sumatra's staff,
Kota Medan's (12.71) and Kabupaten Karo's (12.06) with the province's own offices, on the roster, the reports, the
audited lists, the statistics, the scorecard and the inspector's pages. Before, it matched the code exactly:
region=12 counted no one in this world (nobody works in the province's own offices), also for an inspector whose
scope is that province."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_scorecard_api import PATH, trained, values

__all__ = ["trained"]  # Budi (KOTA-MEDAN, 12.71) trained 24 JP in 2020; Sari (KOTA-MEDAN) not; Rina (KAB-KARO, 12.06)


@pytest.mark.parametrize("who", ["admin", "inspector"])
def test_the_roster_filtered_by_a_province_lists_its_regencies_and_cities(world: World, who: str) -> None:
    def nips(query: str) -> set[str]:
        return {i["nip"] for i in world.get(f"/api/v1/employees?{query}", who).get_json()["items"]}

    assert nips("region=12") == {BUDI, SARI, RINA}
    assert nips("region=12&agency=KAB-KARO") == {RINA}
    assert nips("region=12.71") == {BUDI, SARI}  # a regency or city is itself only


@pytest.mark.parametrize("who", ["admin", "inspector", "reporter"])
def test_the_reports_filtered_by_a_province_count_its_regencies_and_cities(trained: World, who: str) -> None:
    def counted(path: str) -> object:
        response = trained.get(path, who)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["items"]

    for path in ("/api/v1/reports/headcount?by=agency", "/api/v1/reports/training-compliance?year=2020&by=agency"):
        assert counted(f"{path}&region=12") == counted(path)
    headcount = trained.get("/api/v1/reports/headcount?by=region&region=12", "admin").get_json()["items"]
    assert {(i["region"], i["count"]) for i in headcount} == {("12.71", 2), ("12.06", 1)}


@pytest.mark.parametrize("who", ["admin", "inspector"])
def test_the_audits_and_statistics_of_a_province_cover_its_regencies_and_cities(world: World, who: str) -> None:
    listed = world.get("/api/v1/audits/promotions?region=12", who).get_json()
    assert [i["nip"] for i in listed["items"]] == [BUDI]
    fairness = world.get("/api/v1/audits/fairness?by=sex&region=12", who).get_json()
    assert {"12", "12.06", "12.71"} <= set(fairness["scope"]["region"])
    assert "12.01" in fairness["scope"]["region"]
    assert not [r for r in fairness["scope"]["region"] if not (r == "12" or r.startswith("12."))]


def test_the_scorecard_of_a_province_counts_its_regencies_and_cities(trained: World) -> None:
    def card(region: str) -> dict:
        response = trained.get(f"{PATH}?agency=KOTA-MEDAN&year=2020&years=2&region={region}", "inspector")
        assert response.status_code == 200, response.get_json()
        found: dict = response.get_json()
        return found

    province, city = card("12"), card("12.71")
    assert province["region"] == "12"
    for indicator in ("training.jp_share", "training.hours_per_employee"):
        assert values(province, indicator) == values(city, indicator)
    assert values(province, "training.jp_share")[("KOTA-MEDAN", 2020)] == (1, 2, 0.5)
    assert province["indicators"]["training.jp_share"]["trend"][-1]["link"].endswith("&region=12")


def test_the_inspectors_pages_filtered_by_a_province_list_its_regencies_and_cities(world: World) -> None:
    log_in(world, "inspector")
    page = world.client.get("/pages/audits?region=12&lang=en")
    assert page.status_code == 200
    assert f">{BUDI}</a>" in page.get_data(as_text=True)
    exported = world.client.get("/pages/audits.csv?region=12").get_data(as_text=True)
    assert BUDI in exported
