"""Grouped by employment kind the selection rates and time to promotion have one group, PNS (PPPK are never promoted in
rank: in no pool, their rank spells not counted), and every surface says why nothing is compared. The time to
promotion's page, API and command line said it, its downloads did not (a CSV or workbook of one row, no word why);
the selection rates said it nowhere (one group, no note). Now the selection rates' answer gives `employment_kinds` and
`untested` as time to promotion's does, the page shows the same kind of notice under each table, and each download
of either table (the API's CSV, the page's CSV and workbook) carries `untested` on each row, last, as it carries
`suppressed`: the code in a CSV, the page's words in a workbook. Both stores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from flask import Flask

from tests.functional.conftest import World, own_client, served_world
from tests.functional.test_api_audits_and_reports import promote_rina, record_a_pppk
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_xlsx_downloads import records, workbook
from web.pages.inspector import untested_note

ONE_GROUP = "by=employment_kind&min_cell=1"
TWO_GROUPS = "by=sex&min_cell=1"
TIMES_NOTE = (
    "No log-rank test or Cox model: they compare two groups or more, each with n of at least 1, and fewer are shown "
    "here. Grouped by employment kind there is only one group, PNS: PPPK are not promoted in rank, so time to "
    "promotion does not count them."
)
RATES_NOTE = (
    "No impact ratio against another group and no test: they compare two groups or more, each with a pool of at "
    "least 1, and fewer are shown here. Grouped by employment kind there is only one group, PNS: PPPK are not "
    "promoted in rank, so they are in no promotion round and in no pool."
)


# The tests only read the pooled world: it is recorded once per store for the module, on one worker, and each test
# reads it with a client of its own.
pytestmark = pytest.mark.xdist_group("test_fairness_one_group_says_why_untested")


@pytest.fixture(scope="module")
def pooled_world(shared_database_url: str) -> Iterator[World]:
    """A PPPK of Medan (grade IX since 2016, never promoted in rank) and a pool of one woman and one man (Budi's and
    Rina's promotions)."""
    with served_world(shared_database_url) as world:
        record_a_pppk(world)
        promote_rina(world)
        yield world


@pytest.fixture
def pooled(pooled_world: World) -> World:
    """The pooled world, as an inspector logged in with a client of the test's own."""
    world = own_client(pooled_world)
    log_in(world, "inspector")
    return world


def csv_rows(world: World, path: str) -> tuple[list[str], list[dict[str, str]]]:
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return text.splitlines()[0].split(","), list(csv.DictReader(io.StringIO(text)))


def api_csv(world: World, path: str) -> tuple[list[str], list[dict[str, str]]]:
    response = world.get(path, "inspector")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = response.get_data(as_text=True)
    return text.splitlines()[0].split(","), list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------------- selection rates


def test_the_selection_rates_by_employment_kind_have_one_group_and_say_why_nothing_is_compared(pooled: World) -> None:
    body = pooled.get(f"/api/v1/audits/fairness?{ONE_GROUP}", "inspector").get_json()
    assert [(g["group"], g["pool"]) for g in body["groups"]] == [("PNS", 2)]  # the PPPK in no pool
    assert (body["employment_kinds"], body["untested"]) == (["PNS"], "fewer_than_two_groups")
    assert body["groups"][0]["untested"] == "fewer_than_two_groups"
    by_sex = pooled.get(f"/api/v1/audits/fairness?{TWO_GROUPS}", "inspector").get_json()
    assert (by_sex["employment_kinds"], by_sex["untested"]) == (["PNS"], None)
    assert [g["untested"] for g in by_sex["groups"]] == [None, None]


def test_the_fairness_page_says_why_the_selection_rates_compare_nothing(pooled: World) -> None:
    page = pooled.client.get(f"/pages/fairness?{ONE_GROUP}&lang=en").get_data(as_text=True)
    rates = page[page.index('<section aria-labelledby="h-rates">') : page.index('<section aria-labelledby="h-km">')]
    assert f'<p class="notice" id="rates-untested">{RATES_NOTE}' in rates
    by_sex = pooled.client.get(f"/pages/fairness?{TWO_GROUPS}&lang=en").get_data(as_text=True)
    assert 'id="rates-untested"' not in by_sex


def test_the_selection_rates_notice_is_in_indonesian_on_an_indonesian_page(pooled: World) -> None:
    page = pooled.client.get(f"/pages/fairness?{ONE_GROUP}&lang=id").get_data(as_text=True)
    assert "Tanpa rasio dampak terhadap kelompok lain dan tanpa uji" in page
    assert "PPPK tidak naik pangkat, sehingga mereka tidak ada dalam putaran kenaikan pangkat" in page
    assert "No impact ratio" not in page


def test_the_selection_rates_csvs_carry_why_on_each_row_after_the_pool(pooled: World) -> None:
    for header, rows in (
        api_csv(pooled, f"/api/v1/audits/fairness?{ONE_GROUP}&format=csv"),
        csv_rows(pooled, f"/pages/fairness.csv?{ONE_GROUP}"),
    ):
        at = header.index("pool")  # the columns before keep their places (the rounds and period after them)
        assert header[at : at + 3] == ["pool", "untested", "count"]
        assert [(r["group"], r["untested"]) for r in rows] == [("PNS", "fewer_than_two_groups")]
    _header, rows = csv_rows(pooled, f"/pages/fairness.csv?{TWO_GROUPS}")
    assert [r["untested"] for r in rows] == ["", ""]


def test_the_selection_rates_csvs_say_how_the_pool_was_counted_on_each_row_last(pooled: World) -> None:
    for count in ("round", "person"):
        for header, rows in (
            api_csv(pooled, f"/api/v1/audits/fairness?{TWO_GROUPS}&count={count}&format=csv"),
            csv_rows(pooled, f"/pages/fairness.csv?{TWO_GROUPS}&count={count}"),
        ):
            at = header.index("pool")
            assert header[at : at + 3] == ["pool", "untested", "count"]
            assert [r["count"] for r in rows] == [count, count]
    _header, rows = csv_rows(pooled, f"/pages/fairness.csv?{TWO_GROUPS}")  # (not asked: by round, as always)
    assert [r["count"] for r in rows] == ["round", "round"]
    body = pooled.get(f"/api/v1/audits/fairness?{TWO_GROUPS}&count=person", "inspector").get_json()
    assert [g["count"] for g in body["groups"]] == ["person", "person"]
    _header, rows = csv_rows(pooled, f"/pages/time-to-promotion.csv?{TWO_GROUPS}")  # (time to promotion has no count)
    assert "count" not in rows[0]


def test_the_selection_rates_workbook_says_how_the_pool_was_counted_in_the_choosers_words(pooled: World) -> None:
    header = [c.value for c in next(workbook(pooled, f"/pages/fairness.xlsx?{TWO_GROUPS}&lang=en").iter_rows())]
    at = header.index("Why no group is compared")
    assert header[at : at + 2] == ["Why no group is compared", "Count in the pool"]
    rows = records(pooled, f"/pages/fairness.xlsx?{TWO_GROUPS}&count=person&lang=en")
    assert [r["count"].value for r in rows] == ["each person once in the period"] * 2
    rows = records(pooled, f"/pages/fairness.xlsx?{TWO_GROUPS}&lang=id")
    assert [r["count"].value for r in rows] == ["setiap orang sekali per putaran"] * 2


def test_the_selection_rates_workbook_says_why_in_the_pages_words(pooled: World) -> None:
    [row] = records(pooled, f"/pages/fairness.xlsx?{ONE_GROUP}&lang=en")
    assert row["untested"].value.startswith(RATES_NOTE)
    header = [c.value for c in next(workbook(pooled, f"/pages/fairness.xlsx?{ONE_GROUP}&lang=en").iter_rows())]
    at = header.index("Why no group is compared")
    assert header[at : at + 2] == ["Why no group is compared", "Count in the pool"]
    [row] = records(pooled, f"/pages/fairness.xlsx?{ONE_GROUP}&lang=id")
    assert row["untested"].value.startswith("Tanpa rasio dampak terhadap kelompok lain dan tanpa uji")
    assert [r["untested"].value for r in records(pooled, f"/pages/fairness.xlsx?{TWO_GROUPS}&lang=en")] == [None, None]


# ---------------------------------------------------------------------- time to promotion


def test_the_time_to_promotion_csvs_carry_why_the_one_group_is_not_tested(pooled: World) -> None:
    for header, rows in (
        api_csv(pooled, f"/api/v1/audits/time-to-promotion?{ONE_GROUP}&format=csv"),
        csv_rows(pooled, f"/pages/time-to-promotion.csv?{ONE_GROUP}"),
    ):
        assert header[header.index("untested") + 1] == "logrank_chi2"  # (the tests after it, on each row too)
        assert [(r["group"], r["untested"]) for r in rows] == [("PNS", "fewer_than_two_groups")]
    _header, rows = csv_rows(pooled, f"/pages/time-to-promotion.csv?{TWO_GROUPS}")
    assert [r["untested"] for r in rows] == ["", ""]


def test_the_time_to_promotion_workbook_says_why_as_the_page_does(pooled: World) -> None:
    page = pooled.client.get(f"/pages/fairness?{ONE_GROUP}&lang=en").get_data(as_text=True)
    assert f'<p class="notice" id="untested">{TIMES_NOTE}' in page
    [row] = records(pooled, f"/pages/time-to-promotion.xlsx?{ONE_GROUP}&lang=en")
    assert row["untested"].value.startswith(TIMES_NOTE)
    assert row["untested"].data_type == "s"
    [row] = records(pooled, f"/pages/time-to-promotion.xlsx?{ONE_GROUP}&lang=id")
    assert row["untested"].value.startswith("Tanpa uji log-rank dan model Cox")
    by_sex = records(pooled, f"/pages/time-to-promotion.xlsx?{TWO_GROUPS}&lang=en")
    assert [r["untested"].value for r in by_sex] == [None, None]


# ---------------------------------------------------------------------- employment kind and another dimension

PNS_ONLY = "Grouped by employment kind there is only one group, PNS"
KIND_ALONE = "by=employment_kind&min_cell=3"  # (PNS: a pool of 2, 5 rank spells)
# (PNS / F and PNS / M: a pool of 1 each, both under min_cell; 3 and 2 rank spells, PNS / M under min_cell)
KIND_AND_SEX = "by=employment_kind&by=sex&min_cell=3"


def test_grouped_by_employment_kind_and_sex_the_notes_do_not_say_pns_is_the_only_group(pooled: World) -> None:
    answers = [
        pooled.get(f"/api/v1/audits/{audit}?by=employment_kind,sex&min_cell=3", "inspector").get_json()
        for audit in ("fairness", "time-to-promotion")
    ]
    assert [[g["group"] for g in body["groups"]] for body in answers] == [["PNS / F", "PNS / M"]] * 2
    assert [body["untested"] for body in answers] == ["fewer_than_two_groups"] * 2  # (small cells, not one group)
    page = pooled.client.get(f"/pages/fairness?{KIND_AND_SEX}&lang=en").get_data(as_text=True)
    assert 'id="rates-untested"' in page
    assert 'id="untested"' in page
    assert PNS_ONLY not in page
    rates = [r["untested"].value for r in records(pooled, f"/pages/fairness.xlsx?{KIND_AND_SEX}&lang=en")]
    times = [r["untested"].value for r in records(pooled, f"/pages/time-to-promotion.xlsx?{KIND_AND_SEX}&lang=en")]
    assert rates
    assert times
    assert all(note and PNS_ONLY not in note for note in rates + times)


def test_grouped_by_employment_kind_alone_the_notes_say_pns_is_the_only_group(pooled: World) -> None:
    page = pooled.client.get(f"/pages/fairness?{KIND_ALONE}&lang=en").get_data(as_text=True)
    rates = page[page.index('<section aria-labelledby="h-rates">') : page.index('<section aria-labelledby="h-km">')]
    assert PNS_ONLY in rates
    assert PNS_ONLY in page[page.index('id="untested"') :]
    [rates_row] = records(pooled, f"/pages/fairness.xlsx?{KIND_ALONE}&lang=en")
    [times_row] = records(pooled, f"/pages/time-to-promotion.xlsx?{KIND_ALONE}&lang=en")
    assert PNS_ONLY in rates_row["untested"].value
    assert PNS_ONLY in times_row["untested"].value


# ---------------------------------------------------------------------- nobody promoted


@pytest.mark.parametrize(
    ("lang", "rates", "times"),
    [
        (
            "en",
            "No impact ratio against another group and no test: nobody in the groups shown was promoted.",
            "No log-rank test or Cox model: nobody in the groups shown was promoted.",
        ),
        (
            "id",
            "Tanpa rasio dampak terhadap kelompok lain dan tanpa uji: tidak seorang pun dalam kelompok yang "
            "ditampilkan naik pangkat.",
            "Tanpa uji log-rank dan model Cox: tidak seorang pun dalam kelompok yang ditampilkan naik pangkat.",
        ),
    ],
)
def test_groups_nobody_in_was_promoted_are_said_to_be_untested_for_that_reason(
    app: Flask, lang: str, rates: str, times: str
) -> None:
    # (the answers: tests/integration/test_fairness_queries.py) the page's notice and the workbook's column said
    # "fewer are shown here" of two groups shown, or nothing
    answer = {"untested": "nobody_promoted", "min_cell": 5}
    with app.test_request_context(f"/pages/fairness?lang={lang}"):
        assert untested_note("rates", answer, ["sex"]) == rates
        assert untested_note("times", answer, ["employment_kind"]) == times


def test_the_selection_rates_of_a_period_of_no_round_say_so(pooled: World) -> None:
    # (until 2026-12-07 `fewer_than_two_groups`, as if the groups were too few or too small)
    body = pooled.get("/api/v1/audits/fairness?by=sex&from=1990-01-01&to=1990-01-31", "inspector").get_json()
    assert (body["rounds"], body["groups"], body["untested"]) == (0, [], "no_round")
    page = pooled.client.get("/pages/fairness?by=sex&from=1990-01-01&to=1990-01-31&lang=en").get_data(as_text=True)
    assert "No impact ratio and no test: no promotion round falls in the period." in page
