"""A placeholder written for a certificate number is no reference: non-classical trainings (coaching, mentoring) often
have no certificate, but the number is required, so HR typed "-". The first coaching was recorded; a second one
with "-" was refused "Nomor '-' sudah tercatat sebagai versi N dengan nilai yang berbeda (...); catat koreksi.":
doing what it said would have overwritten the first coaching. A stand-in for none ("-", "—", "0", "tidak ada",
"n/a") is now refused as a number, beside the field, saying what to write; and the "already recorded with different
values" refusal says what to do for another event (its own number) and for a wrong first one (a correction of it)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form


@pytest.mark.parametrize("written", ["-", "—", "0", "000", "tidak ada", "n/a", "N/A", "Tidak Ada", "..."])
def test_a_stand_in_for_no_certificate_number_is_refused_beside_the_reference(world: World, written: str) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(
        "/pages/record?kind=training", data=training_form(world, training_kind="COACHING", reference=written)
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, page
    assert 'aria-describedby="reference-error"' in page
    assert "bukan nomor, melainkan pengganti untuk" in page
    assert "tulis nomor dokumen yang mencatat fakta ini" in page
    assert world.log() == before


def test_a_stand_in_for_no_number_is_refused_by_the_api(world: World) -> None:
    body = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": "-"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert "'-' is not a reference number but a stand-in for none" in answer.get_json()["errors"]["reference"][0]


def test_a_reference_recorded_with_other_values_says_how_to_tell_two_events_apart(world: World) -> None:
    log_in(world, "hr")
    first = world.client.post("/pages/record?kind=training", data=training_form(world, reference="COACH/1"))
    assert first.status_code == 302
    again = world.client.post("/pages/record?kind=training", data=training_form(world, reference="COACH/1", hours="4"))
    page = again.get_data(as_text=True)
    assert again.status_code == 422, page
    assert "bila ini peristiwa lain, beri nomor tersendiri; bila versi 3 yang keliru, catat koreksi versi 3." in page
