"""The employee's career page listed the first 20 reads of their record ("20 of 25 reads shown, newest first.") with
no way to the other 5: the readers' list is now paged (`page`, 20 a page), its links at the readers' heading."""

from __future__ import annotations

import html
import re

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


def rows_of(page: str) -> list[str]:
    section = page[page.index('id="h-readers"') :]
    return re.findall(r"<tr><td>", section[section.index("<tbody>") : section.index("</tbody>")])


def test_the_employee_pages_through_every_read_of_their_record(world: World) -> None:
    for _ in range(25):
        assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200
    log_in(world, "employee")
    first = html.unescape(world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True))
    assert "20 of 25 reads shown, newest first." in first
    assert len(rows_of(first)) == 20
    link = re.search(r'<a href="([^"]*page=2[^"]*)">Next', first)
    assert link, first[first.index('id="h-readers"') :]
    assert link[1].endswith("#h-readers")
    second = html.unescape(world.client.get(link[1]).get_data(as_text=True))
    assert "5 of 25 reads shown, newest first." in second
    assert len(rows_of(second)) == 5
    assert "Previous" in second[second.index('id="h-readers"') :]


def test_a_page_of_readers_that_is_no_page_number_is_refused_naming_it(world: World) -> None:
    log_in(world, "employee")
    answer = world.client.get(f"/pages/employees/{BUDI}?lang=en&page=0")
    assert answer.status_code == 422
    assert "Must be a whole number of at least 1." in answer.get_data(as_text=True)


def test_a_page_of_readers_past_the_last_links_to_the_last(world: World) -> None:
    for _ in range(3):
        world.get(f"/api/v1/employees/{BUDI}", "hr")
    log_in(world, "employee")
    page = html.unescape(world.client.get(f"/pages/employees/{BUDI}?lang=en&page=4").get_data(as_text=True))
    assert "Page 4 is past the last page of this list, 1." in page
    assert "Nobody else has viewed this record yet." not in page
