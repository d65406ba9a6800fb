"""The API's `kind` and the import page's kind are the kind of every row of a CSV file: a row whose kind column
names another is refused naming `kind`, nothing of it recorded (tests/integration/
test_import_kind_chosen_against_kind_column.py for the command). Both stores."""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.integration.test_import_kind_chosen_against_kind_column import CSV


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def references(world: World) -> list[str]:
    events = world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"]
    return sorted(e["reference"] for e in events)


def test_the_apis_kind_refuses_a_row_of_another_kind(world: World) -> None:
    upload = {"file": (io.BytesIO(CSV.format(nip=BUDI).encode()), "berkas.csv")}
    answer = world.post("/api/v1/imports?kind=training", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert report["recorded"] == 1
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(2, ["kind"])]
    assert "KC-1" not in references(world)
    assert "KC-2" in references(world)


def test_the_import_pages_kind_refuses_a_row_of_another_kind(world: World) -> None:
    log_in(world, "hr")
    form = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "kind": "training"}
    form["file"] = (io.BytesIO(CSV.format(nip=BUDI).encode()), "berkas.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=form, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Jenis baris ini, Kenaikan pangkat, bukan Pelatihan, jenis yang dipilih" in page
    assert "KC-1" not in references(world)


def test_the_import_pages_refusal_of_another_kind_shows_the_kind_cell_as_typed(world: World) -> None:
    """Found by an HR writer's pass of 2026-12-05: "Jenis baris ini, 'rank_promotion', bukan training ... (tertulis:
    rank_promotion)" for a cell typed "Kenaikan Pangkat": now each kind by its label, the cell as typed beside."""
    log_in(world, "hr")
    form = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "kind": "training", "dry_run": "y"}
    typed = CSV.format(nip=BUDI).replace("rank_promotion,", "Kenaikan Pangkat,")
    form["file"] = (io.BytesIO(typed.encode()), "berkas.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=form, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Jenis baris ini, Kenaikan pangkat, bukan Pelatihan, jenis yang dipilih" in page
    assert "tertulis: Kenaikan Pangkat" in page
    assert "tertulis: rank_promotion" not in page


def test_the_import_pages_kind_chosen_for_a_json_lines_file_is_refused_beside_it(world: World) -> None:
    """A JSON Lines file's lines name their own kind: the kind chosen was ignored, a line of another kind recorded as
    its own. Now refused beside the kind, in the page's language, nothing recorded."""
    log_in(world, "hr")
    line = (
        f'{{"kind": "training", "nip": "{BUDI}", "training_kind": "LATSAR", "title": "Latsar", "organiser": "BPSDM",'
        ' "hours": 8, "start_date": "2024-05-01", "effective_date": "2024-05-03", "reference": "KJ-1"}\n'
    )
    form = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "kind": "rank_promotion"}
    form["file"] = (io.BytesIO(line.encode()), "berkas.jsonl")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=form, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "Setiap baris berkas JSON Lines menyebut jenisnya sendiri" in answer.get_data(as_text=True)
    assert "KJ-1" not in references(world)
