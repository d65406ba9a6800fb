"""A training's kind as HR's sheets write it. The classical trainings by the names PP 11/2017 art. 210 gives them
(`Pelatihan Teknis`, `Pelatihan Fungsional`, `Pelatihan Struktural Kepemimpinan`), whose earlier names (`Diklat
teknis`, ...) the training_kinds table reads, are read as those kinds: they were refused as unknown codes. A
leadership training by its former name (`Diklat PIM IV`, `Diklatpim III`, `PIM II`) is still refused, as its kind is
not for the import to guess (STRUKTURAL in SIASN's list, or the leadership training since), now saying what to write
instead of `Unknown code ...; see the training_kinds reference table.` alone. Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.domain.payload import OLD_LEADERSHIP_TRAINING
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def imported(app: CareerLog, tmp_path: Path, *kinds: str) -> tuple[CareerLog, str, object]:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    rows = [f"{nip};{kind};Arsip {i};BKPSDM;8;01/10/2021;02/10/2021;TK-{i}" for i, kind in enumerate(kinds)]
    path = tmp_path / "pelatihan.csv"
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return app, nip, import_file(app, path, actor="hr")


def test_a_classical_training_by_its_name_in_pp_11_2017_is_read_as_its_kind(app: CareerLog, tmp_path: Path) -> None:
    _, nip, report = imported(
        app, tmp_path, "Pelatihan Teknis", "PELATIHAN FUNGSIONAL", "Pelatihan Struktural Kepemimpinan"
    )
    assert (report.recorded, report.rejected) == (3, [])  # type: ignore[attr-defined]
    employee = app.get_employee(nip)
    assert employee is not None
    kinds = [fact.values["training_kind"] for fact in employee.active_facts() if fact.kind == "training"]
    assert kinds == ["TEKNIS", "FUNGSIONAL", "STRUKTURAL"]


@pytest.mark.parametrize("kind", ["Diklat PIM IV", "Diklatpim III", "PIM II", "Diklat Kepemimpinan Tingkat IV"])
def test_a_leadership_training_by_its_former_name_is_refused_saying_what_to_write(
    app: CareerLog, tmp_path: Path, kind: str
) -> None:
    _, _, report = imported(app, tmp_path, kind)
    [problem] = report.rejected  # type: ignore[attr-defined]
    assert problem.errors == {"training_kind": [OLD_LEADERSHIP_TRAINING.reason(code=repr(kind))]}
    [reason] = problem.errors["training_kind"]
    assert "Write the kind of training: STRUKTURAL (Diklat struktural / kepemimpinan), or the leadership" in reason
    assert problem.values == {"training_kind": kind}
