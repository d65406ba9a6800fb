"""The reports pages' tables download as CSV and as an Excel workbook, withholding every cell the page withholds.

Spreadsheet users had no download on the reports pages (headcount, training compliance, programmes, mentoring)
while every inspector list had both. The CSV is for machines: the API's field names, codes, a withheld figure an
empty cell, `suppressed` true. The workbook is for people: the page's column labels in the page's language, typed
cells. Both hold the rows of the page's table (the headcount's total, the mentoring's difference included), each
withheld as the page withholds it (complementary suppression, projections/suppression.py): a download gives a
reporter nothing the page does not. Both stores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests import factories as f
from tests.conftest import STORES, shared_store
from tests.functional.conftest import BUDI, SARI, TEST_CONFIG, World, disclosure_of, own_client, served_world
from tests.functional.test_pages_auth import log_in
from tests.functional.test_suppression import COLLEAGUES, record, staff, staffed

__all__ = ["staffed"]  # Budi and 6 colleagues in KOTA-MEDAN's BKPSDM, Sari alone in Bappeda, Rina alone in KAB-KARO

# Each test only reads a world (logging in as a web twin of its accounts with a client of its own): the two worlds,
# staffed and trained, are recorded once per store for the module, on one worker, not once per test
# (`shared_staffed`, `shared_trained`). `trained` is the same in a store of the test's own, for the modules that
# import it.
pytestmark = [
    pytest.mark.xdist_group("test_pages_report_downloads"),
    # they assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
    pytest.mark.disclosure("withhold"),
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


DASH = "\u2013"  # a withheld figure on the page


class Tables(HTMLParser):
    """The text of each cell (th or td) of each row of a page's tables."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def page_rows(world: World, path: str) -> list[list[str]]:
    """The body rows of the report's table (its header row left out)."""
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    parser = Tables()
    parser.feed(response.get_data(as_text=True).split('class="scroll"', 1)[1])
    return parser.rows[1:]


def csv_rows(world: World, path: str) -> list[dict[str, str]]:
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def sheet(world: World, path: str) -> list[list[Any]]:
    """The workbook's rows (its header first), as values."""
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == XLSX
    active = load_workbook(io.BytesIO(response.get_data())).active
    assert isinstance(active, Worksheet)
    return [list(row) for row in active.iter_rows(values_only=True)]


def shown(written: str, on_page: str) -> bool:
    """Whether a CSV cell is the page's cell (English page): a withheld figure empty where the page has a dash, a
    share as the page's percentage, a number as the page's number."""
    if on_page == DASH:
        return written == ""
    if on_page.endswith("%"):
        return abs(float(written) * 100 - float(on_page[:-1])) < 0.051
    try:
        return abs(float(written) - float(on_page.replace(",", ""))) < 0.0051
    except ValueError:
        return written == on_page or (written, on_page) == ("total", "Total")  # the CSV's total row by its code


def assert_the_csv_is_the_pages_table(world: World, report: str, query: str, columns: list[str], counted: str) -> None:
    page = page_rows(world, f"/pages/reports/{report}?{query}&lang=en")
    written = csv_rows(world, f"/pages/reports/{report}.csv?{query}&lang=en")
    assert len(written) == len(page)
    for row, on_page in zip(written, page, strict=True):
        cells = [row[c] for c in columns]
        assert all(shown(w, p) for w, p in zip(cells, on_page, strict=True)), (cells, on_page)
        withheld = on_page[columns.index(counted)] == DASH  # the people counted withheld, and with them the row
        assert row["suppressed"] == ("true" if withheld else "false"), (row, on_page)


@pytest.fixture(scope="module", params=STORES)
def staffed_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The world staffed (staff), on each store, once for the module."""
    config = {**TEST_CONFIG, **disclosure_of(request.node)}
    with shared_store(request.param, tmp_path_factory) as url, served_world(url, config) as world:
        yield staff(world)


@pytest.fixture(scope="module", params=STORES)
def trained_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The world staffed and trained (train), on each store, once for the module."""
    config = {**TEST_CONFIG, **disclosure_of(request.node)}
    with shared_store(request.param, tmp_path_factory) as url, served_world(url, config) as world:
        yield train(staff(world))


