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
