"""A post appointment's functional level written by its name, as the refusal and the pages name it ("Ahli Muda", in
any letter case or spacing), is recorded as its code, in an import as on the API; an eselon in any case too. Until
2026-12-05 only the code was read: an import row with Jenjang Jabatan "Ahli Muda" was refused with "Ahli Muda bukan
jenjang Jabatan Fungsional: salah satu dari Ahli Pertama, Ahli Muda, ..." (found by an HR tester)."""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import BUDI, World

POST = {"kind": "post_appointment", "post_kind": "FUNGSIONAL", "title": "Analis SDM Aparatur", "unit": "BKPSDM",
        "assignment": "DEFINITIVE", "effective_date": "2020-01-01", "reference": "821.2/LEVEL/2020"}  # fmt: skip


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def recorded_levels(world: World) -> list[object]:
    return [getattr(e, "level", None) for _, e in world.services.ledger.iter_events() if e.KIND == "post_appointment"]


@pytest.mark.parametrize("level", ["ahli muda", "Ahli  Muda", "AHLI MUDA", "ahli_muda"])
def test_a_functional_level_by_its_name_is_recorded_as_its_code_on_the_api(world: World, level: str) -> None:
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**POST, "level": level})
    assert answer.status_code == 201, answer.get_json()
    assert recorded_levels(world) == ["AHLI_MUDA"]


def test_a_functional_level_by_its_name_is_recorded_by_an_import(world: World) -> None:
    header = "nip,kind,post_kind,level,title,unit,assignment,effective_date,reference\r\n"
    row = f"{BUDI},post_appointment,Fungsional,Ahli Muda,Analis SDM Aparatur,BKPSDM,Definitif,2020-01-01,SK-1\r\n"
    upload = {"file": (io.BytesIO((header + row).encode()), "posts.csv")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert (report["recorded"], report["rejected"]) == (1, []), report
    assert recorded_levels(world) == ["AHLI_MUDA"]


def test_an_eselon_in_another_letter_case_is_recorded_as_its_code(world: World) -> None:
    post = {**POST, "post_kind": "PENGAWAS", "level": "iv.a", "title": "Kepala Subbagian Umum"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=post)
    assert answer.status_code in (201, 409, 422), answer.get_json()
    assert "level" not in (answer.get_json().get("errors") or {}), answer.get_json()


def test_a_level_of_another_kind_is_still_refused_naming_what_is_accepted(world: World) -> None:
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**POST, "level": "IV.a"})
    assert answer.status_code == 422, answer.get_json()
    said = answer.get_json()["errors"]["level"][0]
    assert "is not a level of" in said, said
    assert "in any letter case" in said, said


@pytest.mark.parametrize("level", ["ahli muda", "ahli_muda", "Ahli Muda"])
def test_a_level_by_its_name_is_read_as_its_code_when_another_field_is_refused(world: World, level: str) -> None:
    # (until 2026-12-06 refused beside the title left out, "ahli muda is not a level of FUNGSIONAL: one of
    # AHLI_PERTAMA, AHLI_MUDA, …", and recorded as AHLI_MUDA once the title was given: the cells that read were
    # checked as typed)
    untitled = {k: v for k, v in POST.items() if k != "title"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**untitled, "level": level})
    assert answer.status_code == 422, answer.get_json()
    assert list(answer.get_json()["errors"]) == ["title"], answer.get_json()
    assert recorded_levels(world) == []


def test_a_level_refused_beside_another_field_is_quoted_as_written(world: World) -> None:
    untitled = {k: v for k, v in POST.items() if k != "title"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**untitled, "level": "ahli madya x"})
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert set(errors) == {"title", "level"}, errors
    assert errors["level"][0].startswith("'ahli madya x' is not a level of FUNGSIONAL"), errors