@pytest.fixture
def shared_staffed(staffed_world: World) -> World:
    return own_client(staffed_world)


@pytest.fixture
def shared_trained(trained_world: World) -> World:
    return own_client(trained_world)


@pytest.fixture
def trained(staffed: World) -> World:
    """The world staffed (test_suppression's `staffed`) and trained (train) in a store of the test's own."""
    return train(staffed)


def train(staffed: World) -> World:
    """Sari (alone in Bappeda) with 24 JP in 2020; programme PRG-A taken by Budi and Sari, PRG-B by 6 colleagues;
    Sari mentored by Budi."""
    record(staffed, SARI, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    for nip in (BUDI, SARI):
        record(staffed, nip, "training", f.training("2021-03-05", 16, "2021-03-01", programme_id="PRG-A", cost=1_000))
    for nip in COLLEAGUES:
        record(staffed, nip, "training", f.training("2021-05-07", 8, "2021-05-06", programme_id="PRG-B", cost=800))
    start = {"mentor_nip": BUDI, "focus": "Kearsipan", "effective_date": "2021-01-04", "reference": "MNT-1"}
    record(staffed, SARI, "mentoring_start", start)
    staffed.catch_up()
    return staffed


@pytest.mark.parametrize("who", ["reporter", "inspector"])
def test_the_headcount_csv_is_the_pages_table_with_its_total(shared_staffed: World, who: str) -> None:
    log_in(shared_staffed, who)
    for by in ("unit", "agency"):
        assert_the_csv_is_the_pages_table(shared_staffed, "headcount", f"by={by}", [by, "count"], "count")
    written = csv_rows(shared_staffed, "/pages/reports/headcount.csv?by=unit")
    exact = who == "inspector"
    assert [(r["unit"], r["count"], r["suppressed"]) for r in written] == [
        ("BKPSDM", "7" if exact else "", "false" if exact else "true"),  # 9 - 7 would be 1 + 1
        ("Bappeda", "1" if exact else "", "false" if exact else "true"),
        ("Dinas Pendidikan", "1" if exact else "", "false" if exact else "true"),
        ("total", "9", "false"),
    ]


def test_a_lone_small_group_is_withheld_with_its_complement_in_both_downloads(shared_staffed: World) -> None:
    """By agency KAB-KARO holds Rina alone: withheld, and KOTA-MEDAN with her, or the total would give her away."""
    log_in(shared_staffed, "reporter")
    written = csv_rows(shared_staffed, "/pages/reports/headcount.csv?by=agency")
    assert [(r["agency"], r["count"]) for r in written] == [("KAB-KARO", ""), ("KOTA-MEDAN", ""), ("total", "9")]
    rows = sheet(shared_staffed, "/pages/reports/headcount.xlsx?by=agency&lang=en")
    active = "Active"  # (each row names the legal statuses counted, by the page's names)
    assert rows[1:] == [
        ["KAB-KARO", None, "yes", active, None, None, "withheld"],
        ["KOTA-MEDAN", None, "yes", active, None, None, "withheld"],
        ["Total", 9, "no", active, 9, "no", "withheld"],  # (and the people of every status, on the total's row)
    ]


def test_a_total_of_too_few_people_is_withheld_in_both_downloads(shared_staffed: World) -> None:
    log_in(shared_staffed, "reporter")
    written = csv_rows(shared_staffed, "/pages/reports/headcount.csv?by=sex&agency=KAB-KARO")
    # (until 2026-12-06 Rina's group listed too, withheld: F, her sex; no group of people withheld is)
    assert [(r["sex"], r["count"], r["suppressed"]) for r in written] == [("total", "", "true")]
    assert sheet(shared_staffed, "/pages/reports/headcount.xlsx?by=sex&agency=KAB-KARO&lang=id")[1:] == [
        ["Jumlah", None, "ya", "Aktif (ACTIVE)", None, "ya", "withheld"],
    ]
    page = shared_staffed.client.get("/pages/reports/headcount?by=sex&agency=KAB-KARO&lang=en").get_data(as_text=True)
    table = page[page.index("<table>") : page.index("</table>")]
    assert "Female" not in table, table  # (the page's table as its downloads)
    assert "No group is listed" in page


def test_training_compliance_of_staff_withheld_lists_no_group_and_says_why(shared_trained: World) -> None:
    """KAB-KARO's staff, Rina alone, withheld from a reporter: no group of them listed (her unit was, withheld, until
    2026-12-06), the page, its CSV and its workbook each with the total's row withheld in their place, the page
    saying why under its table, as the headcount's; an inspector sees her unit."""
    query = "year=2020&by=unit&agency=KAB-KARO"
    log_in(shared_trained, "inspector")
    assert [(r["unit"], r["staff"]) for r in csv_rows(shared_trained, f"/pages/reports/training.csv?{query}")] == [
        ("Dinas Pendidikan", "1")
    ]
    log_in(shared_trained, "reporter")
    written = csv_rows(shared_trained, f"/pages/reports/training.csv?{query}")
    assert [(r["unit"], r["staff"], r["met"], r["suppressed"]) for r in written] == [("total", "", "", "true")]
    assert sheet(shared_trained, f"/pages/reports/training.xlsx?{query}&lang=id")[1:] == [
        ["Jumlah", None, None, None, None, "ya", "ya"]  # (and its met withheld, since 2026-12-07)
    ]
    assert page_rows(shared_trained, f"/pages/reports/training?{query}&lang=en") == [["Total", *[DASH] * 4]]
    says = {"en": "No group is listed: the people counted are withheld", "id": "Tidak ada kelompok yang dicantumkan"}
    for lang, why in says.items():  # (and the legend naming the dash, test_pages_reports_say_why_a_figure_is_withheld)
        page = shared_trained.client.get(f"/pages/reports/training?{query}&lang={lang}").get_data(as_text=True)
        assert (why in page, 'class="help withheld-legend"' in page) == (True, True), lang


def test_training_compliance_of_staff_shown_lists_its_groups_and_no_such_note(shared_trained: World) -> None:
    log_in(shared_trained, "reporter")
    page = shared_trained.client.get("/pages/reports/training?year=2020&by=unit&lang=en").get_data(as_text=True)
    assert "No group is listed" not in page
    units = [r["unit"] for r in csv_rows(shared_trained, "/pages/reports/training.csv?year=2020&by=unit")]
    assert "total" not in units
    assert {"BKPSDM", "Bappeda"} <= set(units)


@pytest.mark.parametrize("who", ["reporter", "inspector"])
def test_the_training_programme_and_mentoring_csvs_are_the_pages_tables(shared_trained: World, who: str) -> None:
    log_in(shared_trained, who)
    assert_the_csv_is_the_pages_table(
        shared_trained, "training", "year=2020&by=unit", ["unit", "staff", "met", "share", "average_hours"], "staff"
    )
    figures = ["participants", "hours", "cost_per_jp", "mean_rating", "promotion_rate", "comparable_promotion_rate"]
    assert_the_csv_is_the_pages_table(
        shared_trained, "programmes", "agency=KOTA-MEDAN", ["programme_id", *figures], "participants"
    )
    page = page_rows(shared_trained, "/pages/reports/mentoring?lang=en")
    written = {r["group"]: r for r in csv_rows(shared_trained, "/pages/reports/mentoring.csv?lang=en")}
    assert list(written) == ["mentees", "peers", "difference"]
    # the page's table is the download's turned on its side: a row per measure, a column per group
    for measure, on_page in zip(["count", "promotion_rate", "jp_per_year", "mean_rating"], page, strict=True):
        for group, cell in zip(written, on_page[1:], strict=True):
            assert shown(written[group][measure], cell or DASH), (measure, group, cell)


def test_what_the_page_withholds_from_a_reporter_is_withheld_in_each_reports_downloads(shared_trained: World) -> None:
    log_in(shared_trained, "reporter")
    training = {r["unit"]: r for r in csv_rows(shared_trained, "/pages/reports/training.csv?year=2020&by=unit")}
    assert [training["Bappeda"][c] for c in ("staff", "met", "share", "average_hours", "suppressed")] == [
        *[""] * 4,
        "true",
    ]
    assert (training["BKPSDM"]["staff"], training["BKPSDM"]["suppressed"]) == ("", "true")  # 1 + 1 beside its 7
    programmes = {r["programme_id"]: r for r in csv_rows(shared_trained, "/pages/reports/programmes.csv")}
    assert (programmes["PRG-A"]["participants"], programmes["PRG-A"]["hours"]) == ("", "")
    assert (programmes["PRG-B"]["participants"], programmes["PRG-B"]["hours"]) == ("6", "48")
    mentoring = {r["group"]: r for r in csv_rows(shared_trained, "/pages/reports/mentoring.csv")}
    assert (mentoring["mentees"]["count"], mentoring["mentees"]["suppressed"]) == ("", "true")
    assert mentoring["difference"]["promotion_rate"] == mentoring["difference"]["jp_per_year"] == ""
    assert mentoring["difference"]["suppressed"] == "true"  # or the peers' figures would give the mentee's away
    for report, query in (("training", "year=2020&by=unit"), ("programmes", ""), ("mentoring", "")):
        _header, *rows = sheet(shared_trained, f"/pages/reports/{report}.xlsx?{query}&lang=en")
        written = csv_rows(shared_trained, f"/pages/reports/{report}.csv?{query}")
        assert len(rows) == len(written)
        for values, row in zip(rows, written, strict=True):  # an empty CSV cell is an empty workbook cell
            assert [v is None for v in values] == [c == "" for c in row.values()], (report, values, row)
    log_in(shared_trained, "inspector")
    exact = {r["group"]: r for r in csv_rows(shared_trained, "/pages/reports/mentoring.csv")}
    assert (exact["mentees"]["count"], exact["mentees"]["suppressed"]) == ("1", "false")


@pytest.mark.parametrize(
    ("lang", "header", "total"),
    [
        (
            "en",
            [
                "Work unit",
                "Employees",
                "Withheld (small cell)",
                "Legal statuses counted",
                "Employees of every legal status",
                "Employees of every legal status withheld",
                "Figures protected as",
            ],
            "Total",
        ),
        (
            "id",
            [
                "Unit kerja",
                "Pegawai",
                "Disembunyikan (sel kecil)",
                "Kedudukan hukum yang dihitung",
                "Pegawai semua kedudukan hukum",
                "Pegawai semua kedudukan hukum disembunyikan",
                "Perlindungan angka",
            ],
            "Jumlah",
        ),
    ],
)
def test_the_headcount_workbook_is_headed_by_the_pages_labels_in_its_language(
    shared_staffed: World, lang: str, header: list[str], total: str
) -> None:
    log_in(shared_staffed, "inspector")
    rows = sheet(shared_staffed, f"/pages/reports/headcount.xlsx?by=unit&lang={lang}")
    assert rows[0] == header
    assert rows[1][:2] == ["BKPSDM", 7]  # a number cell
    assert rows[-1][:2] == [total, 9]
    assert csv_rows_text(shared_staffed, f"/pages/reports/headcount.csv?by=unit&lang={lang}").startswith(
        # the CSV keeps the field names in every language, for machines
        "unit,count,suppressed,statuses,total_all_statuses,total_all_statuses_suppressed,disclosure\r\n"
    )


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("report", "query"), [("headcount", "by=sex,education"), ("training", "year=2020&by=sex")])
def test_a_workbook_names_the_groups_as_the_page_and_the_csv_keeps_their_codes(
    shared_trained: World, lang: str, report: str, query: str
) -> None:
    """Before, the workbook's group cells held the codes (F, S-1) under the page's labels in its language, while
    the page names them (Perempuan (F), Sarjana (S-1); Female (F), Bachelor's degree (S-1) in English)."""
    log_in(shared_trained, "inspector")
    by = query.rsplit("by=", 1)[1].split(",")
    on_page = [row[: len(by)] for row in page_rows(shared_trained, f"/pages/reports/{report}?{query}&lang={lang}")]
    named = [row[: len(by)] for row in sheet(shared_trained, f"/pages/reports/{report}.xlsx?{query}&lang={lang}")[1:]]
    groups = on_page[:-1] if report == "headcount" else on_page  # (the page's total row spans the groups' cells)
    assert named[: len(groups)] == groups
    assert ["Female (F)", "Perempuan (F)"][lang == "id"] in {cell for row in named for cell in row}
    coded = csv_rows(shared_trained, f"/pages/reports/{report}.csv?{query}&lang={lang}")
    assert {row["sex"] for row in coded} >= {"F", "M"}  # the CSV keeps the codes, for machines


