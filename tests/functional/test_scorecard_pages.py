"""The scorecard page and its PDF: Indonesian by default and English, charts, findings, links to the rows
behind each indicator, the reader's scope; the PDF is rendered page by page (pypdfium2) and read back.

Budi (KOTA-MEDAN) completes 24 JP in 2020; Sari (KOTA-MEDAN, appointed 2015) is given the 10-year
long-service decoration in 2020, five years early: the awards audit finds it irregular. Exact figures
and findings are read as an inspector: aggregate-only readers (policy) get small cells withheld.
"""

from __future__ import annotations

import html
import math
import re

import pypdfium2 as pdfium
import pytest
from markupsafe import escape

from projections.scorecard.scorecard import DEFINITIONS
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, confirm_world_pns, own_client
from tests.functional.test_pages_auth import log_in

pytestmark = pytest.mark.xdist_group("test_scorecard_pages")  # its module fixtures are built once, on one worker

PAGE = "/pages/scorecard?agency=KOTA-MEDAN&year=2020&years=2"
PDF = "/pages/scorecard.pdf?agency=KOTA-MEDAN&year=2020&years=2"


@pytest.fixture(scope="module")
def shared(shared_world: World) -> World:
    """The scorecard's facts, recorded once for the module: its tests only read them."""
    confirm_world_pns(shared_world)  # the world's three PNS: the staff of the yearly JP
    ledger = shared_world.services.ledger
    ledger.record(BUDI, "training", f.training("2020-05-08", 24, "2020-05-04"), actor="test")
    ledger.record(SARI, "award", f.award("SLKS_10", "2020-08-17"), actor="test")
    shared_world.catch_up()
    return shared_world


@pytest.fixture
def recorded(shared: World) -> World:
    """The shared world with a client (and so a session) of this test's own, its log-ins not counted with others'."""
    return own_client(shared)


@pytest.fixture(scope="module")
def inspectors_page(shared: World) -> str:
    """The Indonesian page as an inspector sees it, rendered once for the tests that read it."""
    world = own_client(shared)
    log_in(world, "inspector")
    response = world.client.get(PAGE)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_is_indonesian_by_default_with_areas_charts_and_the_finding(inspectors_page: str) -> None:
    text = inspectors_page
    assert "<h1>Kartu skor kebijakan pengembangan karier</h1>" in text
    for area in ("Pengembangan kompetensi", "Hasil", "Merit", "Manajemen kinerja", "Penghargaan"):
        assert f">{area}</h2>" in text
    assert "PNS yang memenuhi 20 JP setahun" in text
    assert [d.id for d in DEFINITIONS if f">{escape(d.title)}</h3>" in text] == []  # every title translated
    assert [d.id for d in DEFINITIONS if escape(d.definition) in text or f">{escape(d.numerator)}<" in text] == []
    assert "<dd>pegawai yang bertugas pada akhir tahun dengan sekurang-kurangnya JP setahun</dd>" in text
    assert "1 dari 1 penghargaan di KOTA-MEDAN pada 2020 melanggar aturan penghargaan" in text
    assert text.count('class="chart" role="img"') >= 10
    assert "50%" in text  # 1 of the 2 staff of KOTA-MEDAN had the yearly JP
    assert BUDI not in text
    assert SARI not in text


def test_the_page_in_english_titles_every_indicator(recorded: World) -> None:
    log_in(recorded, "inspector")
    text = recorded.client.get(PAGE + "&lang=en").get_data(as_text=True)
    assert "<h1>Scorecard of career-development policy</h1>" in text
    for definition in DEFINITIONS:
        assert f">{escape(definition.title)}</h3>" in text, definition.id
    assert "1 of 1 award(s) in KOTA-MEDAN in 2020 broke an award rule" in text


def test_the_rows_behind_an_indicator_link_to_the_pages_an_inspector_may_open(inspectors_page: str) -> None:
    text = inspectors_page
    assert 'href="/pages/reports/training?year=2020&amp;agency=KOTA-MEDAN"' in text
    assert 'href="/pages/audits?agency=KOTA-MEDAN&amp;from=2020-01-01&amp;to=2020-12-31"' in text


def test_every_page_the_scorecard_links_to_opens_with_the_rows_behind_the_indicator(
    recorded: World, inspectors_page: str
) -> None:
    """The JP share per rank, sex and region links to the training report grouped as the API is, by agency and
    the dimension (`by=agency,rank`): the page answered 422 'Unknown field' for it."""
    links = {
        html.unescape(href) for href in re.findall(r'href="(/pages/[^"#]+)"', inspectors_page) if "lang=" not in href
    }
    assert "/pages/reports/training?year=2020&by=agency,rank&agency=KOTA-MEDAN" in links
    log_in(recorded, "inspector")
    assert {link: recorded.client.get(link).status_code for link in links} == dict.fromkeys(links, 200)
    text = recorded.client.get("/pages/reports/training?year=2020&by=agency,rank&agency=KOTA-MEDAN&lang=en")
    table = text.get_data(as_text=True).split("<table>")[1]
    assert '<th scope="col">Agency</th><th scope="col">Rank</th>' in table


