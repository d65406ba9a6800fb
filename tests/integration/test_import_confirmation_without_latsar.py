"""An import's confirmation as PNS with no Latsar of the record ended by its date (rule confirmation.latsar) is
reported on its line beside latsar_certificate and not recorded, the rows before it kept; with the Latsar on an
earlier line it is recorded. A migration import keeps such a confirmation of its log as it is. Each store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f
from tests.integration.test_import_export import write_jsonl

pytestmark = pytest.mark.made_store

BIRTH, TMT = date(1996, 2, 3), date(2021, 3, 1)
CPNS = f.nip(BIRTH, TMT, "F", sequence=41)


def rows(*, with_latsar: bool) -> list[dict[str, object]]:
    latsar = f.training("2021-09-30", 80, "2021-08-01", training_kind="LATSAR", reference="LATSAR-41")
    return [
        {"kind": "appointment", "nip": CPNS, **f.appointment(BIRTH, TMT, "F")},
        *([{"kind": "training", "nip": CPNS, **latsar}] if with_latsar else []),
        {"kind": "confirmation", "nip": CPNS, **f.confirmation("2022-03-01")},
    ]


def test_an_imported_confirmation_with_no_latsar_is_reported_beside_its_certificate(
    app: CareerLog, tmp_path: Path
) -> None:
    report = import_file(app, write_jsonl(tmp_path / "e.jsonl", rows(with_latsar=False)), actor="hr")
    assert report.recorded == 1
    [problem] = report.rejected
    assert problem.line == 2
    assert list(problem.errors) == ["latsar_certificate"]
    assert "rule confirmation.latsar" in problem.errors["latsar_certificate"][0]
    assert [r["kind"] for r in app.get_history(CPNS)] == ["appointment"]


def test_an_imported_confirmation_after_its_latsar_is_recorded(app: CareerLog, tmp_path: Path) -> None:
    report = import_file(app, write_jsonl(tmp_path / "e.jsonl", rows(with_latsar=True)), actor="hr")
    assert (report.recorded, report.rejected) == (3, [])


def test_a_migration_import_keeps_a_confirmation_with_no_latsar(app: CareerLog, tmp_path: Path) -> None:
    at = {"recorded_at": "2022-03-05T02:00:00+00:00", "recorded_by": "simpeg"}
    items = [{**row, **at} for row in rows(with_latsar=False)]
    report = import_file(app, write_jsonl(tmp_path / "e.jsonl", items), actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (2, [])
