"""The programmes report, on the API, its CSV, the reports page and the page's downloads, counts a programme recorded
in other letter case or spacing as one (projections.training: by the ledger's reference key) and says which other
spellings it counted: `other_spellings` (each with its trainings) in the API's answer and CSV and the page's CSV, a
note under the programme on the page and in the workbook. A reporter's small row keeps the spellings but not their
counts. Both stores."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_report_downloads import csv_rows, page_rows, sheet
from tests.functional.test_suppression import COLLEAGUES, record, staffed

__all__ = ["staffed"]  # Budi and 6 colleagues in KOTA-MEDAN's BKPSDM, Sari alone in Bappeda, Rina alone in KAB-KARO

PIM = "DIKLAT-PIM IV"
OTHERS = [{"programme_id": "diklat-pim iv", "completions": 2}, {"programme_id": "DIKLAT-PIM  IV", "completions": 1}]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def spelt(staffed: World) -> World:
    """DIKLAT-PIM IV: 4 colleagues as KOTA-MEDAN's staff record it, 2 as `diklat-pim iv`, Budi as `DIKLAT-PIM  IV`;
    DIKLAT-PIM III: Sari; Latsar: Rina as `LATSAR CPNS`, Sari as `Latsar CPNS`."""
    for n, nip in enumerate(COLLEAGUES):
        programme = PIM if n < 4 else "diklat-pim iv"
        record(staffed, nip, "training", f.training("2021-05-07", 8, "2021-05-06", programme_id=programme, cost=800))
    record(staffed, BUDI, "training", f.training("2021-06-04", 8, "2021-06-03", programme_id="DIKLAT-PIM  IV"))
    record(staffed, SARI, "training", f.training("2021-05-07", 8, "2021-05-06", programme_id="DIKLAT-PIM III"))
    record(staffed, RINA, "training", f.training("2021-02-05", 8, "2021-02-04", programme_id="LATSAR CPNS"))
    record(staffed, SARI, "training", f.training("2021-02-05", 8, "2021-02-04", programme_id="Latsar CPNS"))
    staffed.catch_up()
    return staffed


def test_the_api_answers_one_programme_with_its_other_spellings_and_filters_by_any_of_them(spelt: World) -> None:
    items = spelt.get("/api/v1/reports/programmes", "inspector").get_json()["items"]
    # (the inspector's scope: the province, Rina's KAB-KARO within it)
    assert [(i["programme_id"], i["participants"], i["completions"], i["other_spellings"]) for i in items] == [
        ("DIKLAT-PIM III", 1, 1, []),
        (PIM, 7, 7, OTHERS),  # was three rows: 4, 2 and 1
        ("LATSAR CPNS", 2, 2, [{"programme_id": "Latsar CPNS", "completions": 1}]),  # a tie: capitals first
    ]
    for named in ("diklat-pim%20iv", "DIKLAT-PIM%20%20IV", "Diklat-Pim%20IV"):
        found = spelt.get(f"/api/v1/reports/programmes?programme_id={named}", "inspector").get_json()["items"]
        assert found == [items[1]], named


def test_the_api_csv_carries_the_other_spellings_as_json_after_suppressed(spelt: World) -> None:
    text = spelt.get("/api/v1/reports/programmes?format=csv", "inspector").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[-2:] == ["suppressed", "other_spellings"]  # the columns before keep their places
    assert [(r["programme_id"], r["participants"], json.loads(r["other_spellings"])) for r in rows][:2] == [
        ("DIKLAT-PIM III", "1", []),
        (PIM, "7", OTHERS),
    ]


def test_a_reporters_small_row_keeps_its_spellings_without_their_counts(spelt: World) -> None:
    items = {i["programme_id"]: i for i in spelt.get("/api/v1/reports/programmes", "reporter").get_json()["items"]}
    assert (items[PIM]["participants"], items[PIM]["other_spellings"]) == (7, OTHERS)  # 7: not a small cell
    latsar = items["LATSAR CPNS"]
    assert (latsar["participants"], latsar["suppressed"]) == (None, True)
    assert latsar["other_spellings"] == [{"programme_id": "Latsar CPNS", "completions": None}]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "en",
            "Counted here too, recorded in another letter case or spacing: 'diklat-pim iv' (2 trainings), "
            "'DIKLAT-PIM  IV' (1 training).",
        ),
        (
            "id",
            "Ikut dihitung di sini, tercatat dengan huruf besar-kecil atau spasi yang berbeda: 'diklat-pim iv' "
            "(2 pelatihan), 'DIKLAT-PIM  IV' (1 pelatihan).",
        ),
    ],
)
def test_the_page_says_under_the_programme_which_spellings_it_counted(spelt: World, lang: str, note: str) -> None:
    log_in(spelt, "inspector")
    page = spelt.client.get(f"/pages/reports/programmes?lang={lang}").get_data(as_text=True)
    assert f'<span class="help spellings">{note}</span>'.replace("'", "&#39;") in page
    rows = page_rows(spelt, f"/pages/reports/programmes?lang={lang}")
    assert [r[:2] for r in rows] == [["DIKLAT-PIM III", "1"], [f"{PIM}{' '.join(note.split())}", "7"], rows[2][:2]]


def test_the_pages_downloads_carry_the_other_spellings_last(spelt: World) -> None:
    log_in(spelt, "inspector")
    written = csv_rows(spelt, "/pages/reports/programmes.csv")
    assert list(written[0])[-2:] == ["suppressed", "other_spellings"]
    assert [(r["programme_id"], r["other_spellings"]) for r in written][:2] == [
        ("DIKLAT-PIM III", ""),  # none: an empty cell, as in the workbook
        (PIM, json.dumps(OTHERS, ensure_ascii=False)),
    ]
    for lang, label, note in (
        ("en", "Other spellings counted", "Counted here too, recorded in another letter case or spacing: "),
        ("id", "Ejaan lain yang ikut dihitung", "Ikut dihitung di sini, tercatat dengan huruf besar-kecil atau "),
    ):
        header, pim3, pim4, _latsar = sheet(spelt, f"/pages/reports/programmes.xlsx?lang={lang}")
        assert header[-1] == label
        assert pim3[-1] is None
        assert pim4[-1].startswith(note)
        assert "'DIKLAT-PIM  IV'" in pim4[-1]
