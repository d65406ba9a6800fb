"""A date written in ISO 8601's basic or week form (`20210817`, `2021-W33-2`, `2021W332`) is refused naming its field,
in a JSON Lines import, a CSV import and `careerlog record` alike, as the API has refused it since its PlainDate
(web/api/fields.py: forms 'no page or document offers and which a reader would not take for the day it means').
Until 2026-12-04 the ledger read them with date.fromisoformat, which takes them: a training's last day
`2021-W33-2` was recorded as 2021-08-17, and a `2021-W31-7` (a week date, 2021-08-08) as its first, while
docs/import-format.md says a JSON Lines file keeps YYYY-MM-DD only. Both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.importing import IMPORT_DATE, IMPORT_DATE_JSONL, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
FORMS = ["20210817", "2021-W33-2", "2021W332"]


def training(day: str, reference: str) -> dict[str, object]:
    row = {"kind": "training", "nip": NIP, **f.training("2021-08-17", reference=reference)}
    row["effective_date"] = day
    row["start_date"] = "2021-08-01"
    return row


def trainings(app: CareerLog) -> list[str]:
    employee = app.get_employee(NIP)
    assert employee is not None
    return [fact.values["reference"] for fact in employee.active_facts() if fact.kind == "training"]


def test_a_json_lines_row_of_such_a_date_is_refused_naming_it(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "rows.jsonl"
    rows = [training("2021-08-17", "WD-0"), *(training(day, f"WD-{i}") for i, day in enumerate(FORMS, 1))]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    assert [(p.line, p.errors) for p in report.rejected] == [
        (i, {"effective_date": [IMPORT_DATE_JSONL]})
        for i, _ in enumerate(FORMS, 2)  # (JSON Lines: no CSV forms)
    ]
    assert trainings(app) == ["WD-0"]


def test_a_csv_row_of_such_a_date_is_refused_naming_it(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "training.csv"
    lines = ["nip,training_kind,title,organiser,hours,start_date,effective_date,reference"]
    lines += [f"{NIP},TEKNIS,Arsip,BKPSDM,8,2021-W31-7,{day},WC-{i}" for i, day in enumerate(FORMS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 0
    assert [p.errors for p in report.rejected] == [{"start_date": [IMPORT_DATE], "effective_date": [IMPORT_DATE]}] * 3
    assert trainings(app) == []


def test_careerlog_record_refuses_such_a_date(app: CareerLog, database_url: str) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    fields = ["training_kind=TEKNIS", "title=Arsip", "organiser=BKPSDM", "hours=8", "start_date=2021-08-01"]
    args = ["--database-url", database_url, "record", NIP, "training", *fields, "effective_date=2021-W33-2"]
    result = CliRunner().invoke(main, [*args, "reference=WR-1"])
    assert result.exit_code == 1, result.output
    assert "effective_date: Not a valid date (expected YYYY-MM-DD): '2021-W33-2'." in result.output
    assert "WR-1" not in trainings(app)