def csv_rows_text(world: World, path: str) -> str:
    return world.client.get(path).get_data(as_text=True).lstrip("\ufeff")


@pytest.mark.parametrize(
    ("lang", "header", "groups"),
    [
        (
            "en",
            ["Group", "People", "Promoted within 24 months", "JP per year", "Mean SKP score", "Withheld (small cell)"],
            ["Mentees", "Colleagues never mentored", "Difference"],
        ),
        (
            "id",
            ["Kelompok", "Orang", "Naik pangkat dalam 24 bulan", "JP per tahun", "Rata-rata nilai SKP"],
            ["Peserta bimbingan", "Rekan yang tidak pernah dibimbing", "Selisih"],
        ),
    ],
)
def test_the_mentoring_workbook_names_its_columns_and_groups_as_the_page(
    shared_trained: World, lang: str, header: list[str], groups: list[str]
) -> None:
    log_in(shared_trained, "inspector")
    rows = sheet(shared_trained, f"/pages/reports/mentoring.xlsx?lang={lang}")
    assert rows[0][: len(header)] == header
    assert [row[0] for row in rows[1:]] == groups
    assert rows[1][1] == 1


def test_each_reports_workbook_names_every_column_in_indonesian(shared_trained: World) -> None:
    log_in(shared_trained, "inspector")
    for report, query in (
        ("headcount", "by=sex"),
        ("training", "year=2020&by=rank"),
        ("programmes", ""),
        ("mentoring", ""),
    ):
        header = sheet(shared_trained, f"/pages/reports/{report}.xlsx?{query}&lang=id")[0]
        fields = next(csv.reader(io.StringIO(csv_rows_text(shared_trained, f"/pages/reports/{report}.csv?{query}"))))
        assert len(header) == len(fields)
        assert not set(header) & set(fields), (report, header)


