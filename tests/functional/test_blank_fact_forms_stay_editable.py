"""The blank retraction and correction forms (`kind=retraction` or `kind=correction`, no fact chosen: the NIP and
version typed) stay editable when they are refused: shown again, their NIP and version are inputs still, so that a
version typed wrongly can be mended there. Found by a review: until 2026-12-07 the refused form found the fact typed
and showed it as a form opened on that fact (NIP and version read-only, sent as `shown.nip`, `shown.target_version`),
so the wrong version could no longer be changed. A form opened on a fact still retracts or corrects exactly that fact,
refused or not (test_retraction_form_retracts_the_fact_it_shows.py, test_correction_form_corrects_the_fact_it_shows.py):
it is a form sent without the fact shown that stays blank."""

from __future__ import annotations

import json

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import promoted
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_retraction_form_retracts_the_fact_it_shows import RETRACTION, retracted, retraction


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def assert_editable(page: str) -> None:
    assert '<input id="f-nip" name="nip"' in page, page
    assert '<input id="f-target_version" name="target_version"' in page, page
    assert "shown.nip" not in page
    assert "shown.target_version" not in page


def test_a_refused_blank_retraction_keeps_its_nip_and_version_editable(world: World) -> None:
    version = promoted(world)  # (a training; version 2 is Budi's rank promotion)
    log_in(world, "hr")
    typed = {**form_of(world, "retraction"), "nip": BUDI, "target_version": "2", **RETRACTION, "reference": ""}
    answer = world.client.post("/pages/record?kind=retraction", data=typed)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert 'id="reference-error"' in page
    assert_editable(page)
    assert '<input id="f-target_version" name="target_version" value="2"' in page
    mended = {**typed, "target_version": str(version), "reference": "BATAL-7"}
    answer = world.client.post("/pages/record?kind=retraction", data=mended)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert retracted(world) == {version}


def test_a_refused_blank_correction_keeps_its_nip_and_version_editable(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    typed = {
        **form_of(world, "correction"),
        "nip": BUDI,
        "target_version": "2",
        "effective_date": "2025-01-06",
        "reference": "RALAT-9",
        "reason": "",
        "corrected_fields": json.dumps({"hours": 24}),
    }
    answer = world.client.post("/pages/record?kind=correction", data=typed)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert_editable(page)
    assert 'name="corrected.' not in page  # (the JSON typed kept, not the shown fact's fields as inputs)
    assert "{&#34;hours&#34;: 24}" in page or "{&quot;hours&quot;: 24}" in page, page
    answer = world.client.post(
        "/pages/record?kind=correction", data={**typed, "target_version": str(version), "reason": "Salah ketik"}
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    assert next(i for i in items if i["version"] == version)["values"]["hours"] == 24


def test_a_refused_retraction_opened_on_a_fact_still_refuses_another(world: World) -> None:
    """Refused, a form opened on a fact carries it again (`shown.*`), and a second sending naming another is refused:
    only a form sent without the fact shown is blank."""
    version = promoted(world)
    log_in(world, "hr")
    data = retraction(world, version, reference="")
    answer = world.client.post("/pages/record?kind=retraction", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert f'<input type="hidden" name="shown.target_version" value="{version}">' in page
    assert '<input id="f-target_version"' not in page
    before = world.log()
    again = {**data, "reference": "BATAL-7", "target_version": "2"}
    answer = world.client.post("/pages/record?kind=retraction", data=again)
    assert answer.status_code == 422
    assert 'id="target_version-error"' in answer.get_data(as_text=True)
    assert world.log() == before
    assert retracted(world) == set()
