"""A retracted fact's reference no longer blocks recording the fact anew.

Found by the HR explorer on the demo: a training RR-1 recorded with 20 JP (a wrong value) and retracted could never
be recorded again under its real certificate number: RR-1 with 24 JP was refused "... with different values
(hours); record a correction instead", a correction of the retracted fact was refused, a retraction cannot be
retracted, and RR-1 with 20 JP again answered "Already recorded" while nothing of it was in force. Now the
reference of a retracted fact names nothing in force: the fact is recorded anew (a new event; the retracted one
stays retracted, in the log), from the API, the record form and an import alike. The same values without a new
client key (a file run again, a resend) are refused naming the retraction, so that running a file again does not
bring back what was retracted; under a new client key they are recorded anew. The record form's own key (each
page opened has one) does not ask that: its box does (since 2026-12-06).
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"
WRONG = {"kind": "training", **f.training("2016-01-08", hours=20, start="2016-01-06", reference="RR-1")}
RIGHT = {**WRONG, "hours": 24}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def keyed(key: str) -> dict[str, Any]:
    return {"headers": {"Idempotency-Key": key}}


def recorded_and_retracted(world: World, **options: Any) -> tuple[int, int]:
    version: int = world.post(EVENTS, "hr", json=WRONG, **options).get_json()["version"]
    retraction = {"kind": "retraction", **f.retraction(version, "2016-02-01")}
    answer = world.post(EVENTS, "hr", json=retraction)
    assert answer.status_code == 201, answer.get_json()
    return version, answer.get_json()["version"]


def items(world: World) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = world.get(EVENTS, "hr").get_json()["items"]
    return found


def of_reference(world: World, reference: str = "RR-1") -> list[tuple[int, int, bool]]:
    """(version, hours, retracted) of each recording of a reference, from the log."""
    log = items(world)
    retracted = {i["target_version"] for i in log if i["kind"] == "retraction"}
    return [(i["version"], i["hours"], i["version"] in retracted) for i in log if i.get("reference") == reference]


def imported(world: World, *rows: dict[str, Any]) -> dict[str, Any]:
    body = b"".join(json.dumps({**row, "nip": BUDI}).encode() + b"\n" for row in rows)
    data = {"file": (io.BytesIO(body), "events.jsonl")}
    response = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    report: dict[str, Any] = response.get_json()
    return report


def test_the_api_records_a_retracted_facts_reference_anew_with_other_values(world: World) -> None:
    version, retraction = recorded_and_retracted(world)
    before = world.log()
    answer = world.post(EVENTS, "hr", json=RIGHT)
    assert answer.status_code == 201, answer.get_json()
    anew = answer.get_json()["version"]
    assert (anew, answer.get_json()["created"]) == (retraction + 1, True)
    assert world.log()[: len(before)] == before  # nothing recorded changed
    again = world.post(EVENTS, "hr", json=RIGHT)  # a live fact's resend: one fact
    assert (again.status_code, again.get_json()["version"], again.get_json()["created"]) == (200, anew, False)
    wrong_again = world.post(EVENTS, "hr", json=WRONG)  # other values than the fact in force: a correction
    assert wrong_again.status_code == 409
    assert "record a correction of version" in wrong_again.get_json()["detail"]
    assert of_reference(world) == [(version, 20, True), (anew, 24, False)]


def test_the_api_refuses_a_retracted_facts_values_again_without_a_new_key_naming_the_retraction(world: World) -> None:
    version, retraction = recorded_and_retracted(world)
    before = world.log()
    answer = world.post(EVENTS, "hr", json=WRONG)
    assert answer.status_code == 409
    body = answer.get_json()
    assert "Already recorded" not in json.dumps(body)
    assert body["errors"]["reference"] == [
        f"Reference 'RR-1' was recorded with these values as version {version}, which version {retraction} "
        "retracted: none of it is in force. To record the fact again, send it under a new client key (the API's "
        "Idempotency-Key header, careerlog record's --client-key; the record page's box below its fields), or with the "
        "values it should have."
    ]
    assert world.log() == before
    anew = world.post(EVENTS, "hr", json=WRONG, **keyed("again-1"))  # deliberately recorded again
    assert (anew.status_code, anew.get_json()["version"]) == (201, retraction + 1)
    assert world.post(EVENTS, "hr", json=WRONG).get_json()["version"] == retraction + 1  # now answered by it


def test_the_api_refuses_a_retracted_facts_own_key_sent_again(world: World) -> None:
    version, retraction = recorded_and_retracted(world, **keyed("first-1"))
    before = world.log()
    # the fact itself, sent again: to record it anew, a new key; another fact under its key (until 2026-12-06 given
    # that advice too): named retracted, a new fact needing a new key
    resent = "retracted: to record the fact anew, send it under a new key."
    other = "retracted: a new fact needs a new key."
    for payload, tail in ((WRONG, resent), (RIGHT, other)):
        answer = world.post(EVENTS, "hr", json=payload, **keyed("first-1"))
        assert answer.status_code == 409
        differing = " with different values (hours)" if payload is RIGHT else ""
        said = (
            f"Key 'first-1' was already used for the training recorded as version {version}{differing}, which "
            f"version {retraction} {tail}"
        )
        assert answer.get_json()["detail"] == said
        assert answer.get_json()["errors"] == {"Idempotency-Key": [said]}
    assert world.log() == before


def form_sent(world: World, hours: str, **more: str) -> Any:
    data = {k: str(v) for k, v in WRONG.items() if k != "kind"}
    sent = {**data, "hours": hours, "nip": BUDI, **form_of(world, "training"), **more}
    return world.client.post("/pages/record?kind=training", data=sent)


def test_the_record_form_records_a_retracted_facts_reference_anew_with_other_values(world: World) -> None:
    version, retraction = recorded_and_retracted(world)
    log_in(world, "hr")
    world.client.get("/pages/record?lang=en")
    answer = form_sent(world, "24")
    assert answer.status_code == 302, answer.get_data(as_text=True)
    page = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Recorded: Training, version {retraction + 1} of {BUDI}." in page
    assert "Already recorded" not in page
    assert of_reference(world) == [(version, 20, True), (retraction + 1, 24, False)]


def test_the_record_form_refuses_a_retracted_facts_values_from_a_new_form_naming_the_retraction(world: World) -> None:
    """The HR explorer's: a rank promotion retracted, then its values sent again from a new form, was recorded anew
    ("Recorded ... version 30") with nothing said of the retraction, where the same row imported was refused; the
    form's own new key is no request to record it anew: its box, ticked, is (as an import's client_key column)."""
    version, retraction = recorded_and_retracted(world)
    log_in(world, "hr")
    world.client.get("/pages/record?lang=en")
    before = world.log()
    refused = form_sent(world, "20")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422, page
    assert (
        f"Reference &#39;RR-1&#39; was recorded with these values as version {version}, which version {retraction} "
        "retracted: none of it is in force, and a form sent with its values does not bring it back."
    ) in page
    assert 'name="record_anew"' in page
    assert world.log() == before
    data = {k: str(v) for k, v in WRONG.items() if k != "kind"}
    sent = {**data, "nip": BUDI, **form_of(world, "training")}
    indonesian = world.client.post("/pages/record?kind=training&lang=id", data=sent).get_data(as_text=True)
    assert f"yang dibatalkan oleh versi {retraction}: tidak ada yang berlaku, dan formulir" in indonesian
    assert "Fakta itu dibatalkan karena keliru: catat lagi" in indonesian
    assert world.log() == before
    world.client.get("/pages/record?lang=en")
    key = page.split('name="client_key" value="')[1].split('"')[0]  # (the same form, its box ticked)
    answer = form_sent(world, "20", record_anew="anew", client_key=key)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    shown = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Recorded: Training, version {retraction + 1} of {BUDI}." in shown
    assert of_reference(world) == [(version, 20, True), (retraction + 1, 20, False)]


def test_an_import_records_a_retracted_facts_reference_anew_and_a_rerun_brings_nothing_back(world: World) -> None:
    first = imported(world, WRONG)
    assert first["recorded"] == 1
    version = first["recorded_rows"][0]["version"]
    retraction = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(version, "2016-02-01")})
    retraction_version = retraction.get_json()["version"]
    before = world.log()
    rerun = imported(world, WRONG)  # the same file again: the retracted fact is not brought back
    assert (rerun["recorded"], rerun["already_recorded"], len(rerun["rejected"])) == (0, 0, 1)
    assert list(rerun["rejected"][0]["errors"]) == ["reference"]
    assert f"which version {retraction_version} retracted" in rerun["rejected"][0]["errors"]["reference"][0]
    assert world.log() == before
    fixed = imported(world, RIGHT)  # the file with the right value: recorded anew
    assert (fixed["recorded"], fixed["rejected"]) == (1, [])
    assert imported(world, RIGHT)["already_recorded"] == 1
    assert of_reference(world) == [(version, 20, True), (retraction_version + 1, 24, False)]
