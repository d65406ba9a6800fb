"""A refused NIP is shown as its cell was typed, in the reason that quotes it and beside it (`values`, the command's
`typed: ...`): a NIP read without the spaces, dots and dashes typed in it (` 1986.0926 2015-05 1001 `) was shown as
read (`198609262015051001`), and one of no identity number's form as `must be 18 digits, got '198609262015'` for the
`1986 0926 2015` typed, so the administrator looked for a cell the file does not hold. The NIP a reason names as a
record's (`No employee with NIP 198609262015051001 ...`) stays the one read. A mentor's NIP alike. CSV and JSON Lines;
both stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip()
SPACED = f" {BUDI[:4]}.{BUDI[4:8]} {BUDI[8:14]}-{BUDI[14]} {BUDI[15:]} "  # a NIP typed with separators
SHORT = f"{BUDI[:4]} {BUDI[4:8]} {BUDI[8:14]}"  # twelve digits, with spaces


def training_row(nip: str, reference: str) -> str:
    return f"{nip};TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;{reference}"


def rejected(app: CareerLog, tmp_path: Path, *rows: str) -> dict[int, Any]:
    """The refused rows, by line, of a trainings' CSV file of `rows`."""
    lines = ["NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat", *rows]
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return {p.line: p for p in import_file(app, path, actor="hr").rejected}


def test_a_refused_nip_is_shown_as_typed(app: CareerLog, tmp_path: Path) -> None:
    other = f.nip()
    problems = rejected(
        app,
        tmp_path,
        training_row(SHORT, "T-1"),  # of no identity number's form
        training_row(f"{other[:8]} {other[8:]}", "T-2"),  # of no one appointed
        training_row(SPACED, "T-3"),  # of no one appointed either, before Budi is
    )
    assert problems[2].errors["nip"] == [f"Must be 18 digits, got '{SHORT}'."]
    assert problems[2].values == {"nip": SHORT}
    assert problems[3].errors["nip"] == [f"No employee with NIP {other} has been appointed."]  # (the record's)
    assert problems[3].values == {"nip": f"{other[:8]} {other[8:]}"}
    assert problems[4].values == {"nip": SPACED}  # (as typed: spaces before and after it too)


def test_a_refused_nip_of_a_json_lines_row_and_a_mentors_are_shown_as_typed(app: CareerLog, tmp_path: Path) -> None:
    rows = [
        {"kind": "appointment", "nip": BUDI, **f.appointment()},
        {"kind": "training", "nip": SHORT, **f.training("2024-03-04")},
        {"kind": "mentoring_start", "nip": SPACED, "mentor_nip": "9876-5", "focus": "Arsip", **_dated()},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    report = import_file(app, path, actor="hr")
    problems = {p.line: p for p in report.rejected}
    assert problems[2].errors["nip"] == [f"Must be 18 digits, got '{SHORT}'."]
    assert problems[2].values == {"nip": SHORT}
    assert problems[3].errors["mentor_nip"] == ["Must be 18 digits, got '9876-5'."]
    assert problems[3].values == {"mentor_nip": "9876-5"}


def test_a_refused_nip_in_fullwidth_digits_is_shown_as_typed(app: CareerLog, tmp_path: Path) -> None:
    """(isdigit() took fullwidth digits for the NIP's own: the refusal showed the digits as read, not the cell.)"""
    other = f.nip()
    wide = {ord(d): 0xFF10 + int(d) for d in "0123456789"}
    short, unknown = SHORT.replace(" ", "").translate(wide), other.translate(wide)
    problems = rejected(
        app,
        tmp_path,
        training_row(short, "W-1"),  # of no identity number's form
        training_row(unknown, "W-2"),  # of no one appointed
    )
    assert problems[2].errors["nip"] == [f"Must be 18 digits, got '{short}'."]
    assert problems[2].values == {"nip": short}
    assert problems[3].errors["nip"] == [f"No employee with NIP {other} has been appointed."]  # (the record's)
    assert problems[3].values == {"nip": unknown}


def _dated() -> dict[str, str]:
    return {"effective_date": "2024-03-04", "reference": "M-1"}
