"""The career page's mentoring section writes a mentor's and a mentee's NIP as its heading writes the employee's,
in the 8-6-1-3 display form a decree prints (19800101 200501 1 001), not as 18 digits run together."""

from __future__ import annotations

import pytest

from careerlog.domain.nip import parse_nip
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_access_log_mentees import start
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def mentoring_section(page: str) -> str:
    return page[page.index('id="h-mentoring"') : page.index("</section>", page.index('id="h-mentoring"'))]


def test_the_mentoring_section_names_mentor_and_mentee_in_the_display_form(world: World) -> None:
    world.services.ledger.record(SARI, "mentoring_start", start(BUDI, "2021-01-04", "MNT-1"), actor="test")
    world.catch_up()
    log_in(world, "hr")
    mentor_side = mentoring_section(world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True))
    mentee_side = mentoring_section(world.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True))
    assert parse_nip(SARI).display in mentor_side
    assert SARI not in mentor_side
    assert parse_nip(BUDI).display in mentee_side
    assert BUDI not in mentee_side
