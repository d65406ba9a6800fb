"""A finding of promotion.dates is named by the version of the rule in force on the decision's TMT in the audit list's
workbook as in its CSV and the API's `rule_titles` (the exploratory tester's finding of 2026-12-07): a promotion
corrected to a TMT of 2024-07-01, judged by Peraturan BKN 4/2023 (the 1st of an even month), was named "TMT on 1 April
or 1 October" (PP 99/2000's, before 2024) in /pages/audits.xlsx's "Rules of its findings", and the audit page's
finding filter named the rule so too. Now the workbook names the dates of the version in force, in the page's language,
and the filter (of every version) names none. Budi holds III/b since 2014 (version 2). Both stores."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_jump_confirmation_stored_served import recorded
from tests.functional.test_pages_auth import log_in

FROM_2024 = {
    "en": "TMT on 1 February, 1 April, 1 June, 1 August, 1 October, or 1 December",
    "id": "TMT 1 Februari, 1 April, 1 Juni, 1 Agustus, 1 Oktober, atau 1 Desember",
}
BEFORE_2024 = {"en": "TMT on 1 April or 1 October", "id": "TMT 1 April atau 1 Oktober"}
COLUMNS = {"en": ("Rules of its findings", "Version"), "id": ("Aturan temuannya", "Versi")}
FILTER = {"en": "TMT on a permitted promotion date", "id": "TMT pada tanggal kenaikan pangkat yang diizinkan"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def corrected_to_july_2024(world: World, rank: str = "III/c") -> int:
    """Budi promoted (to III/c) on 2024-06-01, corrected to 2024-07-01 (no permitted date then): its version."""
    version = recorded(world, {"kind": "rank_promotion", **f.promotion(rank, "2024-06-01")})
    recorded(world, {"kind": "correction", **f.correction(version, "2024-07-15", effective_date="2024-07-01")})
    return version


def workbook_titles(world: World, lang: str) -> dict[int, list[str]]:
    """The workbook's "Rules of its findings" of each decision listed, by its version."""
    answer = world.client.get(f"/pages/audits.xlsx?lang={lang}")
    assert answer.status_code == 200
    sheet = list(load_workbook(io.BytesIO(answer.get_data()), read_only=True).active.values)
    header = list(sheet[0])
    titles, version = (header.index(name) for name in COLUMNS[lang])
    return {int(row[version]): str(row[titles] or "").split("; ") for row in sheet[1:]}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_workbook_names_promotion_dates_by_the_version_in_force_on_the_tmt(world: World, lang: str) -> None:
    before = recorded(world, {"kind": "rank_promotion", **f.promotion("III/c", "2018-05-01")})  # (PP 99/2000's)
    version = corrected_to_july_2024(world, "III/d")
    log_in(world, "inspector")
    titles = workbook_titles(world, lang)
    assert FROM_2024[lang] in titles[version]
    assert BEFORE_2024[lang] not in titles[version]
    assert BEFORE_2024[lang] in titles[before]
    assert FROM_2024[lang] not in titles[before]


def test_the_csv_the_api_and_the_workbook_name_the_same_regulation(world: World) -> None:
    version = corrected_to_july_2024(world)
    decision = world.get(f"/api/v1/audits/promotions/{BUDI}-{version}", "inspector").get_json()
    assert decision["tmt"] == "2024-07-01"
    assert "promotion.dates" in [finding["rule"] for finding in decision["findings"]]
    log_in(world, "inspector")
    listed = world.client.get(f"/pages/audits.csv?nip={BUDI}").get_data(as_text=True)
    [row] = [r for r in csv.DictReader(io.StringIO(listed.removeprefix("\ufeff"))) if r["version"] == str(version)]
    book = "Promotion TMT on the 1st of February, April, June, August, October or December"
    assert book in row["rule_titles"].split("; ")
    items: list[dict[str, Any]] = world.get("/api/v1/audits/promotions", "inspector").get_json()["items"]
    [item] = [i for i in items if i["version"] == version]
    assert book in item["rule_titles"]
    assert FROM_2024["en"] in workbook_titles(world, "en")[version]  # (the same dates, in the page's words)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_finding_filter_names_promotion_dates_of_every_version(world: World, lang: str) -> None:
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits?lang={lang}").get_data(as_text=True)
    assert f'<option value="promotion.dates">{FILTER[lang]}</option>' in page
    assert BEFORE_2024[lang] not in page
