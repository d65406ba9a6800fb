"""A reference sent again with other values is refused naming the fields that differ by their names in the page's
language, as the form and the import report name every field: the record form and the import page said "dengan
nilai yang berbeda (hours, title)", the fields' code names, to an Indonesian HR administrator who reads "Jam
pelajaran (JP)" and "Judul" beside those inputs. The API keeps the code names. Nothing is recorded again."""

from __future__ import annotations

import html
import io
import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import training_form


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_record_form_names_the_differing_fields_in_the_pages_language(world: World) -> None:
    log_in(world, "hr")
    first = training_form(world, reference="CERT-LABELS")
    assert world.client.post("/pages/record?kind=training", data=first).status_code == 302
    before = world.log()
    again = training_form(world, reference="CERT-LABELS", hours="20", title="Arsip dinamis")
    answer = world.client.post("/pages/record?kind=training", data=again)
    assert answer.status_code == 422
    page = html.unescape(answer.get_data(as_text=True))
    beside = re.search(r'id="reference-error">(.*?)</span>', page, re.S)
    assert beside, page
    assert "dengan nilai yang berbeda (Jam pelajaran (JP), Judul)" in beside[1], beside[1]
    assert world.log() == before


def test_the_import_page_names_a_repeated_references_fields_in_the_pages_language(world: World) -> None:
    log_in(world, "hr")
    fact = {k: str(v) for k, v in f.training("2024-05-10", hours=16, start="2024-05-08").items()}
    del fact["reference"]
    fact["reference"] = "CERT-LABELS-2"
    header = ",".join(["nip", *fact])
    rows = [",".join([BUDI, *fact.values()]), ",".join([BUDI, *{**fact, "hours": "20"}.values()])]
    upload = {"csrf_token": csrf_token(world.client, "/pages/import"), "kind": "training"}
    upload["file"] = (io.BytesIO("\n".join([header, *rows]).encode()), "training.csv")  # type: ignore[assignment]
    page = world.client.post("/pages/import", data=upload, content_type="multipart/form-data").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page)))
    assert "dengan nilai yang berbeda (Jam pelajaran (JP)) oleh baris 2" in text, text[text.find("Laporan impor") :]


def test_the_api_keeps_the_differing_fields_code_names(world: World) -> None:
    fact = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08")}
    assert world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=fact).status_code == 201
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**fact, "hours": 20})
    assert "with different values (hours)" in answer.get_json()["errors"]["reference"][0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "dengan nilai yang berbeda (Hari terakhir pelatihan, Tanggal mulai)"),
        ("en", "with different values (Last day of the training, Start date)"),
    ],
)
def test_the_differing_fields_are_named_by_the_kinds_own_labels(world: World, lang: str, said: str) -> None:
    """Found by an exploratory tester (2026-12-05): a training's reference sent again with other dates was refused
    "... (Tanggal berlaku (TMT), Tanggal mulai)", where the form and the timeline name its effective date "Hari
    terakhir pelatihan" (labels.KIND_FIELD_LABELS): the form, and the import report, name it as the form does."""
    log_in(world, "hr")
    assert (
        world.client.post("/pages/record?kind=training", data=training_form(world, reference="BT/2023/011")).status_code
        == 302
    )
    again = training_form(world, reference="BT/2023/011", start_date="2024-05-09", effective_date="2024-05-11")
    answer = world.client.post(f"/pages/record?kind=training&lang={lang}", data=again)
    assert answer.status_code == 422
    beside = re.search(r'id="reference-error">(.*?)</span>', html.unescape(answer.get_data(as_text=True)), re.S)
    assert beside, answer.get_data(as_text=True)
    assert said in beside[1], beside[1]
    # (another training than the form's, of its own title: not one recorded twice, rule training.duplicate)
    fact = {k: str(v) for k, v in f.training("2024-05-10", hours=16, start="2024-05-08", title="Arsip Dinamis").items()}
    fact["reference"] = "BT/2023/012"
    header = ",".join(["nip", *fact])
    moved = {**fact, "effective_date": "2024-05-11", "start_date": "2024-05-09"}
    rows = [",".join([BUDI, *fact.values()]), ",".join([BUDI, *moved.values()])]
    upload = {"csrf_token": csrf_token(world.client, "/pages/import"), "kind": "training"}
    upload["file"] = (io.BytesIO("\n".join([header, *rows]).encode()), "training.csv")  # type: ignore[assignment]
    page = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page.get_data(as_text=True))))
    assert said in text, text
