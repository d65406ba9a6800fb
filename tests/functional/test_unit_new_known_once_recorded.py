"""The ledger remembered units never recorded (unit.new): a unit its check let through, confirmed or near none known,
was known to the process's later writes (CareerLog.units_recorded) from that moment, before the rest of the write's
checks and its save, and in a dry run too. So `Bapeda` confirmed in a dry-run import, or on a placement refused for
another reason, was then recorded unconfirmed from anyone, and a later write was asked "did you mean 'Dinas
Pendidikan'?" of a unit no record held. A unit is now known to later writes only once the events naming it are saved:
never on a dry run, a refused write, or a batch rolled back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import WRITE_AHEAD_ENV
from careerlog.importing import import_file
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_unit_new_in_agency_asked import EVENTS, placement


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def known(world: World) -> World:
    world.catch_up()  # (KOTA-MEDAN's units known to the views: BKPSDM, Bappeda)
    return world


def dry_run(world: World, rows: list[dict[str, Any]]) -> dict[str, Any]:
    lines = b"".join(orjson.dumps(r) + b"\n" for r in rows)
    data = {"file": (io.BytesIO(lines), "placements.jsonl")}
    answer = world.post("/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data")
    assert answer.status_code in (200, 201), answer.get_json()
    return dict(answer.get_json())


def asked(world: World, unit: str, nip: str = SARI, **extra: Any) -> list[str]:
    """What a placement of `nip` in `unit` is refused for beside `unit`, unconfirmed (none: recorded)."""
    answer = world.post(EVENTS.format(nip), "hr", json=placement(unit, "SK-LATER", **extra))
    assert answer.status_code in (201, 422), answer.get_json()
    return list(answer.get_json().get("errors", {}).get("unit", []))


def test_a_unit_confirmed_in_a_dry_run_is_asked_again(known: World) -> None:
    report = dry_run(known, [{"nip": BUDI, **placement("Bapeda", "SK-1"), "confirm": "ya"}])
    assert (report["recorded"], report["rejected"]) == (1, [])
    assert "(did you mean 'Bappeda'?)" in asked(known, "Bapeda")[0]


def test_a_unit_near_none_in_a_dry_run_is_no_unit_a_later_write_is_asked_of(known: World) -> None:
    report = dry_run(known, [{"nip": BUDI, **placement("Dinas Pendidikan", "SK-1")}])
    assert (report["recorded"], report["rejected"]) == (1, [])
    assert asked(known, "Dinas Pendidkan") == []  # (no record holds Dinas Pendidikan: a new unit, unasked)


def test_a_unit_confirmed_on_a_write_refused_otherwise_is_asked_again(known: World) -> None:
    refused = known.post(
        EVENTS.format(BUDI), "hr", json=placement("Bapeda", effective_date="2009-01-02", confirm=["unit.new"])
    )  # (before his appointment of 2010-03-01)
    assert refused.status_code == 422, refused.get_json()
    assert "unit" not in refused.get_json()["errors"]
    assert "(did you mean 'Bappeda'?)" in asked(known, "Bapeda")[0]


@pytest.fixture(params=["off", "on"])
def write_ahead(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """An import writing each batch before deciding the next, or while it does (CAREERLOG_IMPORT_WRITE_AHEAD)."""
    monkeypatch.setenv(WRITE_AHEAD_ENV, request.param)
    return str(request.param)


def rows_file(tmp_path: Path, *rows: dict[str, Any]) -> Path:
    (tmp_path / "rows.jsonl").write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    return tmp_path / "rows.jsonl"


def test_a_unit_of_a_batch_rolled_back_is_asked_again(
    known: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_ahead: str
) -> None:
    def lost(self: CareerLog, *args: Any, **kwargs: Any) -> None:
        raise OSError("the connection was lost")  # (the batch's transaction rolled back)

    path = rows_file(tmp_path, {"nip": BUDI, **placement("Bapeda", "SK-9"), "confirm": "ya"})
    with monkeypatch.context() as patched:
        patched.setattr(CareerLog, "save_batch", lost)
        patched.setattr(CareerLog, "write_ahead", lost)
        with pytest.raises(OSError, match="connection was lost"):
            import_file(known.services.ledger, path, actor="hr")
    assert "(did you mean 'Bappeda'?)" in asked(known, "Bapeda")[0]


def test_a_unit_recorded_is_known_to_the_files_next_batches_and_later_writes(
    known: World, tmp_path: Path, write_ahead: str
) -> None:
    first = {"nip": BUDI, **placement("Bapeda", "SK-9"), "confirm": "ya"}
    path = rows_file(tmp_path, first, {"nip": SARI, **placement("BAPEDA", "SK-10")})
    report = import_file(known.services.ledger, path, actor="hr", batch_size=1)
    assert (report.recorded, report.rejected) == (2, [])  # (its second batch not asked again)
    # (no catch-up: the process knows it recorded it; dated before Budi's move there, as into it again is no move)
    assert asked(known, "bapeda", BUDI, effective_date="2023-06-01") == []
