"""The policy maker's journey in Chromium: the scorecard by keyboard, its charts and findings, phone width, the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.functional.browser.conftest import MARKS, Site, log_in

pytestmark = MARKS


def test_a_policy_maker_reads_the_scorecard_by_keyboard_on_a_desktop_and_a_phone(page: Any, site: Site) -> None:
    log_in(page, site, "policy")
    page.click("header >> text=Kartu skor")
    assert page.locator("h1").inner_text() == "Kartu skor kebijakan pengembangan karier"
    page.select_option("#f-agency", "KOTA-MEDAN")
    page.focus("#f-year")
    page.keyboard.press("Control+A")
    page.keyboard.type("2025")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "agency=KOTA-MEDAN" in page.url
    assert page.locator("section h2").first.inner_text() == "Temuan"
    # the findings the reader's scorecard gives, each written on the page (how many the demo's irregularities give a
    # reader of aggregates depends on the day the demo is made: its small cells withheld, there may be none)
    assert page.locator("section[aria-labelledby=findings] p.finding").count() == len(
        policy_findings(page, site, "KOTA-MEDAN", 2025)
    )
    assert page.locator("svg.chart[role=img]").count() >= 10
    assert page.get_by_role("heading", name="PNS yang memenuhi 20 JP setahun", exact=True).count() == 1
    site.shot(page, "scorecard-id")
    page.locator("svg.chart").first.scroll_into_view_if_needed()
    site.shot(page, "scorecard-charts")
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    site.shot(page, "scorecard-phone")
    # the PDF is drawn on request (about 4 s of CPU for this demo, quiet): longer than 10 s on a loaded machine
    with page.expect_download(timeout=90_000) as download:
        page.click("text=Unduh seluruh laporan sebagai PDF", timeout=90_000)
    assert download.value.suggested_filename == "scorecard-KOTA-MEDAN-2025.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def policy_findings(page: Any, site: Site, agency: str, year: int) -> list[Any]:
    """The findings the policy maker's scorecard of `agency` gives on the API (the demo's token)."""
    answer = page.request.get(
        f"{site.url}/api/v1/reports/scorecard?agency={agency}&year={year}&years=3",
        headers={"Authorization": "Bearer clt_demo-policy"},
    )
    assert answer.status == 200
    return list(answer.json()["findings"])
