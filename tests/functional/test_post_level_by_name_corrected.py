"""A correction of a post appointment's `level` takes the level as the post appointment itself does (by its name,
"Ahli Muda", in any letter case or spacing, or its code in any case: careerlog.domain.payload `level_as_its_code`),
on the API, the record form and an import, recorded as its code; and, as the post appointment's, sent again it is
answered as recorded. Until 2026-12-06 the correction was recorded, but sent again (an import run again, the same
Idempotency-Key, its reference) it was refused: its level was compared as typed ("Ahli Muda") with the code
recorded (AHLI_MUDA), "Reference 'RALAT-LEVEL' was already recorded as version 4 with different values
(corrected_fields)", where the post appointment sent again with its level by name was answered as recorded."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_post_level_by_name import POST

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def posted(world: World) -> int:
    """Budi appointed Analis SDM Aparatur Ahli Pertama (FUNGSIONAL); its version."""
    answer = world.post(EVENTS, "hr", json={**POST, "level": "AHLI_PERTAMA"})
    assert answer.status_code == 201, answer.get_json()
    world.catch_up()
    return int(answer.get_json()["version"])


def fix(version: int, level: str) -> dict[str, Any]:
    return {"kind": "correction", "target_version": version, "corrected_fields": {"level": level},
            "effective_date": "2020-02-01", "reason": "Salah jenjang", "reference": "RALAT-LEVEL"}  # fmt: skip


def corrections(world: World) -> list[object]:
    return [dict(e.corrected_fields) for _, e in world.services.ledger.iter_events() if e.KIND == "correction"]


@pytest.mark.parametrize("level", ["Ahli Muda", "ahli  muda", "ahli_muda"])
def test_a_correction_of_the_level_by_name_is_recorded_as_its_code_and_answered_as_recorded_again(
    world: World, posted: int, level: str
) -> None:
    first = world.post(EVENTS, "hr", json=fix(posted, level), headers={"Idempotency-Key": "ralat-level"})
    assert first.status_code == 201, first.get_json()
    again = world.post(EVENTS, "hr", json=fix(posted, level), headers={"Idempotency-Key": "ralat-level"})
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["version"] == first.get_json()["version"]
    plain = world.post(EVENTS, "hr", json=fix(posted, level))  # (no key: known by its reference)
    assert plain.status_code == 200, plain.get_json()
    assert corrections(world) == [{"level": "AHLI_MUDA"}]


def test_a_correction_of_the_level_by_name_refused_for_its_post_kind_names_the_level(world: World, posted: int) -> None:
    answer = world.post(EVENTS, "hr", json=fix(posted, "iv.a"))  # (an eselon: not a functional post's)
    assert answer.status_code == 422, answer.get_json()
    assert "is not a level of FUNGSIONAL" in answer.get_json()["errors"]["corrected_fields.level"][0]
    assert corrections(world) == []


def test_an_import_correcting_the_level_by_name_records_its_code_and_run_again_is_already_recorded(
    world: World, posted: int
) -> None:
    header = "nip,kind,target_version,corrected_fields,effective_date,reason,reference\r\n"
    cell = json.dumps({"level": "Ahli Madya"}).replace('"', '""')
    row = f'{BUDI},correction,{posted},"{cell}",2020-02-01,Salah jenjang,RALAT-LEVEL\r\n'
    reports = []
    for _ in range(2):
        upload = {"file": (io.BytesIO((header + row).encode()), "ralat.csv")}
        reports.append(world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json())
    assert [(r["recorded"], r["already_recorded"], r["rejected"]) for r in reports] == [(1, 0, []), (0, 1, [])]
    assert corrections(world) == [{"level": "AHLI_MADYA"}]


def test_the_record_form_correcting_the_level_by_name_records_its_code(world: World, posted: int) -> None:
    log_in(world, "hr")
    data = correction(world, posted, **{"corrected.level": "Ahli Utama"})
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert corrections(world) == [{"level": "AHLI_UTAMA"}]
