"""An agency no code of the agencies table is spelled (`Pemerintah Kota Meden`, `Kabupaten Deliserdang`, `Pemkab
Tapanuli`, as a BKD sheet mistypes it) is refused naming the nearest known agencies (difflib, by their codes, names
and names without "Pemerintah"), the nearest first and only those about as near as it: until 2026-12-04 `Unknown
code ...; see the agencies reference table.` alone, leaving the administrator to look the 38 codes up. A spelling
near none (`Dinas Pendidikan`) is refused as before. The import, the API and `careerlog record` alike (they read the
payload alike: careerlog.domain.payload.unknown_code); both stores."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.domain.payload import UNKNOWN_CODE, UNKNOWN_NEAR, unknown_code
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

MEDAN = "KOTA-MEDAN (Pemerintah Kota Medan)"
TAPANULI = " or ".join(
    f"KAB-TAPANULI{part.upper()} (Pemerintah Kabupaten Tapanuli {part})" for part in ("Utara", "Tengah", "Selatan")
)


@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("Pemerintah Kota Meden", MEDAN),
        ("Kota Medan", MEDAN),
        ("KOTA-MEDEN", MEDAN),
        ("Kabupaten Deliserdang", "KAB-DELISERDANG (Pemerintah Kabupaten Deli Serdang)"),
        ("Kab. Karo", "KAB-KARO (Pemerintah Kabupaten Karo)"),
        ("Pemkab Tapanuli", TAPANULI),
    ],
)
def test_an_unknown_agency_is_refused_naming_the_nearest_known_agencies(typed: str, near: str) -> None:
    reason = unknown_code(typed, "agencies")
    assert reason == UNKNOWN_NEAR.reason(code=repr(typed), table="agencies", near=near)
    assert reason == f"Unknown code {typed!r} (did you mean {near}?); see the agencies reference table."


def test_an_agency_near_none_is_refused_as_before() -> None:
    assert unknown_code("Dinas Pendidikan", "agencies") == UNKNOWN_CODE.reason(
        code="'Dinas Pendidikan'", table="agencies"
    )


def test_an_imported_row_of_an_unknown_agency_names_the_nearest(app: CareerLog, tmp_path: Path) -> None:
    row = {"kind": "appointment", "nip": f.nip(), **f.appointment(agency="Pemerintah Kota Meden")}
    path = tmp_path / "appointment.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    [problem] = import_file(app, path, actor="hr").rejected
    assert problem.errors == {
        "agency": [
            "Unknown code 'Pemerintah Kota Meden' (did you mean KOTA-MEDAN (Pemerintah Kota Medan)?); see the "
            "agencies reference table."
        ]
    }
    assert problem.values == {"agency": "Pemerintah Kota Meden"}