REFUSED_ARGUMENTS = [
    ("headcount", "bye=unit", "bye", "bye is not a filter of this page; its filters are by, agency, region."),
    ("programmes", "year=2020", "year", "year is not a filter of this page; its filters are agency."),
    ("mentoring", "window=12", "window", "window is not a filter of this page; its filters are agency."),
    ("headcount", "by=agency&by=unit", "by", "Given more than once: give it once."),
    ("training", "year=2020&year=2021", "year", "Given more than once: give it once."),
]


@pytest.mark.parametrize(("report", "query", "field", "reason"), REFUSED_ARGUMENTS)
def test_the_page_refuses_an_argument_it_does_not_read_or_one_given_twice_naming_it(
    shared_staffed: World, report: str, query: str, field: str, reason: str
) -> None:
    """Before, the page answered 200 with a table of another question: a misspelt grouping (bye) or a year the
    programmes do not read left out, by=agency&by=unit grouped by agency alone, the second year ignored. Now the
    page names the argument and its reason (422), as the inspector's pages and the API refuse them."""
    log_in(shared_staffed, "reporter")
    answer = shared_staffed.client.get(f"/pages/reports/{report}?{query}&lang=en")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert reason in page
    if "is not a filter" not in reason:  # (one the page does not read: above the form, which has no field of it)
        assert f'<span class="error" id="{field}-error">{reason}' in page
    assert "Download the table as CSV" not in page


