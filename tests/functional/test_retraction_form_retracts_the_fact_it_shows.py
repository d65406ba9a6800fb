"""The retraction form retracts exactly the fact it shows, as the correction form corrects its own
(test_correction_form_corrects_the_fact_it_shows.py): its NIP and version are shown read-only (no inputs), and a POST
naming another NIP or version than the fact shown (`shown.nip`, `shown.target_version`) is refused beside that field,
nothing recorded, the form's own fact shown again. Found by an HR tester: until 2026-12-06 both were editable inputs
(the version a number box the arrow keys change); the form showing a training, version 122 sent retracted a rank
promotion, and another NIP sent retracted another employee's placement. The blank form (no fact chosen) still takes
a NIP and version typed."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_correction_form_fields import promoted
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

RETRACTION = {"effective_date": "2025-01-06", "reference": "BATAL-7", "reason": "Tidak diikuti"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def form_page(world: World, version: int, nip: str = BUDI) -> str:
    return world.client.get(f"/pages/record?kind=retraction&nip={nip}&target_version={version}").get_data(as_text=True)


def retraction(world: World, version: int, **changed: str) -> dict[str, Any]:
    """The retraction form of Budi's fact of `version` as its page sends it (its hidden inputs, the fields typed), with
    `changed` sent in place of what the page holds."""
    page = form_page(world, version)
    event_form = page[page.index('class="event-form"') :]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', event_form)
    own = {name: html.unescape(value) for name, value in hidden}
    return {**form_of(world, "retraction"), **own, **RETRACTION, **changed}


def retracted(world: World) -> set[int]:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    return {item["version"] for item in items if item.get("retracted")}


def test_the_nip_and_version_are_shown_read_only(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    page = form_page(world, version)
    assert '<input id="f-nip"' not in page
    assert '<input id="f-target_version"' not in page
    assert f'<strong id="f-nip">{BUDI}</strong>' in page
    assert f'<strong id="f-target_version">{version}</strong>' in page
    assert f'<input type="hidden" name="shown.nip" value="{BUDI}">' in page
    assert f'<input type="hidden" name="shown.target_version" value="{version}">' in page
    assert "Untuk membatalkan fakta lain, buka tautan Batalkan fakta itu pada riwayat karier." in page


def test_a_version_sent_other_than_the_facts_shown_is_refused(world: World) -> None:
    version = promoted(world)  # (a training; version 2 is Budi's rank promotion)
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=retraction", data=retraction(world, version, target_version="2"))
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert (
        f'<span class="error" id="target_version-error">Formulir ini membatalkan versi {version} dari NIP {BUDI}, '
        f"fakta yang ditampilkannya, tetapi dikirim dengan menyebut versi 2 dari NIP {BUDI}: tidak ada yang dicatat."
    ) in page, page
    assert re.search(rf'<strong id="f-target_version"[^>]*>{version}</strong>', page)  # (its own fact, again)
    assert world.log() == before
    assert retracted(world) == set()


def test_a_nip_sent_other_than_the_facts_shown_is_refused(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    before = world.log()
    data = retraction(world, version, nip=SARI, target_version="1")
    answer = world.client.post("/pages/record?kind=retraction&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert (
        f"This form retracts version {version} of NIP {BUDI}, the fact it shows, and was sent naming version 1 of "
        f"NIP {SARI}: nothing was recorded. To retract another fact, open its Retract link on the career record."
    ) in page, page
    assert 'id="nip-error"' in page
    assert re.search(f'<strong id="f-nip"[^>]*>{BUDI}</strong>', page)
    assert world.log() == before


def test_the_fact_shown_is_retracted(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=retraction", data=retraction(world, version))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert retracted(world) == {version}


def test_a_refused_retraction_shows_its_fact_again_read_only(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=retraction", data=retraction(world, version, reference=""))
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert 'id="reference-error"' in page
    assert f'<strong id="f-target_version">{version}</strong>' in page
    assert f'<input type="hidden" name="shown.target_version" value="{version}">' in page


def test_the_blank_form_takes_the_fact_typed(world: World) -> None:
    """No fact chosen: the NIP and version are inputs, as on the blank correction form, and the fact typed is
    retracted (no fact was shown, so none is held against it)."""
    version = promoted(world)
    log_in(world, "hr")
    page = world.client.get("/pages/record?kind=retraction").get_data(as_text=True)
    assert '<input id="f-nip" name="nip"' in page
    assert '<input id="f-target_version" name="target_version"' in page
    assert "shown.target_version" not in page
    data = {**form_of(world, "retraction"), "nip": BUDI, "target_version": str(version), **RETRACTION}
    answer = world.client.post("/pages/record?kind=retraction", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert retracted(world) == {version}
