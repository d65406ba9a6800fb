"""A file of corrections (`Versi Yang Dikoreksi`, `Isian Yang Dikoreksi`) imported as retractions, chosen or by its
name (`pembatalan.csv`), is refused at its header naming the correction's columns, nothing retracted: until
2026-12-06 its corrected values were left out with a note, its `Versi Yang Dikoreksi` read as the version to retract,
and each fact it meant to correct was retracted for good (HR tester, 2026-12-06). A retraction's `Versi Yang
Dibatalkan` refuses a file of corrections alike; each kind reads its own version column as before. Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import OTHER_KINDS_HEADER, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
CORRECTIONS = "NIP;TMT;Nomor SK;Versi Yang Dikoreksi;Alasan;Isian Yang Dikoreksi"


def a_training(app: CareerLog) -> int:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    return app.record(NIP, "training", f.training("2024-06-14", hours=40, start="2024-06-10"), actor="hr").version


def hours(app: CareerLog) -> list[int]:
    employee = app.get_employee(NIP)
    assert employee is not None
    return [fact.values["hours"] for fact in employee.active_facts() if fact.kind == "training"]


def header_reason(report: object) -> str:
    [problem] = report.rejected  # type: ignore[attr-defined]
    assert problem.line == 1
    [reason] = problem.errors["line"]
    assert reason.refusal is OTHER_KINDS_HEADER
    return str(reason)


@pytest.mark.parametrize(("name", "kind"), [("koreksi.csv", "retraction"), ("pembatalan.csv", None)])
def test_a_file_of_corrections_imported_as_retractions_retracts_nothing(
    app: CareerLog, tmp_path: Path, name: str, kind: str | None
) -> None:
    version = a_training(app)
    path = tmp_path / name
    path.write_text(f'{CORRECTIONS}\r\n{NIP};14/06/2024;KOR/1;{version};JP salah;"{{""hours"": 30}}"\r\n', "utf-8")
    report = import_file(app, path, actor="hr", kind=kind)
    reason = header_reason(report)
    assert "'Versi Yang Dikoreksi', 'Isian Yang Dikoreksi' of a correction, not of a retraction" in reason
    assert "the file is one of correction rows" in reason
    assert report.recorded == 0
    assert hours(app) == [40]  # (not retracted)


def test_the_corrected_values_alone_refuse_a_file_of_retractions(app: CareerLog, tmp_path: Path) -> None:
    version = a_training(app)
    path = tmp_path / "pembatalan.csv"
    header = "NIP;TMT;Nomor SK;Versi;Alasan;Isian Yang Dikoreksi"
    path.write_text(f'{header}\r\n{NIP};14/06/2024;KOR/1;{version};JP salah;"{{""hours"": 30}}"\r\n', "utf-8")
    assert "'Isian Yang Dikoreksi' of a correction" in header_reason(import_file(app, path, actor="hr"))
    assert hours(app) == [40]


def test_a_retractions_version_column_refuses_a_file_of_corrections(app: CareerLog, tmp_path: Path) -> None:
    version = a_training(app)
    path = tmp_path / "koreksi.csv"
    header = "NIP;TMT;Nomor SK;Versi Yang Dibatalkan;Alasan"
    path.write_text(f"{header}\r\n{NIP};14/06/2024;KOR/1;{version};dobel\r\n", "utf-8")
    reason = header_reason(import_file(app, path, actor="hr", kind="correction"))
    assert "'Versi Yang Dibatalkan' of a retraction, not of a correction" in reason
    assert hours(app) == [40]


def test_each_kind_reads_its_own_version_column(app: CareerLog, tmp_path: Path) -> None:
    version = a_training(app)
    corrections = tmp_path / "koreksi.csv"
    corrections.write_text(f'{CORRECTIONS}\r\n{NIP};14/06/2024;KOR/1;{version};JP salah;"{{""hours"": 30}}"\r\n')
    assert (import_file(app, corrections, actor="hr").recorded, hours(app)) == (1, [30])
    retractions = tmp_path / "pembatalan.csv"
    header = "NIP;TMT;Nomor SK;Versi Yang Dibatalkan;Alasan"
    retractions.write_text(f"{header}\r\n{NIP};14/06/2024;BTL/1;{version};dobel\r\n")
    assert (import_file(app, retractions, actor="hr").recorded, hours(app)) == (1, [])


def test_a_retraction_row_of_a_file_of_several_kinds_does_not_read_the_version_corrected(
    app: CareerLog, tmp_path: Path
) -> None:
    version = a_training(app)
    path = tmp_path / "rows.csv"
    header = "kind;NIP;TMT;Nomor SK;Versi Yang Dikoreksi;Alasan"
    path.write_text(f"{header}\r\nPembatalan;{NIP};14/06/2024;B/1;{version};x\r\n")
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert "target_version" in problem.errors
    assert (report.recorded, hours(app)) == (0, [40])
