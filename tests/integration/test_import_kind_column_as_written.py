"""A CSV file's `kind` column is read as the kind is everywhere else a person names it: in any letter case, its
words joined by spaces, underscores or dashes, and by its Indonesian name (`Training`, `PELATIHAN`, `Kenaikan
Pangkat`, `rank promotion`), as `--kind`, the import page's kind and the file's name already were. Until 2026-12-04
the cell was taken as written: `Training` was refused as "Unknown kind 'Training'; one of: ...", and, with the
kind chosen (`--kind training`), as a kind other than training. A cell naming no kind (`liburan`) is refused as
before, shown as typed. Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "kind;nip;training_kind;title;organiser;hours;start_date;new_rank;promotion_kind;effective_date;reference"


def training(kind: str, reference: str) -> str:
    return f"{kind};{NIP};TEKNIS;Arsip {reference};BKPSDM;8;01/10/2021;;;02/10/2021;{reference}"  # (titled apart)


def references(app: CareerLog) -> list[str]:
    employee = app.get_employee(NIP)
    assert employee is not None
    return sorted(str(fact.values["reference"]) for fact in employee.active_facts() if fact.kind != "appointment")


@pytest.mark.parametrize("chosen", [None, "training"], ids=["kind column", "kind chosen too"])
def test_a_kind_cell_in_any_case_or_in_indonesian_is_read(app: CareerLog, tmp_path: Path, chosen: str | None) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    lines = [HEADER, training("Training", "KW-1"), training("PELATIHAN", "KW-2"), training(" pelatihan ", "KW-3")]
    lines.append(training("liburan", "KW-4"))
    path = tmp_path / "berkas.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr", kind=chosen)
    assert report.recorded == 3
    [problem] = report.rejected
    assert (problem.line, list(problem.errors), problem.values) == (5, ["kind"], {"kind": "liburan"})
    assert "Unknown kind 'liburan'" in problem.errors["kind"][0]
    assert references(app) == ["KW-1", "KW-2", "KW-3"]


def test_a_kind_named_in_indonesian_words_is_its_kind(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(rank="III/a"), actor="hr")
    lines = [HEADER, f"Kenaikan Pangkat;{NIP};;;;;;III/b;101;01/04/2019;KP-1", training("rank promotion", "KW-5")]
    path = tmp_path / "berkas.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    [problem] = report.rejected  # (a training's cells under a rank promotion's kind: no fields of it)
    assert problem.line == 3
    assert references(app) == ["KP-1"]