@pytest.mark.parametrize(("report", "query", "field", "reason"), REFUSED_ARGUMENTS)
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_download_refuses_what_its_page_refuses(
    shared_staffed: World, report: str, query: str, field: str, reason: str, extension: str
) -> None:
    log_in(shared_staffed, "reporter")
    answer = shared_staffed.client.get(f"/pages/reports/{report}.{extension}?{query}&lang=en")
    assert (answer.status_code, answer.mimetype) == (422, "text/html")
    assert reason in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (
            "/pages/reports/headcount.csv?unit=BKPSDM",
            "unit is not a filter of this page; its filters are by, agency, region.",
        ),
        ("/pages/reports/programmes.xlsx?year=2024", "year is not a filter of this page; its filters are agency."),
        ("/pages/reports/headcount.xlsx?by=nip", "Group by: Unknown field &#39;nip&#39;"),
        ("/pages/reports/training.csv?year=last", "Year: Must be a year, e.g. 2024."),
        ("/pages/reports/mentoring.csv?agency=kota-medann", "Agency: Not a known code: &#39;kota-medann&#39;"),
    ],
)
def test_a_download_refuses_a_bad_argument_naming_it(shared_staffed: World, path: str, reason: str) -> None:
    log_in(shared_staffed, "reporter")
    response = shared_staffed.client.get(f"{path}&lang=en")
    assert response.status_code == 422
    assert response.mimetype == "text/html"  # no file
    assert reason in response.get_data(as_text=True)


