"""The audited decisions' CSV (the API's `?format=csv` and the pages' downloads) holds every row its filters select,
each with the rules its findings fired, by code and readable label.

Until 2026-12-07 the API's CSV was a page, the first 50 rows and a Link to the next (a spreadsheet user read 50 of an
agency's 6,424 promotions as the whole list), the pages' download stopped at 100,000 rows, and neither named a rule:
`finding_count` 2 and `max_severity` medium, with no word of which rules. Now a CSV asked without `page`, `per_page`
or `after` is every row, streamed (its total in X-Total-Count); one asked with them is that page, as before. Each row
names the rules fired (`rules`, codes joined by "; ", merit.passed_over among them) and their labels
(`rule_titles`, the rule book's titles; the workbook's in the page's language). Both stores."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

import web.pages.inspector
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_auth import log_in

MORE = 52  # (more than a page's 50)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def promote_many(world: World) -> list[str]:
    """MORE employees of KOTA-MEDAN, each promoted once (BUDI's promotion the world's own): their NIPs."""
    nips = [f.nip(date(1985, 1, 1), date(2010, 3, 1), "F", sequence=800 + n) for n in range(MORE)]
    for nip in nips:
        world.services.ledger.record(nip, "appointment", appointment_of(nip), actor="test")
        world.services.ledger.record(nip, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="test")
    world.catch_up()
    return nips


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_apis_csv_holds_every_row_the_filters_select(world: World) -> None:
    promote_many(world)
    answer = world.get("/api/v1/audits/promotions?format=csv&agency=KOTA-MEDAN", "inspector")
    assert answer.status_code == 200
    assert answer.headers["X-Total-Count"] == str(MORE + 1)
    assert "Link" not in answer.headers
    assert len(rows(answer.get_data(as_text=True))) == MORE + 1
    paged = world.get("/api/v1/audits/promotions?format=csv&agency=KOTA-MEDAN&per_page=50", "inspector")
    assert len(rows(paged.get_data(as_text=True))) == 50  # (asked a page: that page, and a Link to the next)
    assert 'rel="next"' in paged.headers["Link"]


def test_the_pages_downloads_say_how_many_decisions_were_listed_in_x_total_count(world: World) -> None:
    # (until 2026-12-07 the pages' downloads carried no X-Total-Count, which docs/api.md has readers check rows against)
    promote_many(world)
    log_in(world, "inspector")
    for path in ("/pages/audits", "/pages/audits/posts", "/pages/audits/appointments"):
        listed = world.client.get(f"{path}.csv?agency=KOTA-MEDAN")
        assert listed.status_code == 200, path
        held = len(rows(listed.get_data(as_text=True)))
        assert listed.headers["X-Total-Count"] == str(held), path
        workbook = world.client.get(f"{path}.xlsx?agency=KOTA-MEDAN")
        assert workbook.status_code == 200, path
        sheet = list(load_workbook(io.BytesIO(workbook.get_data()), read_only=True).active.values)
        assert workbook.headers["X-Total-Count"] == str(len(sheet) - 1) == str(held), path
    audits = world.client.get("/pages/audits.csv?agency=KOTA-MEDAN")
    assert audits.headers["X-Total-Count"] == str(MORE + 1)
    audits.close()


def test_each_csv_row_names_the_rules_its_findings_fired(world: World) -> None:
    decision = world.get(f"/api/v1/audits/promotions/{BUDI}-2", "inspector").get_json()
    fired = [finding["rule"] for finding in decision["findings"]]
    assert "promotion.performance" in fired
    for query in ("format=csv", "format=csv&per_page=10"):
        [row] = rows(world.get(f"/api/v1/audits/promotions?{query}", "inspector").get_data(as_text=True))
        assert row["rules"] == "; ".join(fired)
        titles = row["rule_titles"].split("; ")
        assert len(titles) == len(fired)
        assert "SKP predicate at least Baik in each of the last years named by the promotion kind" in titles
    [item] = world.get("/api/v1/audits/promotions", "inspector").get_json()["items"]
    assert item["rules"] == fired  # (the JSON list too)


def test_the_pages_download_holds_every_row_with_its_rules(world: World) -> None:
    promote_many(world)
    log_in(world, "inspector")
    download = world.client.get("/pages/audits.csv?agency=KOTA-MEDAN")
    assert download.status_code == 200
    found = rows(download.get_data(as_text=True))
    assert len(found) == MORE + 1
    [budi] = [r for r in found if r["nip"] == BUDI]
    assert "promotion.performance" in budi["rules"].split("; ")


def test_the_workbook_names_the_rules_in_the_pages_language(world: World) -> None:
    from openpyxl import load_workbook

    log_in(world, "inspector")
    workbook = load_workbook(io.BytesIO(world.client.get("/pages/audits.xlsx?lang=id").get_data()))
    sheet = workbook.active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    values = dict(zip(header, [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))], strict=True))
    assert "Predikat SKP paling rendah Baik" in values["Aturan temuannya"].split("; ")
    assert "promotion.performance" in values["Aturan temuannya (kode)"].split("; ")


def test_the_pages_workbook_beyond_the_rows_a_sheet_holds_is_refused_naming_the_filters_to_narrow(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (Excel's 1,048,575 data rows, shortened for the test: until 2026-12-07 a workbook had no limit, built whole)
    promote_many(world)
    log_in(world, "inspector")
    monkeypatch.setattr(web.pages.inspector, "XLSX_DATA_ROWS", MORE + 1)
    workbook = world.client.get("/pages/audits.xlsx?agency=KOTA-MEDAN")
    assert workbook.status_code == 200
    assert len(list(load_workbook(io.BytesIO(workbook.get_data()), read_only=True).active.values)) == MORE + 2
    monkeypatch.setattr(web.pages.inspector, "XLSX_DATA_ROWS", MORE)
    listing = world.services.audit_view.each_decision
    monkeypatch.setattr(world.services.audit_view, "each_decision", refused_listing)
    refused = world.client.get("/pages/audits.xlsx?agency=KOTA-MEDAN&lang=en")
    assert refused.status_code == 422  # (counted, none listed: until 2026-12-07 every key listed first)
    monkeypatch.setattr(world.services.audit_view, "each_decision", listing)
    assert refused.mimetype == "text/html"
    page = refused.get_data(as_text=True)
    assert f"The workbook would hold {MORE + 1} rows, more than the {MORE} an Excel sheet holds" in page
    assert "narrow the list by agency, unit, kind or the TMT period (start, end), or download it as CSV" in page
    assert world.client.get("/pages/audits.csv?agency=KOTA-MEDAN").status_code == 200  # (the CSV has no such limit)


def refused_listing(*args: Any, **kwargs: Any) -> Any:
    """A stream that is not to be begun: a workbook past a sheet's rows is refused by its count alone."""
    raise AssertionError("a refused workbook listed its decisions")


@pytest.mark.parametrize(
    ("language", "total", "limit"), [("en", "1,234,553", "1,048,575"), ("id", "1.234.553", "1.048.575")]
)
def test_the_workbooks_refusal_writes_its_counts_in_the_pages_language(
    world: World, monkeypatch: pytest.MonkeyPatch, language: str, total: str, limit: str
) -> None:
    # (until 2026-12-07 with English separators in Indonesian too, "1,234,553 baris": read there as 1.234 rows)
    promote_many(world)
    log_in(world, "inspector")
    each_audited = world.services.each_audited

    def counted_more(*args: Any, **kwargs: Any) -> tuple[int, Any]:
        listed, batches = each_audited(*args, **kwargs)
        return listed + 1_234_500, batches  # (a list past Excel's 1,048,575 rows, without recording a million)

    monkeypatch.setattr(world.services, "each_audited", counted_more)
    refused = world.client.get(f"/pages/audits.xlsx?agency=KOTA-MEDAN&lang={language}")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert total in page
    assert limit in page
