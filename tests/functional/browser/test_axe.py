"""axe-core (Deque's accessibility engine, shipped by axe-playwright-python) over the pages of each role in
Chromium: every rule it runs by default (WCAG 2 A and AA, best practices) finds nothing, in Indonesian and
in English, on forms refused and on error pages too. Only the browser shows what it checks: contrast of
the computed colours, landmarks and names as the accessibility tree has them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.browser.conftest import MARKS, Site, log_in

pytestmark = MARKS

# "{nip}" is the demo employee's NIP (web.demo.ensure_demo_accounts)
PAGES = {
    "hr-medan": (
        "/pages/",
        "/pages/record",
        "/pages/record?kind=training",
        "/pages/import",
        "/pages/import/jobs",
        "/pages/reports/headcount?by=sex",
        "/pages/reports/training?year=2024",
        "/pages/reports/programmes",
        "/pages/reports/mentoring",
        "/pages/audits",  # 403
        "/pages/employees/{nip}",  # the demo employee's career page: the record links, the order link
        "/pages/employees/{nip}?order=oldest&lang=en",
    ),
    "inspector": (
        "/pages/",
        "/pages/audits?verdict=findings",
        "/pages/audits/awards",
        "/pages/audits/passed-over",
        "/pages/fairness?by=sex",
        "/pages/fairness?by=sex&by=education&lang=en",
        "/pages/scorecard?agency=KOTA-MEDAN&lang=id",
        "/pages/employees/{nip}",  # a career page with its audit links and readers
        "/pages/employees/{nip}?order=oldest&lang=en",
        "/pages/no/such/page",  # 404
    ),
    "reporter": ("/pages/", "/pages/reports/headcount?by=agency&lang=en"),
}


def violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("who", sorted(PAGES))
def test_axe_finds_nothing_on_the_pages_of_each_role(page: Any, site: Site, who: str) -> None:
    log_in(page, site, who)
    found = {}
    for path in PAGES[who]:
        answer = page.goto(site.url + path.format(nip=site.employee_nip))
        # a career page refused (a 404 for a reader outside the scope) would check the error page instead
        found[path] = violations(page) if answer.ok or "{nip}" not in path else [f"answered {answer.status}"]
    assert {path: v for path, v in found.items() if v} == {}


def test_axe_finds_nothing_on_a_refused_log_in_and_a_refused_record_form(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/pages/login?lang=id")
    page.fill("#username", "hr-medan")
    page.click("#main button[type=submit]")
    page.wait_for_load_state()
    assert violations(page) == []
    log_in(page, site, "hr-medan")
    page.goto(f"{site.url}/pages/record?kind=training")
    page.fill("#f-nip", site.employee_nip)
    page.fill("#f-hours", "2.5")
    with page.expect_navigation():
        page.click("form.event-form button[type=submit]")
    assert page.locator("#f-hours[aria-invalid=true]").count() == 1
    assert violations(page) == []


def test_axe_finds_nothing_on_an_audited_promotion_with_findings(page: Any, site: Site) -> None:
    log_in(page, site, "inspector")
    page.goto(f"{site.url}/pages/audits?verdict=findings")
    page.locator("tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.locator("article.finding").count() > 0
    assert violations(page) == []


def test_axe_finds_nothing_on_a_refused_rank_jump_with_its_confirm_box(page: Any, site: Site) -> None:
    """A regular promotion to IV/e is more ranks up than a 101 moves: refused beside the new rank, with the box to
    confirm it, which the keyboard reaches and axe finds labelled."""
    log_in(page, site, "hr-medan")
    page.goto(f"{site.url}/pages/record?kind=rank_promotion")
    page.fill("#f-nip", site.employee_nip)
    page.select_option("#f-new_rank", "IV/e")
    page.select_option("#f-promotion_kind", "101")
    page.fill("#f-effective_date", "2026-10-01")
    page.fill("#f-reference", "KP-AXE-1")
    with page.expect_navigation():
        page.click("form.event-form button[type=submit]")
    assert page.locator("#f-new_rank[aria-invalid=true]").count() == 1
    box = page.locator("input[type=checkbox][name=confirm]")
    assert box.count() == 1
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert violations(page) == []


def test_the_headcount_forms_region_is_chosen_and_a_refused_one_said_beside_it(page: Any, site: Site) -> None:
    """The headcount form's region select (until 2026-12-06 the form had none): a region chosen is read and stays
    chosen; one that is no code is refused beside the field, which axe finds nothing wrong with."""
    log_in(page, site, "reporter")
    page.goto(f"{site.url}/pages/reports/headcount?by=agency&lang=en")
    region = page.locator("#f-region option").nth(1).get_attribute("value")
    assert region
    page.select_option("#f-region", region)
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert f"region={region}" in page.url
    assert page.locator("#f-region").input_value() == region
    page.goto(f"{site.url}/pages/reports/headcount?by=agency&region=99.99&lang=en")
    assert page.locator("#f-region[aria-invalid=true]").count() == 1
    assert "Not a known code" in page.locator("#region-error").inner_text()
    assert violations(page) == []
