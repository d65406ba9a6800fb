"""Rows of one employee around a transfer out (a placement into another agency, which an HR administrator records as
the releasing agency: docs/security.md, "Moves between agencies") given in a file out of date order: a row listed
after the transfer but dated before it was refused as `No employee with NIP ... has been appointed.` (the record
being out of the importer's scope by then), naming neither the transfer's line nor that the row's date is before it.
Such a row, and a row dated on or after the transfer, is now refused naming the line of the file that transferred
the employee out and what to do. The transfer out itself is recorded only confirmed (its row's confirm cell: ya),
else refused naming the agency (only a national administrator could undo it); a migration is never asked. Both
stores."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from careerlog.access import Action
from careerlog.importing import import_rows
from tests import factories as f
from tests.functional.conftest import SARI, World
from web.scoping import NOT_IN_SCOPE, ScopeGuard


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def transfer(day: str, reference: str) -> dict[str, Any]:
    return {"kind": "placement", "nip": SARI, "agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06",
            "effective_date": day, "reference": reference, "confirm": "ya"}  # fmt: skip


def imported(world: World, *rows: dict[str, Any]) -> dict[str, Any]:
    text = "".join(json.dumps(r) + "\n" for r in rows).encode()
    upload = {"file": (io.BytesIO(text), "events.jsonl")}
    return world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()


def test_rows_listed_after_a_transfer_out_are_refused_naming_its_line(world: World) -> None:
    report = imported(
        world,
        {"kind": "training", "nip": SARI, **f.training("2023-05-02", reference="TR-1")},  # before it, listed before
        transfer("2024-01-02", "SK-PINDAH-9"),
        {"kind": "training", "nip": SARI, **f.training("2023-09-02", reference="TR-2")},  # before it, listed after
        {"kind": "training", "nip": SARI, **f.training("2024-03-01", reference="TR-3")},  # after it
    )
    assert report["recorded"] == 2, report
    rejected = {r["line"]: r["errors"] for r in report["rejected"]}
    assert list(rejected) == [3, 4]
    [before] = rejected[3]["nip"]
    assert before == (
        "Line 2 of this file transferred this employee out of your scope (a placement in KAB-KARO from 2024-01-02), "
        "so the rows after it are no longer yours to record. This row's date, 2023-09-02, is before the transfer: in "
        "date order it comes before line 2. A national administrator can record it now; list an employee's rows in "
        "date order, the transfer last."
    )
    [after] = rejected[4]["nip"]
    assert after == (
        "Line 2 of this file transferred this employee out of your scope (a placement in KAB-KARO from 2024-01-02): "
        "this row, dated 2024-03-01, on or after the transfer, is KAB-KARO's to record, not yours."
    )


def test_a_row_of_an_employee_transferred_out_before_the_file_is_refused_as_before(world: World) -> None:
    assert imported(world, transfer("2024-01-02", "SK-PINDAH-8"))["recorded"] == 1
    report = imported(world, {"kind": "training", "nip": SARI, **f.training("2023-09-02", reference="TR-4")})
    [problem] = report["rejected"]
    assert problem["errors"] == {"nip": [str(NOT_IN_SCOPE.reason(nip=SARI))]}


@pytest.mark.parametrize("cell", [None, "tidak"])
def test_a_transfer_out_row_unconfirmed_is_refused_naming_the_agency_and_who_can_undo_it(
    world: World, cell: str | None
) -> None:
    before = world.log()
    row = {k: v for k, v in transfer("2024-01-02", "SK-PINDAH-7").items() if k != "confirm"}
    report = imported(world, row if cell is None else {**row, "confirm": cell})
    assert report["recorded"] == 0, report
    [problem] = report["rejected"]
    assert list(problem["errors"]) == ["agency"]
    [reason] = problem["errors"]["agency"]
    assert "KAB-KARO is outside your scope (agency KOTA-MEDAN)" in reason
    assert "only a national administrator can retract or correct it" in reason
    assert world.log() == before


def test_a_migration_import_moves_a_record_out_of_a_scope_unasked(world: World) -> None:
    row = {k: v for k, v in transfer("2024-01-02", "SK-PINDAH-6").items() if k != "confirm"}
    guard = ScopeGuard(world.services.accounts.get("hr"), Action.IMPORT)
    rows = [(1, {**row, "recorded_at": "2024-01-03T08:00:00+00:00"}, 0)]
    report = import_rows(world.services.ledger, rows, actor="hr", migration=True, guard=guard)
    assert (report.recorded, report.rejected) == (1, [])
