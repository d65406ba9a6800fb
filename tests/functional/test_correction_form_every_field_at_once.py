"""The correction form names every field to mend at once: a corrected cost the form cannot read as a number was
refused alone, before the ledger judged the rest, so that a corrected JP of no number, a correction's reason left
out and a date in the future were named only on the next sending; so was a form whose corrected fields were all
left as they stand; and the ledger named a correction's or retraction's date in the future alone. Now such a field
is handed on as unreadable, and the ledger names it with every other problem. Nothing is recorded."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in
from tests.functional.test_record_form_every_field_at_once import beside
from tests.functional.test_training_cost_one_rule_on_every_route import UNREAD_ID


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize("reason", ["", "Salah ketik"])
def test_an_unreadable_corrected_cost_is_named_with_every_other_problem(world: World, reason: str) -> None:
    log_in(world, "hr")
    version = promoted(world)
    before = world.log()
    data = correction(world, version, **{"corrected.cost": "abc", "corrected.hours": "x"})
    data.update(reason=reason, effective_date="2099-01-06")
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 422
    shown = beside(answer.get_data(as_text=True))
    assert shown.pop("reason", None) == ("Isian wajib ini belum diisi." if not reason else None)
    assert shown == {
        "effective_date": "6 Jan 2099 berada di masa depan.",
        "corrected_fields.hours": "Bukan bilangan bulat jam pelajaran: JP dihitung dalam jam pelajaran utuh "
        "(masing-masing 45 menit); tulis JP sebagai bilangan bulat dengan angka (24, bukan 24,5).",
        "corrected_fields.cost": UNREAD_ID,
    }
    assert world.log() == before


def test_a_correction_changing_nothing_is_named_with_every_other_problem(world: World) -> None:
    log_in(world, "hr")
    version = promoted(world)
    before = world.log()
    data = {**correction(world, version), "reason": ""}
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 422
    shown = beside(answer.get_data(as_text=True))
    assert shown == {
        "reason": "Isian wajib ini belum diisi.",
        "corrected_fields": "Ubah paling sedikit satu isian fakta itu: semuanya masih berisi nilainya.",
    }
    assert world.log() == before


def test_a_retraction_dated_in_the_future_is_named_with_its_targets_refusal(world: World) -> None:
    before = world.log()
    # (the appointment's retraction, a void, with its NIP given again: refused for the facts standing and the date)
    body = {"kind": "retraction", "target_version": 1, "effective_date": "2099-01-06", "reference": "BTL-1"}
    body["confirm_nip"] = BUDI
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**body, "reason": "Salah orang"})
    assert answer.status_code == 422
    assert set(answer.get_json()["errors"]) == {"effective_date", "target_version"}
    assert world.log() == before
