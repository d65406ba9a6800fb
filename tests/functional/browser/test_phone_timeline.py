"""On a phone the career page's timeline fits its screen: each fact's details (dates, decree numbers, titles)
are read without scrolling sideways. Before, a decree number such as 823.3/0001/BKPSDM.Medan/2019 kept the table
about 600 px wide in a 359 px region, cutting every row's details at the screen's edge ("Nomor SK atau"), found
walking the demo as an employee on a 375 px screen."""

from __future__ import annotations

from typing import Any

from tests.functional.browser.conftest import MARKS, Site, log_in

pytestmark = MARKS


def test_the_timelines_details_fit_a_phone_screen(phone: Any, site: Site) -> None:
    log_in(phone, site, "pegawai")
    region = phone.locator('section[aria-labelledby="h-timeline"] .scroll')
    wide, shown = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert wide <= shown, f"the timeline is {wide}px wide in a {shown}px region"
    details = phone.locator('section[aria-labelledby="h-timeline"] tbody tr:first-child td:last-child')
    right = details.evaluate("e => e.getBoundingClientRect().right")
    assert right <= 375, f"the first fact's details end at {right}px on a 375px screen"


def test_the_timelines_cells_are_stacked_on_a_phone_so_words_stay_whole(phone: Any, site: Site) -> None:
    """At 390 px the details column was some 110 px wide, its words broken mid-token (exploratory tester,
    2026-12-05): on a phone each row's cells are stacked, the details as wide as the table, each date named."""
    phone.set_viewport_size({"width": 390, "height": 740})
    log_in(phone, site, "pegawai")
    table = phone.locator('section[aria-labelledby="h-timeline"] table')
    details = phone.locator('section[aria-labelledby="h-timeline"] tbody tr:first-child td:last-child')
    wide = table.evaluate("e => e.getBoundingClientRect().width")
    shown = details.evaluate("e => e.getBoundingClientRect().width")
    assert shown >= 0.9 * wide, f"the details are {shown}px wide in a {wide}px table"
    first = phone.locator('section[aria-labelledby="h-timeline"] tbody tr:first-child td').first
    label = first.evaluate("e => getComputedStyle(e, '::before').content")
    assert label in ('"Effective date: "', '"Tanggal berlaku: "'), label
