"""axe-core over the administrator's accounts page (tests/functional/browser/test_axe.py for the method):
the list and the form in both languages, a refused account, and the page after disabling one."""

from __future__ import annotations

from typing import Any

from tests.functional.browser.conftest import MARKS, Site, log_in
from tests.functional.browser.test_axe import violations

pytestmark = MARKS


def test_axe_finds_nothing_on_the_accounts_page_its_refused_form_and_after_a_disable(page: Any, site: Site) -> None:
    log_in(page, site, "admin")
    for lang in ("id", "en"):
        page.goto(f"{site.url}/pages/accounts?lang={lang}")
        assert violations(page) == [], lang
    page.fill("#f-username", "Siti Lubis")
    page.fill("#f-display_name", "Siti Lubis")
    page.select_option("#f-role", "hr")
    page.fill("#f-password", "short")
    with page.expect_navigation():
        page.click("#h-create ~ form button[type=submit]")
    assert page.locator("#f-username[aria-invalid=true]").count() == 1
    assert violations(page) == []
    page.fill("#f-username", "siti")
    page.fill("#f-password", "siti-password-2026")
    with page.expect_navigation():
        page.click("#h-create ~ form button[type=submit]")
    assert page.locator("fieldset[aria-describedby=scope-error]").count() == 1
    assert violations(page) == []
    # the account disabled is one made here: the site is shared, and its demo log-ins serve the other tests
    page.fill("#f-username", "axe-spare")
    page.fill("#f-display_name", "Axe Spare")
    page.select_option("#f-role", "reporter")
    page.check("#f-national")
    page.fill("#f-password", "axe-spare-password-2026")
    with page.expect_navigation():
        page.click("#h-create ~ form button[type=submit]")
    assert page.locator("button[aria-label='Disable axe-spare']").count() == 1
    with page.expect_navigation():
        page.click("button[aria-label='Disable axe-spare']")
    assert page.locator("p.notice").count() == 1
    assert violations(page) == []
