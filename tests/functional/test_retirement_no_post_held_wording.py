"""The career page reckons the retirement age from the post held now; with none held, from an administrative post's
age (rule retirement.age's default). It said so as "taken as no post is recorded" ("karena belum ada jabatan yang
dicatat"), untrue of an employee whose post is recorded and ended: a Pengawas whose post ended in 2025, the
appointment and its end both on the timeline above, read that no post was recorded. It says no post is held."""

from __future__ import annotations

from datetime import date

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_training_ahead import page_text


def test_a_post_recorded_and_ended_is_said_as_none_held(world: World) -> None:
    nip = f.nip(date(1975, 2, 2), date(2000, 3, 1), "M", sequence=851)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2015-01-05", "reference": "SK-JS-851"}
    ledger.record(nip, "post_appointment", post, actor="test")
    ended = {"appointment_reference": "SK-JS-851", "effective_date": "2025-01-02", "reference": "SK-END-851"}
    ledger.record(nip, "post_end", ended, actor="test")
    world.catch_up()
    english = page_text(world, nip, "en")
    assert "no post is recorded" not in english
    assert (
        "The employee's service is expected to end on Feb 28, 2033, at the retirement age of 58 for an administrative "
        "post, taken as no post is held (an unconfirmed rule: their HR office confirms the date)." in english
    )
    indonesian = page_text(world, nip, "id")
    assert "belum ada jabatan yang dicatat" not in indonesian
    assert "yang dipakai karena tidak ada jabatan yang diduduki" in indonesian
