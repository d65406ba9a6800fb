"""A unit's or programme's name longer than 40 characters, typed a letter off one recorded, is quoted whole beside the
one it may be (careerlog.domain.errors.quoted_apart, up to 200 characters), as the refusals comparing a value typed
with one recorded quote theirs: the recording's question (unit.new), an import's warning of a unit so confirmed, a
report's unit filter and a programme filter. Until 2026-12-07 each name was cut at 40 characters alike, so the
question read "'Dinas Kependudukan dan Pencatatan Sipil…' ... (did you mean 'Dinas Kependudukan dan Pencatatan
Sipil…'?)", the typo it asks about out of sight. Both stores."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_unit_new_in_agency_asked import (
    EVENTS,
    placement,
    store_url,  # noqa: F401 (both stores)
)

UNIT = "Dinas Kependudukan dan Pencatatan Sipil Bidang Pelayanan Pendaftaran Penduduk"
UNIT_TYPO = UNIT.replace("Penduduk", "Pendudk")
PROGRAMME = "PRG-2019-PELATIHAN-KEPEMIMPINAN-ADMINISTRATOR-ANGKATAN-01"
PROGRAMME_TYPO = PROGRAMME.removesuffix("01") + "1"


@pytest.fixture
def placed(world: World) -> World:
    world.catch_up()
    answer = world.post(EVENTS.format(BUDI), "hr", json=placement(UNIT, reference="SK-MUTASI-1"))
    assert answer.status_code == 201, answer.get_json()  # (near no unit known: a new one, recorded unasked)
    world.catch_up()
    return world


def test_a_recordings_question_quotes_the_unit_typed_and_the_known_one_whole(placed: World) -> None:
    answer = placed.post(EVENTS.format(SARI), "hr", json=placement(UNIT_TYPO))
    assert answer.status_code == 422, answer.get_json()
    [said] = answer.get_json()["errors"]["unit"]
    assert said.startswith(f"{UNIT_TYPO!r} is no unit known in KOTA-MEDAN (did you mean {UNIT!r}?)"), said


def test_an_imports_warning_of_a_unit_confirmed_quotes_both_whole(placed: World, tmp_path: Path) -> None:
    path = tmp_path / "mutasi.csv"
    rows = ["NIP;kind;Instansi;Unit Kerja;Wilayah;TMT;Nomor SK;Konfirmasi"]
    path.write_text("\r\n".join([*rows, f"{SARI};placement;KOTA-MEDAN;{UNIT_TYPO};12.71;02/01/2024;SK-U-1;ya"]))
    report = import_file(placed.services.ledger, path, actor="hr")
    [warning] = report.warnings
    [said] = warning.errors["unit"]
    assert str(said).startswith(f"{UNIT_TYPO!r} is a unit new in KOTA-MEDAN, confirmed by the yes"), said
    assert f"it is near {UNIT!r}, known there." in str(said)


def test_a_reports_unit_filter_quotes_the_unit_typed_and_the_known_one_whole(placed: World) -> None:
    answer = placed.get(f"/api/v1/reports/headcount?by=sex&unit={quote(UNIT_TYPO)}", "reporter")
    assert answer.status_code == 422, answer.get_json()
    [said] = answer.get_json()["errors"]["unit"]
    assert said.startswith(f"Unknown unit {UNIT_TYPO!r} (did you mean {UNIT!r}?)"), said


def test_a_programme_filter_quotes_the_programme_typed_and_the_recorded_one_whole(world: World) -> None:
    world.services.ledger.record(BUDI, "training", f.training("2021-03-05", programme_id=PROGRAMME), actor="t")
    world.catch_up()
    answer = world.get(f"/api/v1/reports/programmes?programme_id={PROGRAMME_TYPO}", "inspector")
    assert answer.status_code == 422, answer.get_json()
    [said] = answer.get_json()["errors"]["programme_id"]
    assert said.startswith(f"Unknown programme {PROGRAMME_TYPO!r} (did you mean {PROGRAMME!r}?)"), said
