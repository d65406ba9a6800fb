"""The correction form corrects exactly the fact it shows: its NIP and version are shown read-only (no inputs), and
a POST naming another NIP or version than the fact shown (`shown.nip`, `shown.target_version`) is refused with a clear
reason, nothing recorded, the form's own fact shown again. Found by an HR tester: until 2026-12-06 both were editable
inputs beside hidden copies; changing the version to 58 recorded the correction on v58 with v57's values shown, and
changing the NIP was refused as "Corrected since this form was opened: it now holds 12, not 8" (another person's
fact)."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in

FORM = f"/pages/record?kind=correction&nip={BUDI}&target_version=2"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def test_the_nip_and_version_are_shown_read_only(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get(FORM).get_data(as_text=True)
    assert '<input id="f-nip"' not in page
    assert '<input id="f-target_version"' not in page
    assert f'<strong id="f-nip">{BUDI}</strong>' in page
    assert '<strong id="f-target_version">2</strong>' in page
    assert f'<input type="hidden" name="shown.nip" value="{BUDI}">' in page
    assert '<input type="hidden" name="shown.target_version" value="2">' in page


def test_a_version_sent_other_than_the_facts_shown_is_refused(world: World) -> None:
    other = promoted(world)  # (a training, version 3)
    log_in(world, "hr")
    before = world.log()
    data = {**correction(world, 2, **{"corrected.new_rank": "III/c"}), "target_version": str(other)}
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert (
        f'<span class="error" id="target_version-error">Formulir ini mengoreksi versi 2 dari NIP {BUDI}, fakta yang '
        f"ditampilkannya, tetapi dikirim dengan menyebut versi {other} dari NIP {BUDI}: tidak ada yang dicatat."
    ) in page, page
    assert re.search(r'<strong id="f-target_version"[^>]*>2</strong>', page)  # (the form's own fact, shown again)
    assert world.log() == before


def test_a_nip_sent_other_than_the_facts_shown_is_refused(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    data = {**correction(world, 2, **{"corrected.new_rank": "III/c"}), "nip": SARI, "target_version": "1"}
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert f"dikirim dengan menyebut versi 1 dari NIP {SARI}: tidak ada yang dicatat." in page, page
    assert 'id="nip-error"' in page
    assert "Dikoreksi sejak formulir ini dibuka" not in page
    assert re.search(f'<strong id="f-nip"[^>]*>{BUDI}</strong>', page)
    assert world.log() == before


def test_the_fact_shown_is_corrected(world: World) -> None:
    log_in(world, "hr")
    data = correction(world, 2, **{"corrected.effective_date": "2014-10-01"})
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    assert next(i for i in items if i["version"] == 2)["effective_date"] == "2014-10-01"
