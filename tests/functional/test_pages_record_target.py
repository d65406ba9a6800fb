"""The correction and retraction forms show the fact they name: an HR administrator following "Correct" or
"Retract" from the timeline sees which fact (kind, version, its values as they stand, by the names the
corrected fields take) before recording, in Indonesian and English; a record outside the scope shows nothing. A
correction shows them as inputs holding their values (tests/functional/test_correction_form_fields.py)."""

from __future__ import annotations

import re

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of


def target_section(page: str) -> str | None:
    found = re.search(r'<section class="target".*?</section>', page, re.S)
    return found.group(0) if found else None


def recorded_training(world: World, nip: str = BUDI) -> int:
    training = f.training("2024-03-06", hours=24, start="2024-03-04", title="Pengelolaan Arsip Digital")
    outcome = world.services.ledger.record(nip, "training", training, actor="admin")
    world.catch_up()
    return outcome.version


def test_the_correction_form_shows_the_fact_it_corrects_and_how_to_name_its_fields(world: World) -> None:
    version = recorded_training(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version={version}&lang=en")
    section = target_section(page.get_data(as_text=True))
    assert section is not None, page.get_data(as_text=True)
    assert "The fact this corrects" in section
    assert f'Training <span class="version">version {version}</span>' in section
    assert "Pengelolaan Arsip Digital" in section
    assert 'name="corrected.hours" value="24"' in section  # each field an input holding its value, to change
    assert "<code>hours</code> · now: 24" in section
    assert "now: Technical training" in section  # the code by its name, in English on an English page
    assert 'name="corrected_fields"' not in page.get_data(as_text=True)  # no JSON to type


def test_the_retraction_form_shows_the_fact_in_indonesian(world: World) -> None:
    version = recorded_training(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=retraction&nip={BUDI}&target_version={version}&lang=id")
    section = target_section(page.get_data(as_text=True))
    assert section is not None
    assert "Fakta yang dibatalkan" in section
    assert f'Pelatihan <span class="version">versi {version}</span>' in section
    assert "Jam pelajaran (JP)" in section
    assert "Isian yang dikoreksi" not in section  # the corrected fields' hint is the correction's only


def test_a_refused_correction_still_shows_the_fact(world: World) -> None:
    version = recorded_training(world)
    log_in(world, "hr")
    data = {**form_of(world, "correction"), "nip": BUDI, "target_version": str(version), "reason": "Salah ketik"}
    data |= {"effective_date": "2024-04-01", "reference": "RALAT-1", "corrected_fields": '{"jp": 16}'}
    answer = world.client.post("/pages/record?kind=correction&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert target_section(page) is not None
    # the unknown field named, under the corrected fields, with those a correction of the training can change
    assert "jp: Not a field a correction of this training can change; it can change start_date," in page


def test_nothing_is_shown_of_a_record_outside_the_scope_or_a_version_not_recorded(world: World) -> None:
    version = recorded_training(world, RINA)
    log_in(world, "hr")
    for nip, asked in ((RINA, version), (BUDI, 99), (BUDI, "x")):
        page = world.client.get(f"/pages/record?kind=correction&nip={nip}&target_version={asked}&lang=en")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert target_section(text) is None
        assert "Pengelolaan Arsip Digital" not in text


def test_choosing_another_kind_keeps_the_version(world: World) -> None:
    version = recorded_training(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=retraction&nip={BUDI}&target_version={version}&lang=en")
    chooser = re.search(r'<form method="get" action="/pages/record".*?</form>', page.get_data(as_text=True), re.S)
    assert chooser is not None
    assert f'<input type="hidden" name="target_version" value="{version}">' in chooser.group(0)


def test_after_recording_the_form_links_to_the_record_and_its_timeline(world: World) -> None:
    """A correction or retraction recorded from the form leads back to the career record, where the timeline
    shows the fact struck through or corrected (the form itself is drawn again empty, for the next one)."""
    version = recorded_training(world)
    log_in(world, "hr")
    data = {**form_of(world, "retraction"), "nip": BUDI, "target_version": str(version), "reason": "Tidak diikuti"}
    data |= {"effective_date": "2024-04-01", "reference": "BATAL-1"}
    answer = world.client.post("/pages/record?kind=retraction&lang=id", data=data, follow_redirects=True)
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    # (the link waits for the views to show the retraction: test_pages_career_link_waits_for_the_recording)
    position = world.services.ledger.max_notification_id()
    link = f"/pages/employees/{BUDI}?wait_for={position}"
    assert f'<a href="{link}">Riwayat Karier {BUDI}</a>' in page
    world.catch_up()
    career = world.client.get(f"{link}&lang=id").get_data(as_text=True)
    assert "BATAL-1" in career
    assert "Tidak diikuti" in career