def test_a_definition_reads_its_window_and_earlier_years_as_the_settings_give_them(
    recorded: World, inspectors_page: str
) -> None:
    """The definitions named their parameters as written in thresholds.toml: "the share whose rank changed within
    `window_months` after that day", "each of the previous `earlier_years` years"."""
    log_in(recorded, "inspector")
    english = recorded.client.get(PAGE + "&lang=en").get_data(as_text=True)
    assert "the share whose rank changed within 24 months after that day." in english
    assert "at the end of each of the previous 2 years and had less than the yearly JP" in english
    assert "bagian yang pangkatnya berubah dalam 24 bulan setelah hari itu." in inspectors_page
    assert "setiap tahun dari 2 tahun sebelumnya" in inspectors_page
    for text in (english, inspectors_page):
        assert "`window_months`" not in text
        assert "`earlier_years`" not in text


@pytest.mark.parametrize(("lang", "said"), [("en", "No PNS in post at the end of 2020"), ("id", "Tidak ada PNS")])
def test_an_agency_without_staff_that_year_is_said_to_have_none_not_only_that_nothing_crossed_a_threshold(
    recorded: World, lang: str, said: str
) -> None:
    """PROV-SUMUT has nobody on record: its scorecard read 'No indicator crossed a threshold.' over 26 indicators
    of 0 of 0, as if it had been measured and found well."""
    log_in(recorded, "inspector")
    empty = recorded.client.get(f"/pages/scorecard?agency=PROV-SUMUT&year=2020&lang={lang}").get_data(as_text=True)
    assert f'<p class="notice">{said}' in empty
    staffed = recorded.client.get(PAGE + f"&lang={lang}").get_data(as_text=True)
    assert said not in staffed


def test_a_policy_maker_sees_the_filter_of_the_rows_behind_an_audit_indicator_not_a_link(recorded: World) -> None:
    log_in(recorded, "policy")
    text = recorded.client.get(PAGE).get_data(as_text=True)
    assert "/pages/audits" not in text
    # (nor a hint at the API's audit lists, which answer a policy maker 403: printed until 2026-12-07)
    assert "GET /api/v1/audits/" not in text
    assert "<code>findings</code> rule=" in text  # (the rows behind a rule's findings, named)
    assert 'href="/pages/reports/training?year=2020&amp;agency=KOTA-MEDAN"' in text


@pytest.mark.parametrize(("who", "status"), [("employee", 403), ("hr", 403), ("policy_karo", 403), ("admin", 200)])
def test_only_readers_of_the_scorecard_within_their_scope_see_it(recorded: World, who: str, status: int) -> None:
    log_in(recorded, who)
    assert recorded.client.get(PAGE).status_code == status
    assert recorded.client.get(PDF).status_code == status


def test_a_bad_year_is_shown_beside_its_field(recorded: World) -> None:
    log_in(recorded, "policy")
    response = recorded.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=soon&lang=en")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'id="year-error"' in text
    assert 'aria-invalid="true"' in text


def pdf_of(world: World, path: str) -> pdfium.PdfDocument:
    response = world.client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert 'filename="scorecard-KOTA-MEDAN-2020.pdf"' in response.headers["Content-Disposition"]
    return pdfium.PdfDocument(response.get_data())


def page_text(document: pdfium.PdfDocument, index: int) -> str:
    return str(document[index].get_textpage().get_text_range())


def ink(document: pdfium.PdfDocument, index: int) -> float:
    """The share of a rendered page's pixels that are not white."""
    pixels = document[index].render(scale=0.5, grayscale=True).to_numpy()
    return float((pixels < 200).mean())


def test_the_pdf_holds_the_findings_and_every_indicator_on_pages_that_are_not_blank(recorded: World) -> None:
    log_in(recorded, "inspector")
    document = pdf_of(recorded, PDF + "&lang=en")
    assert len(document) == 1 + math.ceil(len(DEFINITIONS) / 3)
    first = page_text(document, 0)
    assert "Scorecard of career-development policy" in first
    assert "Pemerintah Kota Medan (KOTA-MEDAN)" in first
    assert "1 of 1 award(s) in KOTA-MEDAN in 2020 broke an award rule" in first
    everything = " ".join(page_text(document, i) for i in range(len(document)))
    for definition in DEFINITIONS:
        assert definition.title in everything, definition.id
    assert "This year: 1 / 2 = 50%" in everything
    assert all(ink(document, i) > 0.002 for i in range(len(document)))


