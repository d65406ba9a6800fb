"""The statistics' downloads carry what their JSON answers say of the whole: time to promotion's log-rank test and
Cox model, the selection rates' rounds and period, on each group's row after the notes (`untested`, `count`), the
columns before keeping their places. Until 2026-12-06 the time-to-promotion CSV (the API's and the fairness page's)
had neither test, and the fairness CSV neither its rounds nor its period, which the answer and the page give. Both
stores."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.functional.conftest import World
from tests.functional.test_api_audits_and_reports import promote_rina
from tests.functional.test_pages_auth import log_in

TIME = "/api/v1/audits/time-to-promotion?by=sex&min_cell=1"
FAIRNESS = "/api/v1/audits/fairness?by=sex&min_cell=1&from=2000-01-01"
TESTS = ["logrank_chi2", "logrank_df", "logrank_p", "cox_reference_group", "hazard_ratio"]
ROUNDS = ["rounds", "first_round", "last_round", "period_from", "period_to"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rows_of(text: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows = {row["group"]: row for row in reader}
    return list(reader.fieldnames or []), rows


def cell(value: Any) -> str:
    return "" if value is None else str(value)


def test_the_time_to_promotion_csvs_carry_the_log_rank_test_and_the_cox_model(world: World) -> None:
    promote_rina(world)
    answer = world.get(TIME, "inspector").get_json()
    logrank, cox = answer["logrank"], answer["cox"]
    assert logrank is not None, answer  # (two groups, each promoted once: both tested)
    assert cox is not None, answer
    [term] = [t for t in cox["terms"] if t["term"].startswith("group: ")]
    other = term["term"].removeprefix("group: ")
    api = world.get(f"{TIME}&format=csv", "inspector").get_data(as_text=True)
    log_in(world, "inspector")
    page = world.client.get("/pages/time-to-promotion.csv?by=sex&min_cell=1").get_data(as_text=True)
    for text in (api, page):
        interval = ["hazard_ratio_low", "hazard_ratio_high"]
        header, rows = rows_of(text)
        at = header.index("untested")  # (the columns before keep their places; the tests after the notes)
        assert header[at + 1 :] == [*TESTS, *interval, "p_cox"], header
        for row in rows.values():
            assert (row["logrank_chi2"], row["logrank_df"], row["logrank_p"]) == (
                cell(logrank["chi2"]),
                cell(logrank["df"]),
                cell(logrank["p"]),
            )
            assert row["cox_reference_group"] == cox["reference_group"]
        reference = rows[cox["reference_group"]]
        assert (reference["hazard_ratio"], reference["p_cox"]) == ("", "")  # (the reference: no ratio of its own)
        assert (rows[other]["hazard_ratio"], rows[other]["p_cox"]) == (cell(term["hazard_ratio"]), cell(term["p"]))
    _header, rows = rows_of(page)
    low, high = term["ci"]
    assert (rows[other]["hazard_ratio_low"], rows[other]["hazard_ratio_high"]) == (cell(low), cell(high))


def test_the_fairness_csvs_carry_the_rounds_and_the_period_counted(world: World) -> None:
    answer = world.get(FAIRNESS, "inspector").get_json()
    assert answer["groups"], answer
    assert answer["rounds"], answer
    expected = [
        cell(answer["rounds"]),
        cell(answer["first_round"]),
        cell(answer["last_round"]),
        "2000-01-01",
        cell(answer["period"]["to"]),
    ]
    api = world.get(f"{FAIRNESS}&format=csv", "inspector").get_data(as_text=True)
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness.csv?by=sex&min_cell=1&from=2000-01-01").get_data(as_text=True)
    for text in (api, page):
        header, rows = rows_of(text)
        assert header[header.index("count") + 1 :] == ROUNDS, header  # (after the notes, the rest in place)
        assert rows, text
        for row in rows.values():
            assert [row[c] for c in ROUNDS] == expected, row


def test_the_workbooks_head_the_tests_and_the_rounds_by_the_pages_words(world: World) -> None:
    log_in(world, "inspector")
    sheet = load_workbook(io.BytesIO(world.client.get("/pages/time-to-promotion.xlsx?by=sex&lang=en").data)).active
    assert sheet is not None
    header = [c.value for c in next(sheet.iter_rows())]
    at = header.index("Cox model: hazard ratio against the reference group")
    assert header[at + 1 : at + 4] == [
        "Cox model: hazard ratio against the reference group: low end of the 95% interval",
        "Cox model: hazard ratio against the reference group: high end of the 95% interval",
        "Cox model: p of the hazard ratio",
    ]
    assert "Uji log-rank: khi-kuadrat" in headers(world, "/pages/time-to-promotion.xlsx?by=sex&lang=id")
    assert headers(world, "/pages/fairness.xlsx?by=sex&lang=id")[-5:] == [
        "Putaran yang dihitung",
        "Putaran pertama yang dihitung",
        "Putaran terakhir yang dihitung",
        "Periode dari",
        "Periode sampai",
    ]


def headers(world: World, path: str) -> list[Any]:
    sheet = load_workbook(io.BytesIO(world.client.get(path).data)).active
    assert sheet is not None
    return [c.value for c in next(sheet.iter_rows())]
