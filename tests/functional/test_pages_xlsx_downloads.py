"""The inspector's lists and tables offer an Excel workbook (.xlsx) beside each CSV, with typed cells.

Found on the acceptance walk (/tmp/inspector/findings.md, 11): the CSV opened in Excel turns an 18-digit NIP into
1.96307E+17 and saves it back as another person's NIP, and an Indonesian Excel (list separator `;`, decimal comma)
puts each row in one column and reads 0.8509 as 8509. The workbook has the CSV's rows and filters, a NIP and every
code as a text cell, numbers as number cells (shown with the reader's decimal mark), dates as date cells, a yes or
no in the page's language, and a recorded formula-looking text as text, never a formula. Both stores."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import web.pages.export
from tests import factories as f
from tests.functional.conftest import BUDI, TEST_CONFIG, World, own_client, served_app, served_world
from tests.functional.test_api_passed_over_verdict import passed, passing_over
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import rates, times
from tests.functional.test_security_csv_formulas import FORMULA

__all__ = ["passed"]  # Budi (KOTA-MEDAN, BKPSDM, region 12.71) promoted on 2018-04-01 (101) over Dewi

# This module's tests only read the world (the fairness tables' tests with the statistics put in place of the
# store's for the test): they read one recorded once per store for the module (`shared_passed`, `shared_inspector`,
# `shared_statistics`), on one worker, each with a client of its own. `passed`, `inspector` and `statistics` are
# the same in a store of the test's own, for the modules that import them.
pytestmark = pytest.mark.xdist_group("test_pages_xlsx_downloads")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def promoted_again(world: World) -> World:
    """Budi promoted again, to III/d on 2022-04-01, under an SK reference a spreadsheet would run as a formula."""
    promotion = {**f.promotion("III/d", "2022-04-01"), "reference": FORMULA}
    world.services.ledger.record(BUDI, "rank_promotion", promotion, actor="test")
    world.catch_up()
    return world


def shown_statistics(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """The fairness page's two tables (the selection rates by sex, a time to promotion), as an inspector."""
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: times())
    log_in(world, "inspector")
    return world


@pytest.fixture
def inspector(passed: World) -> World:
    """`passed`, Budi promoted again (promoted_again), as an inspector."""
    log_in(promoted_again(passed), "inspector")
    return passed