def test_the_pdf_is_in_the_visitors_language_and_the_page_gives_it_too(recorded: World) -> None:
    log_in(recorded, "inspector")
    document = pdf_of(recorded, PAGE + "&format=pdf")
    first = page_text(document, 0)
    assert "Kartu skor kebijakan pengembangan karier" in first
    assert "Pembilang: pegawai yang bertugas pada akhir tahun dengan sekurang-kurangnya JP setahun" in " ".join(
        page_text(document, i) for i in range(len(document))
    ).replace("\r\n", " ")
    assert "1 dari 1 penghargaan di KOTA-MEDAN pada 2020 melanggar aturan penghargaan" in first


def test_the_page_offers_the_pdf_of_what_it_shows(recorded: World) -> None:
    log_in(recorded, "policy")
    text = recorded.client.get(PAGE + "&unit=Bappeda").get_data(as_text=True)
    assert 'href="/pages/scorecard.pdf?years=2&amp;unit=Bappeda&amp;agency=KOTA-MEDAN&amp;year=2020"' in text


def test_a_units_findings_name_the_unit_and_its_agency_on_the_api_the_page_and_the_pdf(recorded: World) -> None:
    """A unit's scorecard wrote its findings as the agency's ("1 of 1 award(s) in KOTA-MEDAN"), the values the
    unit's: they name the unit, as a unit, and its agency, in English and in Indonesian."""
    api = recorded.get("/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2020&years=2&unit=Bappeda", "inspector")
    found = api.get_json()["findings"]
    assert [(x["indicator"], x["texts"]) for x in found] == [
        (
            "awards.irregular",
            {
                "en": "1 of 1 award(s) in unit Bappeda, KOTA-MEDAN in 2020 broke an award rule (too early, to "
                "someone penalised, or to a low performer).",
                "id": "1 dari 1 penghargaan di unit Bappeda, KOTA-MEDAN pada 2020 melanggar aturan penghargaan "
                "(terlalu dini, kepada yang pernah dihukum, atau kepada yang berkinerja rendah).",
            },
        )
    ]
    assert found[0]["text"] == found[0]["texts"]["en"]
    log_in(recorded, "inspector")
    page = html.unescape(recorded.client.get(PAGE + "&unit=Bappeda").get_data(as_text=True))
    assert "1 dari 1 penghargaan di unit Bappeda, KOTA-MEDAN pada 2020 melanggar aturan penghargaan" in page
    english = html.unescape(recorded.client.get(PAGE + "&unit=Bappeda&lang=en").get_data(as_text=True))
    assert "1 of 1 award(s) in unit Bappeda, KOTA-MEDAN in 2020 broke an award rule" in english
    first = page_text(pdf_of(recorded, PDF + "&unit=Bappeda&lang=en"), 0).replace("\r\n", " ")
    assert "1 of 1 award(s) in unit Bappeda, KOTA-MEDAN in 2020 broke an award rule" in first
    assert "in KOTA-MEDAN" not in first


def test_a_regions_findings_name_the_region_on_the_api_the_page_and_the_pdf(recorded: World) -> None:
    """A region's scorecard (the agency's staff in the region) wrote its findings as the whole agency's ("1 of 1
    award(s) in KOTA-MEDAN"): they name the agency and the region, its code and name, in English and Indonesian;
    a unit's staff in a region, the unit and the region."""
    api = recorded.get("/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2020&years=2&region=12.71", "inspector")
    [found] = api.get_json()["findings"]
    assert found["texts"] == {
        "en": "1 of 1 award(s) in KOTA-MEDAN in region 12.71 (Kota Medan) in 2020 broke an award rule (too early, "
        "to someone penalised, or to a low performer).",
        "id": "1 dari 1 penghargaan di KOTA-MEDAN di wilayah 12.71 (Kota Medan) pada 2020 melanggar aturan "
        "penghargaan (terlalu dini, kepada yang pernah dihukum, atau kepada yang berkinerja rendah).",
    }
    assert found["agency"] == "KOTA-MEDAN"  # (the code, as ever)
    both = recorded.get("/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2020&years=2&region=12.71&unit=Bappeda")
    assert [x["text"][:65] for x in both.get_json()["findings"]] == [
        "1 of 1 award(s) in unit Bappeda, KOTA-MEDAN in region 12.71 (Kota"
    ]
    log_in(recorded, "inspector")
    page = html.unescape(recorded.client.get(PAGE + "&region=12.71").get_data(as_text=True))
    assert "1 dari 1 penghargaan di KOTA-MEDAN di wilayah 12.71 (Kota Medan) pada 2020 melanggar" in page
    english = html.unescape(recorded.client.get(PAGE + "&region=12.71&lang=en").get_data(as_text=True))
    assert "1 of 1 award(s) in KOTA-MEDAN in region 12.71 (Kota Medan) in 2020 broke an award rule" in english
    first = page_text(pdf_of(recorded, PDF + "&region=12.71&lang=en"), 0).replace("\r\n", " ")
    assert "1 of 1 award(s) in KOTA-MEDAN in region 12.71 (Kota Medan) in 2020" in " ".join(first.split())
