"""A mentee's career page showed each mentor by NIP alone ("Mentored by 19860926 201003 1 005"). It now names each
mentor (and mentee) the reader may read, the name as the roster holds it, a read of the mentor's record logged as
`mentor`; a mentor outside the reader's scope stays a NIP, no name shown. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_scope_mentor import start
from web.pages.career import nip_shown

EVENTS = f"/api/v1/employees/{SARI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_mentees_page_names_a_mentor_the_reader_may_read_and_no_other(world: World) -> None:
    started = world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)})
    assert started.status_code == 201
    world.catch_up()
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{SARI}").get_data(as_text=True)
    assert "Budi Siregar (NIP 19860926 201003 1 701)" in page, page
    logged = world.get(f"/api/v1/access-log?nip={BUDI}", "admin").get_json()
    assert "mentor" in {row["action"] for row in logged["items"]}, logged
    move = {"kind": "placement", "effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI", "agency": "KAB-KARO",
            "unit": "Dinas Pendidikan", "region": "12.06"}  # fmt: skip
    assert world.post(f"/api/v1/employees/{BUDI}/events", "admin", json=move).status_code == 201
    world.catch_up()
    page = world.client.get(f"/pages/employees/{SARI}").get_data(as_text=True)
    assert "Budi Siregar" not in page
    assert "Seorang mentor (NIP 19860926 201003 1 701)" in page  # (the page in Indonesian by default)


def test_a_named_mentor_and_a_nip_only_mentor_are_dated_alike_with_no_comma_before_the_date(world: World) -> None:
    """The named form read "Budi Siregar (NIP 19860926 201003 1 701), (Jan 4, 2021)", a comma the NIP-only form
    ("19860926 201003 1 701 (Jan 4, 2021)") does not have."""
    assert world.post(EVENTS, "hr", json={"kind": "mentoring_start", **start(BUDI)}).status_code == 201
    world.catch_up()
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True)
    assert "<li>Budi Siregar (NIP 19860926 201003 1 701) (Jan 4, 2021)</li>" in page, page
    assert "), (" not in page
    move = {"kind": "placement", "effective_date": "2024-10-01", "reference": "SK-MUTASI-BUDI", "agency": "KAB-KARO",
            "unit": "Dinas Pendidikan", "region": "12.06"}  # fmt: skip
    assert world.post(f"/api/v1/employees/{BUDI}/events", "admin", json=move).status_code == 201
    world.catch_up()
    page = world.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True)
    assert "<li>A mentor (NIP 19860926 201003 1 701) (Jan 4, 2021)</li>" in page, page


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "A mentor (NIP {nip}) (Jan 4, 2021)"), ("id", "Seorang mentor (NIP {nip})")]
)
def test_an_employee_reading_their_own_page_reads_a_mentor_by_nip_said_to_be_a_mentor(
    world: World, lang: str, said: str
) -> None:
    """Found by an exploratory tester (2026-12-06, demo of seed 3): the employee's own page listed "Mentored by" a bare
    "19731123 200010 1 001". An employee's scope is their own record (docs/security.md): the mentor's name, read from
    the mentor's record, is not theirs to read, so the mentor is said to be one, by NIP."""
    started = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={"kind": "mentoring_start", **start(SARI)})
    assert started.status_code == 201, started.get_json()
    world.catch_up()
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    assert said.format(nip=nip_shown(SARI)) in page, page
    assert world.client.get(f"/pages/employees/{SARI}").status_code in (403, 404)  # (the mentor's record: not theirs)
