"""A list page asked past its last page (a page number typed, or kept from a longer list) offers its last page as
"Previous": /pages/audits?page=999 of 1,065 promotions (22 pages of 50) read "No audited promotion matches." under
"Page 200", whose "Previous" led to page 199, as empty, and so on back for 178 pages."""

from __future__ import annotations

import re

from flask import render_template_string

from tests.functional.conftest import World

PAGER = '{% from "pages/macros.html" import pager %}{{ pager(found, "pages.audits", {"verdict": "compliant"}) }}'


def previous(world: World, page: int, total: int) -> str | None:
    with world.app.test_request_context("/pages/audits"):
        html = render_template_string(PAGER, found={"page": page, "per_page": 50, "total": total})
    link = re.search(r'<a href="([^"]+)">← ', html)
    return link.group(1).replace("&amp;", "&") if link else None


def test_a_page_past_the_last_offers_the_last_page_as_previous(world: World) -> None:
    assert previous(world, 200, 1065) == "/pages/audits?page=22&verdict=compliant"
    assert previous(world, 23, 1065) == "/pages/audits?page=22&verdict=compliant"


def test_a_page_within_the_list_offers_the_page_before(world: World) -> None:
    assert previous(world, 22, 1065) == "/pages/audits?page=21&verdict=compliant"
    assert previous(world, 2, 1065) == "/pages/audits?page=1&verdict=compliant"
    assert previous(world, 1, 1065) is None


NO_ROWS = '{% from "pages/macros.html" import no_rows %}{{ no_rows(found, "pages.audits", {}, 8, "none") }}'


def test_a_page_past_the_window_is_named_as_asked(world: World) -> None:
    # page=201 of per_page 50 is read as the window's last page, 200: the message named page 200, not the one asked
    with world.app.test_request_context("/pages/audits?page=201&lang=en"):
        html = render_template_string(NO_ROWS, found={"page": 200, "per_page": 50, "total": 1065})
    assert "Page 201 is past the last page of this list, 22." in html


def test_the_pager_names_a_page_past_the_window_as_asked(world: World) -> None:
    # page=999999999999999999 read as the window's last page, 200: the message named the page asked and the pager
    # below it "Page 200" (an inspector tester's LOW)
    for asked, named in (("999999999999999999", "Page 999999999999999999"), ("201", "Page 201"), ("22", "Page 22")):
        with world.app.test_request_context(f"/pages/audits?page={asked}&lang=en"):
            html = render_template_string(PAGER, found={"page": min(int(asked), 200), "per_page": 50, "total": 1065})
        assert f"<span>{named}</span>" in html
