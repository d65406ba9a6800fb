"""The inspector's Excel workbooks name their cells as the page does; the CSVs keep the codes.

Found by review (reviewB #1): the workbooks were headed by the page's labels in the page's language, but their cells
held the API's values: `/pages/audits.xlsx?lang=id` showed 'promotion', 'findings', 'high' under 'Keputusan',
'Kesimpulan', 'Keparahan tertinggi'; the fairness and time-to-promotion workbooks showed 'M', 'F' ('F / S-1' for
two groupings) under 'Kelompok', where the page shows 'Laki-laki (M)'. A workbook is for people: its cells read as
the page's. A CSV is for machines: the codes, whatever the language (docs/api.md, docs/pages.md). Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_fairness_pool import rates, times
from tests.functional.test_pages_xlsx_downloads import csv_rows, inspector, passed, records, statistics

__all__ = ["inspector", "passed", "statistics"]  # Budi promoted (101, 2018-04-01) over Dewi, as an inspector


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


WORDS = {
    "en": {"promotion": "Rank promotion", "101": "Regular (101)", "findings": "with findings"},
    "id": {"promotion": "Kenaikan pangkat", "101": "Reguler (101)", "findings": "ada temuan"},
}
SEVERITIES = {
    "en": {"low": "low", "medium": "medium", "high": "high"},
    "id": {"low": "rendah", "medium": "sedang", "high": "tinggi"},
}


def budi_2018(rows: list[dict[str, Any]]) -> dict[str, Any]:
    [row] = [r for r in rows if r["nip"] == BUDI and r["rank_after"] == "III/c"]
    return row


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_audits_workbook_names_decision_kind_verdict_and_severity_as_the_page_and_the_csv_keeps_codes(
    inspector: World, lang: str
) -> None:
    coded = budi_2018(csv_rows(inspector, f"/pages/audits.csv?lang={lang}"))
    assert (coded["decision"], coded["kind"], coded["verdict"]) == ("promotion", "101", "findings")
    assert coded["max_severity"] in ("low", "medium", "high")
    workbook = records(inspector, f"/pages/audits.xlsx?lang={lang}")
    named = budi_2018([{field: cell.value for field, cell in row.items()} for row in workbook])
    words = WORDS[lang]
    assert named["decision"] == words["promotion"]
    assert named["kind"] == words["101"]
    assert named["verdict"] == words["findings"]
    assert named["max_severity"] == SEVERITIES[lang][coded["max_severity"]]
    assert (named["agency"], named["rank_before"]) == (coded["agency"], coded["rank_before"])  # codes, as on the page
    page = inspector.client.get(f"/pages/audits?lang={lang}").get_data(as_text=True)
    for cell in ("kind", "verdict", "max_severity"):
        assert named[cell] in page


GROUPS = {
    "en": {"F": "Female (F)", "M": "Male (M)", "F / S-1": "Female (F) / Bachelor's degree (S-1)"},
    "id": {"F": "Perempuan (F)", "M": "Laki-laki (M)", "F / S-1": "Perempuan (F) / Sarjana (S-1)"},
}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("table", ["fairness", "time-to-promotion"])
def test_a_statistics_workbook_names_the_groups_as_the_page_and_the_csv_keeps_their_codes(
    statistics: World, lang: str, table: str
) -> None:
    query = f"by=sex&lang={lang}"
    named = {r["group"].value for r in records(statistics, f"/pages/{table}.xlsx?{query}")}
    coded = {r["group"] for r in csv_rows(statistics, f"/pages/{table}.csv?{query}")}
    assert coded
    assert coded <= {"F", "M"}
    assert named == {GROUPS[lang][code] for code in coded}
    page = statistics.client.get(f"/pages/fairness?{query}").get_data(as_text=True)
    assert all(name in page for name in named)


def two_groupings(found: dict[str, Any]) -> dict[str, Any]:
    groups = [{**g, "group": f"{g['group']} / S-1"} for g in found["groups"]]
    return {**found, "by": ["sex", "education"], "groups": groups}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("table", ["fairness", "time-to-promotion"])
def test_a_group_of_two_groupings_is_named_by_both_in_the_workbook_and_coded_in_the_csv(
    statistics: World, monkeypatch: pytest.MonkeyPatch, lang: str, table: str
) -> None:
    monkeypatch.setattr(statistics.services, "fairness", lambda *args, **kwargs: two_groupings(rates()))
    monkeypatch.setattr(statistics.services, "time_to_promotion", lambda *args, **kwargs: two_groupings(times()))
    query = f"by=sex&by=education&lang={lang}"
    named = {r["group"].value for r in records(statistics, f"/pages/{table}.xlsx?{query}")}
    coded = {r["group"] for r in csv_rows(statistics, f"/pages/{table}.csv?{query}")}
    assert "F / S-1" in coded
    assert GROUPS[lang]["F / S-1"] in named
    assert "F / S-1" not in named