@pytest.fixture
def statistics(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    return shown_statistics(world, monkeypatch)


@pytest.fixture(scope="module")
def passed_world(shared_database_url: str) -> Iterator[World]:
    """`passed` and promoted_again, recorded once per store for the module."""
    with served_world(shared_database_url) as world:
        yield promoted_again(passing_over(world))


@pytest.fixture
def shared_passed(passed_world: World) -> World:
    return own_client(passed_world)


@pytest.fixture
def shared_inspector(shared_passed: World) -> World:
    log_in(shared_passed, "inspector")
    return shared_passed


@pytest.fixture
def shared_statistics(shared_passed: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """`statistics` on the shared world: its services' two tables put back after the test (monkeypatch)."""
    return shown_statistics(shared_passed, monkeypatch)


def workbook(world: World, path: str) -> Worksheet:
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert isinstance(sheet, Worksheet)
    return sheet


def records(world: World, path: str) -> list[dict[str, Any]]:
    """The workbook's rows by the CSV's field names (the workbook's header holds the page's labels, column for
    column the CSV's), each value with its cell (to read the cell's type)."""
    return by_field(workbook(world, path), csv_header(world, path.replace(".xlsx", ".csv", 1)))


def by_field(sheet: Worksheet, fields: list[str]) -> list[dict[str, Any]]:
    header, *rows = sheet.iter_rows()
    assert len(header) == len(fields)
    return [dict(zip(fields, row, strict=True)) for row in rows]


def csv_header(world: World, path: str) -> list[str]:
    response = world.client.get(path)
    assert response.status_code == 200
    return next(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def csv_rows(world: World, path: str) -> list[dict[str, str]]:
    response = world.client.get(path)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_a_nip_stays_eighteen_digits_as_a_text_cell_in_the_audits_workbook(shared_inspector: World) -> None:
    rows = records(shared_inspector, "/pages/audits.xlsx?lang=en")
    assert rows
    for row in rows:
        assert row["nip"].data_type == "s"
        assert isinstance(row["nip"].value, str)
        assert len(row["nip"].value) == 18
    assert BUDI in {row["nip"].value for row in rows}
    assert "III/c" in {row["rank_after"].value for row in rows if row["nip"].value == BUDI}  # a code: text


def test_numbers_are_number_cells_and_dates_date_cells_in_the_audits_workbook(shared_inspector: World) -> None:
    rows = records(shared_inspector, "/pages/audits.xlsx?lang=en")
    [row] = [r for r in rows if r["nip"].value == BUDI and r["tmt"].value == datetime(2018, 4, 1)]
    assert row["finding_count"].data_type == "n"
    assert isinstance(row["finding_count"].value, int)
    assert row["passed_over_count"].value == 1
    assert row["tmt"].is_date
    assert row["tmt"].value == datetime(2018, 4, 1)
    assert row["recorded_at"].is_date  # stored as its ISO text with an offset: written as its time in WIB
    text = shared_inspector.client.get("/pages/audits.csv?lang=en").get_data(as_text=True).lstrip("\ufeff")
    [recorded] = [  # (the CSV, for machines, keeps the API's time with its offset, UTC)
        r["recorded_at"] for r in csv.DictReader(io.StringIO(text)) if r["nip"] == BUDI and r["tmt"] == "2018-04-01"
    ]
    assert recorded.endswith("+00:00")
    in_wib = datetime.fromisoformat(recorded).replace(tzinfo=None) + timedelta(hours=7)
    assert abs(row["recorded_at"].value - in_wib) < timedelta(seconds=1)  # (Excel keeps milliseconds)


def test_a_yes_or_no_reads_in_the_pages_language(shared_inspector: World) -> None:
    english = records(shared_inspector, "/pages/audits.xlsx?lang=en")
    indonesian = records(shared_inspector, "/pages/audits.xlsx?lang=id")
    assert {row["corrected"].value for row in english} == {"no"}
    assert {row["corrected"].value for row in indonesian} == {"tidak"}


def test_a_formula_looking_reference_is_text_never_a_formula(shared_inspector: World) -> None:
    response = shared_inspector.client.get("/pages/audits.xlsx")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert isinstance(sheet, Worksheet)
    references = [row["reference"] for row in by_field(sheet, csv_header(shared_inspector, "/pages/audits.csv"))]
    [cell] = [c for c in references if c.value == FORMULA]  # as recorded, no apostrophe added
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as package:
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize(
    ("name", "own", "other"), [("unit", "BKPSDM", "Dinas%20Pendidikan"), ("region", "12.71", "12.07")]
)
def test_the_audits_workbook_applies_the_filters_as_the_csv(
    shared_inspector: World, name: str, own: str, other: str
) -> None:
    for value in (own, other):
        listed = [row["nip"].value for row in records(shared_inspector, f"/pages/audits.xlsx?{name}={value}")]
        assert listed == [row["nip"] for row in csv_rows(shared_inspector, f"/pages/audits.csv?{name}={value}")]
        assert (BUDI in listed) == (value == own)


def test_a_workbook_refuses_an_argument_its_list_does_not_read(shared_inspector: World) -> None:
    response = shared_inspector.client.get(f"/pages/audits.xlsx?nips={BUDI}&lang=en")  # (`nip` is, since 2026-12-07)
    assert response.status_code == 422
    assert "nips is not a filter of this page" in response.get_data(as_text=True)


def headed(world: World, path: str) -> dict[str, Any]:
    """The workbook's header cell of each of the CSV's fields (the same columns in the same order)."""
    header = [c.value for c in next(workbook(world, path).iter_rows())]
    fields = csv_header(world, path.replace(".xlsx", ".csv", 1))
    assert len(header) == len(fields)
    return dict(zip(fields, header, strict=True))


POSTS = {"nip": "NIP", "kind": "Post kind", "title": "Post title", "max_severity": "Worst severity"}
PROMOTIONS = {
    "tmt": "TMT",
    "kind": "Promotion kind",
    "verdict": "Verdict",
    "finding_count": "Findings",
    "passed_over_count": "Colleagues passed over",
    "recorded_at": "Recorded at (WIB)",
}
RATES = {
    "pool": "In the pool",
    "selection_rate": "Selection rate",
    "impact_ratio_low": "Impact ratio: low end of the 95% interval",
    "p_fisher_adjusted": "Fisher p (adjusted)",
}
# the same columns on an Indonesian page
POSTS_ID = {"nip": "NIP", "kind": "Jenis jabatan", "title": "Nama jabatan", "max_severity": "Keparahan tertinggi"}
PROMOTIONS_ID = {
    "tmt": "TMT",
    "kind": "Jenis kenaikan pangkat",
    "verdict": "Kesimpulan",
    "finding_count": "Temuan",
    "passed_over_count": "Rekan yang terlewati",
    "recorded_at": "Dicatat pada (WIB)",
}
RATES_ID = {
    "pool": "Dalam kelompok calon",
    "selection_rate": "Tingkat seleksi",
    "impact_ratio_low": "Rasio dampak: batas bawah interval 95%",
    "p_fisher_adjusted": "p Fisher (disesuaikan)",
}
TIMES = {"median_years": "Median years", "separated": "of whom left", "incidence_4y": "Promoted by 4 years"}
TIMES_ID = {
    "median_years": "Median tahun",
    "separated": "di antaranya keluar",
    "incidence_4y": "Naik pangkat dalam 4 tahun",
}
STATISTICS = "?by=sex&min_cell=1&"


@pytest.mark.parametrize(
    ("path", "labels"),
    [
        ("/pages/audits/posts.xlsx?lang=en", POSTS),
        ("/pages/audits/posts.xlsx?lang=id", POSTS_ID),
        ("/pages/audits.xlsx?lang=en", PROMOTIONS),
        ("/pages/audits.xlsx?lang=id", PROMOTIONS_ID),
    ],
)
def test_the_audit_workbooks_head_the_csvs_columns_by_the_pages_labels_in_its_language(
    shared_inspector: World, path: str, labels: dict[str, str]
) -> None:
    named = headed(shared_inspector, path)
    assert {field: named[field] for field in labels} == labels
    assert not set(named.values()) & set(named)  # no column headed by its field name
    csv_text = shared_inspector.client.get(path.replace(".xlsx", ".csv")).get_data(as_text=True).lstrip("\ufeff")
    assert csv_text.startswith("id,nip,version,decision,")  # the CSV keeps the field names, for machines


@pytest.mark.parametrize(
    ("path", "labels"),
    [
        (f"/pages/fairness.xlsx{STATISTICS}lang=en", RATES),
        (f"/pages/fairness.xlsx{STATISTICS}lang=id", RATES_ID),
        (f"/pages/time-to-promotion.xlsx{STATISTICS}lang=en", TIMES),
        (f"/pages/time-to-promotion.xlsx{STATISTICS}lang=id", TIMES_ID),
    ],
)
def test_the_fairness_workbooks_head_the_csvs_columns_by_the_pages_labels_in_its_language(
    shared_statistics: World, path: str, labels: dict[str, str]
) -> None:
    named = headed(shared_statistics, path)
    assert {field: named[field] for field in labels} == labels
    assert set(named.values()) & set(named) <= {"z"}  # z is z in both


def test_the_fairness_workbooks_have_number_cells_the_locale_shows(shared_statistics: World) -> None:
    world = shared_statistics
    # each group named as the page names it (Perempuan (F) on the default, Indonesian, page), the CSV's by its code
    groups = {row["group"].value: row for row in records(world, "/pages/fairness.xlsx?by=sex&min_cell=1")}
    written = next(row for row in csv_rows(world, "/pages/fairness.csv?by=sex&min_cell=1") if row["group"] == "F")
    women = groups["Perempuan (F)"]
    assert women["selection_rate"].data_type == "n"
    assert women["selection_rate"].value == pytest.approx(float(written["selection_rate"]))
    assert women["impact_ratio_low"].data_type == "n"
    assert (women["selection_rate"].number_format, women["impact_ratio"].number_format) == ("0.0%", "General")
    assert groups["Laki-laki (M)"]["impact_ratio_low"].value is None
    [spell] = records(world, "/pages/time-to-promotion.xlsx?by=sex&min_cell=1")
    assert (spell["n"].value, spell["median_years"].value) == (10, 4.0)
    assert spell["group"].data_type == "s"


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/pages/audits?unit=BKPSDM&lang=en", "/pages/audits.xlsx?unit=BKPSDM&amp;lang=en"),
        ("/pages/audits/posts?unit=BKPSDM&lang=en", "/pages/audits/posts.xlsx?unit=BKPSDM&amp;lang=en"),
    ],
)
def test_the_audit_lists_link_their_workbook_beside_the_csv_with_the_same_filters(
    shared_inspector: World, path: str, link: str
) -> None:
    page = shared_inspector.client.get(path).get_data(as_text=True)
    assert f'<a href="{link}">Excel (.xlsx)</a>' in page
    assert f'<a href="{link.replace(".xlsx", ".csv")}">' in page


def test_the_fairness_page_links_each_tables_workbook_with_its_query(shared_statistics: World) -> None:
    world = shared_statistics
    page = world.client.get("/pages/fairness?by=sex&lang=id").get_data(as_text=True)
    assert '<a href="/pages/fairness.xlsx?by=sex&amp;lang=id">Excel (.xlsx)</a>' in page
    assert '<a href="/pages/time-to-promotion.xlsx?by=sex&amp;lang=id">Excel (.xlsx)</a>' in page


ROWS = 5_000


def test_a_large_list_is_streamed_into_a_constant_memory_workbook(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows go from a generator, row by row, into XlsxWriter's constant-memory workbook (each row written out
    once the next begins), never held as a sheet of cells (so a list at the audited decisions' limit of 100,000
    rows is not either). The rows are the test's own, not a store's: one store (SQLite) for the app. 5,000 rows,
    where this test wrote 100,000 (17 s of CPU): what it shows, a constant-memory workbook and one pass of the
    generator, does not need the limit's size."""
    made: list[dict[str, Any]] = []

    def spied(out: Any, options: dict[str, Any]) -> Any:
        made.append(options)
        return real(out, options)

    real = web.pages.export.xlsxwriter.Workbook
    monkeypatch.setattr(web.pages.export.xlsxwriter, "Workbook", spied)
    taken: list[int] = []

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(ROWS):
            taken.append(i)
            yield {"subject": f"{196307051994041001 + i}", "finding_count": i % 7}

    with served_app(sqlite_url, dict(TEST_CONFIG)) as app, app.test_request_context("/?lang=en"):
        response = web.pages.export.xlsx_download(rows(), ["subject", "finding_count"], "big.xlsx")
    assert [options["constant_memory"] for options in made] == [True]
    assert len(taken) == ROWS  # the generator read once
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    last = list(sheet.iter_rows(min_row=ROWS + 1, values_only=True))  # type: ignore[union-attr]
    assert last == [(f"{196307051994041001 + ROWS - 1}", (ROWS - 1) % 7)]


@pytest.mark.parametrize(
    "path", ["/pages/audits", "/pages/audits/posts", "/pages/fairness", "/pages/time-to-promotion"]
)
def test_a_workbook_is_refused_to_whom_its_csv_is_refused(shared_passed: World, path: str) -> None:
    log_in(shared_passed, "hr")  # no audits to run
    workbook = shared_passed.client.get(f"{path}.xlsx")
    assert workbook.status_code == shared_passed.client.get(f"{path}.csv").status_code == 403
    assert workbook.mimetype != XLSX