def test_a_download_is_refused_to_whom_the_report_is_refused(shared_staffed: World) -> None:
    log_in(shared_staffed, "employee")
    for extension in ("csv", "xlsx"):
        response = shared_staffed.client.get(f"/pages/reports/headcount.{extension}")
        assert response.status_code == shared_staffed.client.get("/pages/reports/headcount").status_code == 403
        assert response.mimetype == "text/html"
    log_in(shared_staffed, "reporter")
    assert shared_staffed.client.get("/pages/reports/nothing.csv").status_code == 404


def test_the_page_links_its_downloads_with_the_arguments_the_report_reads(shared_trained: World) -> None:
    log_in(shared_trained, "reporter")
    page = shared_trained.client.get("/pages/reports/training?year=2020&by=unit&agency=KOTA-MEDAN&lang=en")
    link = "/pages/reports/training.{}?year=2020&amp;by=unit&amp;agency=KOTA-MEDAN&amp;lang=en"
    assert f'<a href="{link.format("csv")}">Download the table as CSV</a>' in page.get_data(as_text=True)
    assert f'<a href="{link.format("xlsx")}">Excel (.xlsx)</a>' in page.get_data(as_text=True)
    programmes = shared_trained.client.get("/pages/reports/programmes?agency=KOTA-MEDAN&lang=id")
    assert 'href="/pages/reports/programmes.xlsx?agency=KOTA-MEDAN&amp;lang=id"' in programmes.get_data(as_text=True)
    assert shared_trained.client.get("/pages/reports/programmes.xlsx?agency=KOTA-MEDAN&lang=id").status_code == 200


@pytest.mark.parametrize("report", ["headcount", "training", "programmes", "mentoring"])
def test_the_page_refuses_an_agency_that_is_no_code_beside_its_field_as_its_downloads_do(
    shared_staffed: World, report: str
) -> None:
    """Before, the page answered an empty table under an agency filter reading "all" (its download link then
    refused); now the page, like its downloads and the inspector's pages, names the code beside the field."""
    log_in(shared_staffed, "reporter")
    answer = shared_staffed.client.get(f"/pages/reports/{report}?agency=kota-medann&lang=en")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert '<span class="error" id="agency-error">Not a known code: &#39;kota-medann&#39;' in page
    assert "Download the table as CSV" not in page  # no table, no link to a download that would be refused
    assert shared_staffed.client.get(f"/pages/reports/{report}?agency=KOTA-MEDAN&lang=en").status_code == 200


def test_a_share_is_a_number_cell_shown_as_the_pages_percentage(shared_trained: World) -> None:
    """The page writes a share as 50%; the workbook keeps the number (0.5, which sums and averages) and shows it
    so (Excel's 0.0% format, in the reader's decimal mark); a count or an average is not a percentage."""
    log_in(shared_trained, "inspector")
    response = shared_trained.client.get("/pages/reports/training.xlsx?year=2020&by=unit&lang=id")
    active = load_workbook(io.BytesIO(response.get_data())).active
    assert isinstance(active, Worksheet)
    header, *rows = active.iter_rows()
    cells = {str(h.value): c for h, c in zip(header, next(r for r in rows if r[0].value == "Bappeda"), strict=True)}
    share, staff, average = cells["Bagian"], cells["Pegawai"], cells["Rata-rata JP"]
    assert (share.value, share.data_type, share.number_format) == (1.0, "n", "0.0%")
    assert (staff.value, staff.number_format) == (1, "General")
    assert (average.value, average.number_format) == (24, "General")
