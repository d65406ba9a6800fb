"""A client key (idempotency key) used before for another kind of fact, or a retracted fact's own key sent again, is
refused naming the key, filed under the key: the API's `Idempotency-Key`, an import report's `client_key`, the record
form above its fields in its own words.

Found by a helper's pass of 2026-12-04: these two refusals said "The client reference was already used for a training
(version 2); use a new reference." and "... for version 2, which version 3 retracted; send the fact under a new client
reference ...", naming no key (the API gave the detail alone, no `errors`), where a key repeated with other values
names it (tests/functional/test_client_key_clash_named.py). The status stays 409 (the form's 422) and nothing is
recorded."""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported as imported_page
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of, training_form

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": "R-USED-1"}
RATING = {"kind": "performance_rating", **f.rating(2023)}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def keyed(key: str) -> dict[str, Any]:
    return {"headers": {"Idempotency-Key": key}}


def retracted(world: World, version: int) -> int:
    answer = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(version, "2024-06-01")})
    assert answer.status_code == 201, answer.get_json()
    retraction: int = answer.get_json()["version"]
    return retraction


def imported(world: World, *rows: dict[str, Any]) -> dict[str, Any]:
    body = b"".join(json.dumps({**row, "nip": BUDI}).encode() + b"\n" for row in rows)
    data = {"file": (io.BytesIO(body), "events.jsonl")}
    answer = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report: dict[str, Any] = answer.get_json()
    return report


def page_text(answer: Any) -> str:
    return re.sub(r"\s+", " ", html.unescape(answer.get_data(as_text=True)))


def test_the_api_names_a_key_used_before_for_another_kind_of_fact(world: World) -> None:
    first = world.post(EVENTS, "hr", json=TRAINING, **keyed("K-USED-1"))
    assert first.status_code == 201
    before = world.log()
    answer = world.post(EVENTS, "hr", json=RATING, **keyed("K-USED-1"))
    assert answer.status_code == 409
    problem = answer.get_json()
    said = (
        f"Key 'K-USED-1' was already used for the training recorded as version {first.get_json()['version']}: a new "
        "fact needs a new key."
    )
    assert problem["errors"] == {"Idempotency-Key": [said]}
    assert problem["detail"] == said
    assert problem["type"] == "urn:careerlog:problem:idempotency-conflict"
    assert world.log() == before


def test_the_api_names_a_retracted_facts_key_sent_again(world: World) -> None:
    version = world.post(EVENTS, "hr", json=TRAINING, **keyed("K-RETRACTED-1")).get_json()["version"]
    retraction = retracted(world, version)
    before = world.log()
    answer = world.post(EVENTS, "hr", json=TRAINING, **keyed("K-RETRACTED-1"))
    assert answer.status_code == 409
    said = (
        f"Key 'K-RETRACTED-1' was already used for the training recorded as version {version}, which version "
        f"{retraction} retracted: to record the fact anew, send it under a new key."
    )
    assert answer.get_json()["errors"] == {"Idempotency-Key": [said]}
    assert answer.get_json()["detail"] == said
    assert world.log() == before
    anew = world.post(EVENTS, "hr", json=TRAINING, **keyed("K-RETRACTED-2"))  # the advice followed: recorded anew
    assert (anew.status_code, anew.get_json()["version"]) == (201, retraction + 1)


def test_the_api_quotes_a_long_key_cut_as_it_quotes_any_value(world: World) -> None:
    key = "kunci-" + "x" * 150  # (the header takes up to 200 characters)
    assert world.post(EVENTS, "hr", json=TRAINING, **keyed(key)).status_code == 201
    answer = world.post(EVENTS, "hr", json=RATING, **keyed(key))
    assert answer.status_code == 409
    (said,) = answer.get_json()["errors"]["Idempotency-Key"]
    assert said.startswith("Key 'kunci-" + "x" * 33 + "…' was already used for the training recorded as version ")
    assert key not in said


def test_an_import_report_names_client_key_for_a_key_used_before_for_another_kind(world: World) -> None:
    first = world.post(EVENTS, "hr", json=TRAINING, **keyed("K-USED-2"))
    before = world.log()
    report = imported(world, {**RATING, "client_key": "K-USED-2"})
    assert report["recorded"] == 0
    assert [p["errors"] for p in report["rejected"]] == [
        {
            "client_key": [
                f"Key 'K-USED-2' was already used for the training recorded as version {first.get_json()['version']}: "
                "a new fact needs a new key."
            ]
        }
    ]
    assert world.log() == before


