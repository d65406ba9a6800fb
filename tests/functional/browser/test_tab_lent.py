"""The browser tab lent to each test (conftest.Tab) is lent as new even after a test crashed it: a crashed tab is
not closed, and lent again as it was it failed every later test of the worker ("Page crashed")."""

from __future__ import annotations

import contextlib

import pytest

from tests.functional.browser.conftest import MARKS, Site, Tab

pytestmark = MARKS


def test_a_tab_a_test_crashed_is_lent_to_the_next_test_as_a_new_one(desktop_tab: Tab, site: Site) -> None:
    from playwright.sync_api import Error

    crashed = desktop_tab.lend()
    with contextlib.suppress(Error):  # the renderer ends as it navigates
        crashed.goto("chrome://crash")
    with pytest.raises(Error, match="crashed"):
        crashed.goto("about:blank")
    tab = desktop_tab.lend()
    assert tab is not crashed
    tab.goto(f"{site.url}/pages/login")
    assert tab.locator("#username").count() == 1
