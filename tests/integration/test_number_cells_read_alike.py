"""A number is read alike by an import (CSV or JSON Lines), `careerlog record` and the API, in an amount (a
training's cost) and in a whole number (its hours): a no-break space before or after it (U+00A0, or the narrow
U+202F, as a spreadsheet in Indonesian writes them) is trimmed as a space is; a sign is read, `+24` as 24; an
amount's bare trailing point (`24.`) is 24, and `-0` is 0, recorded as 0, not "-0". Until 2026-12-04 a cost `24`
followed by a no-break space was refused ("Not a valid number.") where hours so written were read; hours `+8` were
refused where a cost `+24` was read; a cost `-0` was recorded and answered as "-0". Found by helper hunt-hr. Both
stores."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask

from careerlog.access import Scope
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import parse_value, payload_fields
from careerlog.importing import import_file
from tests import factories as f
from tests.integration.test_cli import run
from web import create_app
from web.services import Services

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NBSP, NNBSP = "\u00a0", "\u202f"
SPECS = {spec.name: spec for spec in payload_fields(BY_KIND["training"])}
COLUMNS = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference", "cost"]


def trainings(app: CareerLog, nip: str) -> dict[str, tuple[object, object]]:
    employee = app.get_employee(nip)
    assert employee is not None
    return {
        str(fact.values["reference"]): (fact.values["hours"], fact.values.get("cost"))
        for fact in employee.active_facts()
        if fact.kind == "training"
    }


def test_the_ledger_reads_a_number_alike_in_an_amount_and_in_a_whole_number() -> None:
    for written in (f"24{NBSP}", f"{NBSP}24", f"24{NNBSP}", " 24 ", "+24"):
        assert parse_value(SPECS["cost"], written) == Decimal(24), repr(written)
        assert parse_value(SPECS["hours"], written) == 24, repr(written)
    assert parse_value(SPECS["cost"], "24.") == Decimal(24)
    assert str(parse_value(SPECS["cost"], "-0")) == "0"
    assert parse_value(SPECS["hours"], "-0") == 0
    for written in ("24.", "--24", "+-24", "- 24", "2 4"):  # (a whole number has no point; one sign, then digits)
        with pytest.raises(ValueError, match="Not a whole number of lesson hours"):
            parse_value(SPECS["hours"], written)


@pytest.mark.parametrize("separator", [",", ";"], ids=["comma", "semicolon"])
def test_an_imported_number_with_a_no_break_space_or_a_sign_is_read(
    app: CareerLog, tmp_path: Path, separator: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    cells = [  # (reference, hours, cost: 2400, as a cost below 100 rupiah is asked, rule training.cost)
        ("N-1", f"8{NBSP}", f"2400{NBSP}"),
        ("N-2", f"{NNBSP}8", f"{NBSP}2400"),
        ("N-3", "+8", "+2400"),
        ("N-4", f"8 JP{NBSP}", "2400."),
        ("N-5", "8", "-0"),
    ]
    if separator == ";":  # (a decimal as a spreadsheet in Indonesian writes it, a no-break space after it)
        cells.append(("N-6", "8", f"1.500.000,50{NBSP}"))
    lines = [separator.join(COLUMNS)]
    for n, (reference, hours, cost) in enumerate(cells, 1):
        day = f"2021-10-{n:02d}"
        lines.append(separator.join([nip, "TEKNIS", "Arsip", "BKPSDM", hours, day, day, reference, cost]))
    path = tmp_path / "pelatihan.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.rejected == []
    found = trainings(app, nip)
    assert {reference: (hours, str(cost)) for reference, (hours, cost) in found.items()} == {
        "N-1": (8, "2400"),
        "N-2": (8, "2400"),
        "N-3": (8, "2400"),
        "N-4": (8, "2400"),
        "N-5": (8, "0"),
        **({"N-6": (8, "1500000.50")} if separator == ";" else {}),
    }


def test_careerlog_record_reads_a_number_as_the_import_does(database_url: str) -> None:
    nip = f.nip()
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        app.record(nip, "appointment", f.appointment(), actor="hr")
    for day, reference, hours, cost in (("05", "R-1", f"8{NBSP}", f"2400{NNBSP}"), ("06", "R-2", "+8", "-0")):
        # (each of its own day: 16 JP on one day is asked, rule training.daily_jp)
        fields = {**f.training(f"2021-10-{day}", reference=reference, title=reference), "hours": hours, "cost": cost}
        result = run(database_url, "record", nip, "training", *(f"{k}={v}" for k, v in fields.items()))
        assert result.exit_code == 0, result.output
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        assert {k: (h, str(c)) for k, (h, c) in trainings(app, nip).items()} == {"R-1": (8, "2400"), "R-2": (8, "0")}


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[Flask, dict[str, str]]]:
    flask_app = create_app(Settings(database_url=database_url), test_config={"TESTING": True})
    services: Services = flask_app.extensions["careerlog"]
    services.accounts.create("boss", display_name="Boss", role="admin", scope=Scope(national=True))
    headers = {"Authorization": f"Bearer {services.accounts.issue_token('boss', days=1).token}"}
    yield flask_app, headers
    services.close()


def test_the_api_reads_an_amount_as_the_import_does(served: tuple[Flask, dict[str, str]]) -> None:
    flask_app, headers = served
    services: Services = flask_app.extensions["careerlog"]
    nip = f.nip()
    services.ledger.record(nip, "appointment", f.appointment(), actor="hr")
    client = flask_app.test_client()
    for reference, cost in (("A-1", f"2400{NBSP}"), ("A-2", f"{NNBSP}2400"), ("A-3", "-0")):
        fact = f.training("2021-10-05", hours=4, reference=reference, title=reference)  # (12 JP that day at most:
        body = {"kind": "training", **fact, "cost": cost}  # rule training.daily_jp)
        answer = client.post(f"/api/v1/employees/{nip}/events", json=body, headers=headers)
        assert answer.status_code == 201, answer.get_data(as_text=True)
    costs = {k: str(c) for k, (_, c) in trainings(services.ledger, nip).items()}
    assert costs == {"A-1": "2400", "A-2": "2400", "A-3": "0"}
