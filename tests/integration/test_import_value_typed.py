"""An import refusal shows the value as it was typed beside the field it refuses ("hours: Not a valid integer."
alone leaves an administrator hunting through 5,000 rows for the cell): the report carries `values`, the field's
cell as typed (cut to a few dozen characters), and the command prints it beside the reason."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.domain.payload import HOURS_NOT_WHOLE
from careerlog.importing import TYPED_LENGTH, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip()
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
LONG = "Pelatihan " * 20


def appoint(app: CareerLog, tmp_path: Path) -> None:
    row = {"kind": "appointment", "nip": BUDI, **f.appointment()}
    (tmp_path / "appointment.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 1


def training_csv(tmp_path: Path) -> Path:
    lines = [
        HEADER,
        f"{BUDI};TEKNIS;Arsip;BKPSDM;delapan;04/03/2024;04/03/2024;V-1",  # hours in words
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;04/03/2024;31/02/2024;V-2",  # no such day
        f"{BUDI};{LONG};Arsip;BKPSDM;8;04/03/2024;04/03/2024;V-3",  # a long cell
        f"{f.UNKNOWN_NIP};TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;V-4",  # a NIP never appointed
    ]
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_each_refused_field_carries_the_value_as_typed(app: CareerLog, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    report = import_file(app, training_csv(tmp_path), actor="hr")
    problems = {p.line: p for p in report.rejected}
    assert problems[2].values == {"hours": "delapan"}
    assert problems[3].values == {"effective_date": "31/02/2024"}
    [kind] = problems[4].values.values()
    assert kind == LONG[: TYPED_LENGTH - 1] + "…"
    assert problems[5].values["nip"] == problems[5].subject
    assert report.to_dict()["rejected"][0]["values"] == {"hours": "delapan"}


def test_a_json_lines_value_is_shown_as_written(app: CareerLog, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    row = {"kind": "training", "nip": BUDI, **f.training("2024-03-04", hours=[8])}  # type: ignore[arg-type]
    path = tmp_path / "training.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    [problem] = import_file(app, path, actor="hr").rejected
    assert problem.values == {"hours": "[8]"}


def test_the_command_prints_the_value_beside_the_reason(app: CareerLog, database_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from careerlog.cli import main

    appoint(app, tmp_path)
    result = CliRunner().invoke(
        main, ["import", str(training_csv(tmp_path))], env={"CAREERLOG_DATABASE_URL": database_url}
    )
    assert result.exit_code == 1
    assert f"line 2: hours: {HOURS_NOT_WHOLE} (typed: 'delapan')" in result.output
    assert "line 3: effective_date: " in result.output
    assert "(typed: '31/02/2024')" in result.output
