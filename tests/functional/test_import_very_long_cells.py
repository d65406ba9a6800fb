"""A very long cell (a column pasted into one cell, a number run on) is refused naming its field with a reason of a
line: the value a reason quotes is cut to 40 characters ending in "…", as the report's typed cell is. Before, a
NIP of 100,000 digits was copied whole into its reason ("must be 18 digits, got '111…'"), into the report, the
import page and the refused rows' download, whose reasons' cell a spreadsheet cannot hold past 32,767 characters;
an unknown code of the API likewise; and a whole number of more than 4,300 digits was refused with Python's own
words ("Exceeds the limit (4300 digits) for integer string conversion: ... use sys.set_int_max_str_digits() to
increase the limit") instead of "Not a valid integer.", as the API refuses it. Nothing is recorded."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.payload import HOURS_NOT_WHOLE
from tests.functional.conftest import BUDI, World

HEADER = "nip;training_kind;title;organiser;hours;start_date;effective_date;reference"
LONG = 100_000


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_very_long_cell_is_refused_with_a_reason_of_a_line(world: World) -> None:
    before = world.log()
    rows = [
        f"{'1' * LONG};TEKNIS;Arsip;BKPSDM;8;06/05/2024;06/05/2024;L-1",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;{'9' * 5000};06/05/2024;06/05/2024;L-2",
    ]
    upload = {"file": (io.BytesIO("\n".join([HEADER, *rows]).encode()), "training.csv")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 0
    assert [problem["errors"] for problem in report["rejected"]] == [
        {"nip": [f"Must be 18 digits, got '{'1' * 39}…'."]},
        {"hours": [HOURS_NOT_WHOLE]},
    ]
    assert world.log() == before


def test_a_very_long_unknown_code_is_quoted_cut(world: World) -> None:
    before = world.log()
    body = {"kind": "training", "training_kind": "X" * LONG, "title": "Arsip", "organiser": "BKPSDM", "hours": 8}
    body |= {"start_date": "2024-05-06", "effective_date": "2024-05-06", "reference": "L-3"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422
    (reason,) = answer.get_json()["errors"]["training_kind"]
    assert reason.startswith(f"Unknown code '{'X' * 39}…'"), reason[:100]
    assert len(reason) < 2000
    assert world.log() == before