def test_an_import_report_names_client_key_for_a_retracted_facts_key(world: World) -> None:
    version = world.post(EVENTS, "hr", json=TRAINING, **keyed("K-RETRACTED-3")).get_json()["version"]
    retraction = retracted(world, version)
    before = world.log()
    report = imported(world, {**TRAINING, "client_key": "K-RETRACTED-3"})
    assert report["recorded"] == 0
    assert [p["errors"] for p in report["rejected"]] == [
        {
            "client_key": [
                f"Key 'K-RETRACTED-3' was already used for the training recorded with these values as version "
                f"{version}, which version {retraction} retracted: a file run again does not record it again. If it "
                "stays retracted, remove this row from the file; a new fact needs a new client_key."
            ]
        }
    ]
    assert world.log() == before


def test_the_import_page_names_the_key_of_a_csv_row_used_for_another_kind_in_indonesian(world: World) -> None:
    first = world.post(EVENTS, "hr", json=RATING, **keyed("K-USED-3"))
    before = world.log()
    header = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference,client_key"
    row = f"{BUDI},TEKNIS,Arsip,BKPSDM,8,2024-05-08,2024-05-10,R-PAGE-1,K-USED-3"
    page = re.sub(r"\s+", " ", html.unescape(imported_page(world, f"{header}\n{row}\n", name="training.csv")))
    assert (
        f"Kunci 'K-USED-3' sudah dipakai untuk Penilaian kinerja (SKP) yang tercatat sebagai versi "
        f"{first.get_json()['version']}: fakta baru memerlukan kunci baru."
    ) in page
    assert "Referensi klien" not in page
    assert world.log() == before


def test_the_record_form_sent_for_another_kind_says_the_form_was_already_sent(world: World) -> None:
    log_in(world, "hr")
    sent = training_form(world, reference="R-FORM-USED-1")
    assert world.client.post("/pages/record?kind=training", data=sent).status_code == 302
    version = world.get(EVENTS, "hr").get_json()["items"][-1]["version"]
    before = world.log()
    rating = {k: str(v) for k, v in RATING.items() if k != "kind"}
    # (the training's page, its key kept, sent for a rating)
    again = {**form_of(world, "performance_rating"), "nip": BUDI, **rating, "client_key": sent["client_key"]}
    answer = world.client.post("/pages/record?kind=performance_rating", data=again)
    assert answer.status_code == 422
    page = page_text(answer)
    assert (
        f"Formulir ini sudah dikirim untuk Pelatihan yang tercatat sebagai versi {version}: fakta baru memerlukan "
        "formulir baru; buka lagi halaman pencatatan."
    ) in page
    assert sent["client_key"] not in page.replace(f'value="{sent["client_key"]}"', "")  # (the hidden input alone)
    assert "Referensi klien" not in page
    assert world.log() == before


def test_the_record_form_of_a_retracted_fact_sent_again_says_the_form_was_already_sent(world: World) -> None:
    log_in(world, "hr")
    world.client.get("/pages/record?lang=en")
    sent = training_form(world, reference="R-FORM-RETRACTED-1")
    assert world.client.post("/pages/record?kind=training", data=sent).status_code == 302
    version = world.get(EVENTS, "hr").get_json()["items"][-1]["version"]
    retraction = retracted(world, version)
    before = world.log()
    answer = world.client.post("/pages/record?kind=training", data=sent)  # (the page sent again, from the back button)
    assert answer.status_code == 422
    assert (
        f"This form was already sent for the training recorded as version {version}, which version {retraction} "
        "retracted: to record the fact anew, open the record page again."
    ) in page_text(answer)
    assert world.log() == before


@pytest.mark.parametrize(
    ("lang", "wording"),
    [
        (
            "en",
            "This form was already sent for the training recorded as version {version} with different values (hours), "
            "which version {by} retracted: a new fact needs a new form; open the record page again.",
        ),
        (
            "id",
            "Formulir ini sudah dikirim untuk Pelatihan yang tercatat sebagai versi {version} dengan nilai yang "
            "berbeda (hours), yang dibatalkan oleh versi {by}: fakta baru memerlukan formulir baru; buka lagi "
            "halaman pencatatan.",
        ),
    ],
)
def test_the_record_form_of_a_retracted_fact_sent_with_other_values_names_them_and_asks_for_a_new_form(
    world: World, lang: str, wording: str
) -> None:
    # (found in review: the form's words were those of the same values sent again, "to record the fact anew, open the
    # record page again", naming none of the values that differ, where the API names them and asks for a new key)
    log_in(world, "hr")
    world.client.get(f"/pages/record?lang={lang}")
    sent = training_form(world, reference="R-FORM-RETRACTED-2")
    assert world.client.post("/pages/record?kind=training", data=sent).status_code == 302
    version = world.get(EVENTS, "hr").get_json()["items"][-1]["version"]
    retraction = retracted(world, version)
    before = world.log()
    answer = world.client.post("/pages/record?kind=training", data={**sent, "hours": "24"})
    assert answer.status_code == 422
    page = page_text(answer)
    assert wording.format(version=version, by=retraction) in page, page
    assert "to record the fact anew" not in page
    assert world.log() == before
