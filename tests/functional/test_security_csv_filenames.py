"""A CSV download's file name is the record's NIP, never the path as typed.

An employee's events, timeline and eligibility are found by their NIP with the separators people type left out
(spaces, dots, dashes: any whitespace, line breaks too). The CSV's Content-Disposition named the path's spelling:
a NIP typed with a line break in it was a 500 (werkzeug refuses a header with a newline: the header injection
stopped, as an error), and other whitespace (a tab, U+2028, U+0085) went into the header as it was, where HTTP
allows no control character and a server writing headers as Latin-1 cannot put U+2028."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from tests.functional.conftest import BUDI, World

SPELLINGS = ["\n", "\r\n", "\t", "\u2028", "\x85", " ", ".", "-"]


@pytest.mark.parametrize("separator", SPELLINGS, ids=repr)
@pytest.mark.parametrize("read", ["events", "timeline", "eligibility"])
def test_an_api_csv_is_named_by_the_nip_however_it_was_typed(world: World, read: str, separator: str) -> None:
    spelled = quote(BUDI[:8] + separator + BUDI[8:])
    answer = world.get(f"/api/v1/employees/{spelled}/{read}", "hr", headers={"Accept": "text/csv"})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert answer.headers["Content-Disposition"] == f'attachment; filename="{read}-{BUDI}.csv"'


@pytest.mark.parametrize("separator", SPELLINGS, ids=repr)
def test_the_career_page_csv_is_named_by_the_nip_however_it_was_typed(world: World, separator: str) -> None:
    client: FlaskClient = world.app.test_client()
    with client.session_transaction() as session:
        session["username"] = "hr"
        session["sid"] = "a-session"  # as a log-in names it (web.pages.auth)
        session["since"] = int(time.time())  # the log-in time (a session lasts CAREERLOG_SESSION_HOURS)
    answer = client.get(f"/pages/employees/{quote(BUDI[:8] + separator + BUDI[8:])}/record.csv")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == f'attachment; filename="riwayat-karier-{BUDI}.csv"'
