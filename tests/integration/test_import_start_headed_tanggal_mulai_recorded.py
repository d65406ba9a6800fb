"""A study leave's start and a mentoring's start imported from a file heading their date "Tanggal Mulai" were
refused, the column naming a training's start_date (review of 2026-12-05): they are recorded now, starting on that
day, from a CSV and a workbook alike, and the "Tanggal Selesai" beside it (the end planned) is left out, not
recorded as the start (textfiles.KIND_HEADER_ALIASES). Both stores."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADERS = {
    "study_leave_start": ["NIP", "Nomor SK", "Lembaga Pendidikan", "Jenjang"],
    "mentoring_start": ["NIP", "Nomor SK", "NIP Mentor", "Fokus"],
}


def cells(kind: str, nip: str, mentor: str) -> list[str]:
    if kind == "study_leave_start":
        return [nip, "TB-1", "Universitas Sumatera Utara", "S-2"]
    return [nip, "BIM-1", mentor, "Kepemimpinan"]


@pytest.mark.parametrize("kind", ["study_leave_start", "mentoring_start"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_start_headed_tanggal_mulai_is_recorded_starting_on_that_day(
    app: CareerLog, tmp_path: Path, kind: str, fmt: str
) -> None:
    nip, mentor = f.nip(), f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    app.record(mentor, "appointment", f.appointment(), actor="hr")
    header = [*HEADERS[kind], "Tanggal Mulai", "Tanggal Selesai"]
    path = tmp_path / f"{kind}.{fmt}"
    if fmt == "csv":
        row = [*cells(kind, nip, mentor), "02/09/2024", "31/08/2026"]
        path.write_text(";".join(header) + "\r\n" + ";".join(row) + "\r\n", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        book.active.append(header)
        book.active.append([*cells(kind, nip, mentor), datetime(2024, 9, 2), datetime(2026, 8, 31)])
        book.save(path)
    report = import_file(app, path, actor="hr", kind=kind)
    assert (report.recorded, report.rejected) == (1, [])
    [fact] = [fact for fact in app.get_employee(nip).facts.values() if fact.kind == kind]
    assert fact.effective_date == date(2024, 9, 2)
