"""A mentor's NIP written with the spaces, dots or dashes people type (19750505 200003 2 009, as the employee's own
NIP may be written everywhere) names that mentor: before, the ledger looked the number up as typed and answered "No
employee with NIP 19750505 200003 2 009 has been appointed." The mentoring is stored with the NIP's 18 digits, and
sent again as typed it is the same fact. The store matters not: SQLite."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.importing import import_rows, read_jsonl
from tests import factories as f

MENTEE = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M")
MENTOR = f.nip(date(1975, 5, 5), date(2000, 3, 1), "F", sequence=9)
WRITTEN = [f"{MENTOR[:8]} {MENTOR[8:14]} {MENTOR[14]} {MENTOR[15:]}", f"{MENTOR[:8]}.{MENTOR[8:14]}.{MENTOR[14:]}"]


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(database_url=sqlite_url)


@pytest.fixture
def appointed(app: CareerLog) -> CareerLog:
    app.record(MENTEE, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    app.record(MENTOR, "appointment", f.appointment(date(1975, 5, 5), date(2000, 3, 1), "F"), actor="hr")
    return app


def start(mentor: str) -> dict[str, str]:
    return {"mentor_nip": mentor, "focus": "Arsip", "effective_date": "2020-01-06", "reference": "MNT-1"}


@pytest.mark.parametrize("written", WRITTEN)
def test_a_mentor_nip_written_with_separators_names_the_mentor(appointed: CareerLog, written: str) -> None:
    outcome = appointed.record(MENTEE, "mentoring_start", start(written), actor="hr")
    assert (outcome.version, outcome.created) == (2, True)
    assert appointed.get_history(MENTEE)[-1]["mentor_nip"] == MENTOR
    assert appointed.get_history(MENTOR)[-1]["mentee_nip"] == MENTEE
    again = appointed.record(MENTEE, "mentoring_start", start(MENTOR), actor="hr")
    assert (again.version, again.created) == (2, False)  # the same fact


def test_an_import_row_naming_a_mentor_with_separators_is_recorded(appointed: CareerLog) -> None:
    rows = [{"kind": "mentoring_start", "nip": MENTEE, **start(WRITTEN[0])}]
    text = "".join(json.dumps(r) + "\n" for r in rows).encode()
    report = import_rows(appointed, read_jsonl(io.BytesIO(text)), actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    assert appointed.get_history(MENTOR)[-1]["mentee_nip"] == MENTEE
