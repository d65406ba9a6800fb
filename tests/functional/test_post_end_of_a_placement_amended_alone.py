"""The post end a placement recorded (rule placement.ends_post) changed on its own. Its retraction alone, or a
correction of its date away from the placement's day, was recorded unasked: the placement stood and the managerial
post read as held from the agency the employee moved to (or ended on another day than the move). Now each is asked as
the placement's own retraction is (confirm: placement.ends_post), of every live writer (the API, an import, the record
form), and confirmed recorded as asked, the confirmation stored with it; a post end recorded on its own, a migration
and the post end's other fields are not asked. Both stores."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from careerlog.application import Command, Migration
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction as correction_form
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_placement_ends_managerial_post import POST, holding, kinds_after
from tests.functional.test_placement_ends_post_amended import ENDS, correct, held, placed_with_end, retract

LINKED = (
    "This post end (of Sekretaris Dinas Kebersihan dan Pertamanan, ADMINISTRATOR) was recorded with the placement in "
    "PROV-SUMUT on 2024-11-01, version {placed} (rule placement.ends_post): "
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, row: dict[str, Any]) -> dict[str, Any]:
    data = {"file": (io.BytesIO((json.dumps({"nip": BUDI, **row}) + "\n").encode()), "e.jsonl")}
    answer = world.post("/api/v1/imports", "admin", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return dict(answer.get_json())


# ------------------------------------------------------------------------------------------------- retraction


def test_retracting_a_placements_post_end_alone_is_refused_naming_the_placement(world: World) -> None:
    _, placed = placed_with_end(world)
    before = world.log()
    answer = retract(world, placed + 1)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["target_version"]
    assert reason == LINKED.format(placed=placed) + (
        "retracted alone, it would leave the post held from another agency. If the post was held on after the move, "
        "confirm it (confirm: placement.ends_post) and send the retraction again: the post end alone is retracted; if "
        f"the employee did not move, retract the placement (version {placed}) instead, which retracts its post end "
        "with it."
    )
    assert world.log() == before
    assert held(world) == ("PROV-SUMUT", None)


def test_confirmed_the_post_ends_retraction_is_recorded_alone_storing_the_confirmation(world: World) -> None:
    post, placed = placed_with_end(world)
    answer = retract(world, placed + 1, confirm=ENDS)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    undone = world.services.ledger.get_events(BUDI)[-1]
    assert (undone.KIND, undone.target_version, undone.confirmed) == ("retraction", placed + 1, tuple(ENDS))
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "post_end", "retraction"]
    assert held(world) == ("PROV-SUMUT", "ADMINISTRATOR")  # (as asked: the placement stands)


def test_a_post_end_recorded_on_its_own_decree_is_retracted_unasked(world: World) -> None:
    post = holding(world)
    ended = {"effective_date": "2024-10-01", "reference": "SK-BERHENTI-9", "appointment_reference": POST["reference"]}
    version = world.services.ledger.record(BUDI, "post_end", {**ended, "reason": "Diberhentikan"}, actor="admin")
    answer = retract(world, version.version)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert world.services.ledger.get_events(BUDI)[-1].confirmed == ()
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["post_end", "retraction"]


def test_a_post_end_whose_reference_is_corrected_to_its_own_decree_is_retracted_unasked(world: World) -> None:
    _, placed = placed_with_end(world)
    assert correct(world, placed + 1, reference="SK-BERHENTI-9").status_code == 201  # (no longer the placement's)
    assert retract(world, placed + 1).status_code == 201


def test_an_imports_retraction_of_the_post_end_is_refused_and_confirmed_by_name_recorded(world: World) -> None:
    _, placed = placed_with_end(world)
    row = {"kind": "retraction", **f.retraction(placed + 1, "2025-01-06")}
    refused = imported(world, row)
    assert refused["recorded"] == 0
    (reason,) = refused["rejected"][0]["errors"]["target_version"]
    assert reason.startswith(LINKED.format(placed=placed) + "retracted alone"), reason
    assert imported(world, {**row, "confirm": "placement.ends_post"})["recorded"] == 1
    assert held(world) == ("PROV-SUMUT", "ADMINISTRATOR")


def test_a_migration_retracts_the_post_end_alone_unasked(world: World) -> None:
    post, placed = placed_with_end(world)
    migration = Migration(recorded_at=datetime(2025, 1, 6, tzinfo=UTC), recorded_by="legacy")
    command = Command(BUDI, "retraction", f.retraction(placed + 1, "2025-01-06"), migration=migration)
    (outcome,) = world.services.ledger.record_batch([command], actor="admin")
    assert not isinstance(outcome, Exception), outcome
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "post_end", "retraction"]


def test_the_retraction_form_asks_the_post_ends_own_box_and_ticked_retracts_it_alone(world: World) -> None:
    _, placed = placed_with_end(world)
    world.catch_up()  # (the form shows the fact it retracts, and words its box for it, as the views have it)
    log_in(world, "admin")
    data = {**form_of(world, "retraction"), "nip": BUDI, **f.retraction(placed + 1, "2025-01-06")}
    before = world.log()
    refused = world.client.post("/pages/record?kind=retraction", data=data)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert world.log() == before
    assert "bila dibatalkan sendiri, jabatan itu tercatat tetap dipegang dari instansi lain" in page, page
    assert "centang kotak di bawah untuk mengonfirmasinya lalu kirim lagi formulir ini" in page
    assert 'name="confirm" value="placement.ends_post" aria-describedby="target_version-error"' in page
    assert "Jabatan itu tetap dipegang setelah pindah: batalkan berakhirnya jabatan ini saja" in page
    assert "Pegawai tidak pindah" not in page  # (the placement's own box, which retracts both)
    answer = world.client.post("/pages/record?kind=retraction", data={**data, "confirm": "placement.ends_post"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    said = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Tercatat: Pembatalan, versi {placed + 2}" in said, said
    assert "dibatalkan bersamanya" not in said
    assert held(world) == ("PROV-SUMUT", "ADMINISTRATOR")
    world.catch_up()
    career = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert (
        "The post end was retracted alone, the placement it was recorded with standing, confirmed by admin-web "
        "(placement.ends_post)."
    ) in career
    assert "retracted with it" not in career


# ------------------------------------------------------------------------------------------------- correction


@pytest.mark.parametrize(
    ("day", "left"), [("2024-12-02", "held from another agency until then"), ("2024-10-01", "ended before the move")]
)
def test_correcting_the_post_ends_date_away_from_the_placements_day_is_refused_naming_the_placement(
    world: World, day: str, left: str
) -> None:
    _, placed = placed_with_end(world)
    before = world.log()
    answer = correct(world, placed + 1, effective_date=day)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["corrected_fields.effective_date"]
    assert reason == LINKED.format(placed=placed) + (
        f"dated {day}, it would no longer end the post on the day of the move, leaving it {left}. If the post did end "
        f"on {day}, confirm it (confirm: placement.ends_post) and send the correction again: the post end's date alone "
        "is corrected (to move the placement's date with it, correct that next); if not, keep the post end on "
        "2024-11-01."
    )
    assert world.log() == before


def test_confirmed_the_post_ends_date_is_corrected_storing_the_confirmation(world: World) -> None:
    _, placed = placed_with_end(world)
    answer = correct(world, placed + 1, ENDS, effective_date="2024-12-02")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    corrected = world.services.ledger.get_events(BUDI)[-1]
    assert (corrected.KIND, corrected.target_version, corrected.confirmed) == ("correction", placed + 1, tuple(ENDS))
    assert corrected.corrected_fields == {"effective_date": "2024-12-02"}
    # (back on the placement's day, the post end is corrected unasked)
    again = correct(world, placed + 1, effective_date="2024-11-01")
    assert again.status_code == 201, again.get_data(as_text=True)
    assert world.services.ledger.get_events(BUDI)[-1].confirmed == ()


def test_the_post_ends_other_fields_are_corrected_unasked(world: World) -> None:
    _, placed = placed_with_end(world)
    answer = correct(world, placed + 1, reason="Mutasi ke PROV-SUMUT")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert world.services.ledger.get_events(BUDI)[-1].confirmed == ()


def test_an_imports_correction_of_the_post_ends_date_is_refused_and_confirmed_by_name_recorded(world: World) -> None:
    _, placed = placed_with_end(world)
    row = {"kind": "correction", **f.correction(placed + 1, "2025-01-06", effective_date="2024-12-02")}
    refused = imported(world, row)
    assert refused["recorded"] == 0
    (reason,) = refused["rejected"][0]["errors"]["corrected_fields.effective_date"]
    assert reason.startswith(LINKED.format(placed=placed) + "dated 2024-12-02"), reason
    assert imported(world, {**row, "confirm": "placement.ends_post"})["recorded"] == 1


def test_the_correction_form_asks_the_post_ends_own_box_and_ticked_corrects_its_date(world: World) -> None:
    _, placed = placed_with_end(world)
    world.catch_up()
    log_in(world, "admin")
    data = correction_form(world, placed + 1, **{"corrected.effective_date": "2024-12-02"})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert "sehingga jabatan itu tetap dipegang dari instansi lain sampai tanggal itu" in page, page
    assert 'name="confirm" value="placement.ends_post" aria-describedby="corrected_fields.effective_date-error"' in page
    assert (
        "Jabatan itu memang berakhir pada tanggal yang dikoreksi: koreksi tanggal berakhirnya jabatan ini saja" in page
    )
    answer = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "placement.ends_post"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    said = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Tercatat: Koreksi, versi {placed + 2}" in said, said
    assert "berakhir bersama penempatan ini" not in said
    world.catch_up()
    career = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert (
        "The post end's date was corrected away from the day of the placement it was recorded with, confirmed by "
        "admin-web (placement.ends_post)."
    ) in career
    assert "The end of the post held was recorded with it" not in career


# ------------------------------------------------------------------------------------------------- its post
# Correcting the post end's appointment_reference to another post than the one the move ended left that post held
# from the agency the employee moved to, unasked. Asked alike; with its date too, asked once, naming the post.

EARLIER = {  # (a post Budi held before the administrator's, which that one's appointment ended)
    "effective_date": "2019-01-02",
    "reference": "SK-PELAKSANA-1",
    "post_kind": "PELAKSANA",
    "level": None,
    "title": "Pengadministrasi Umum",
}


def placed_with_end_after_another_post(world: World) -> tuple[int, int]:
    holding(world, **EARLIER)
    return placed_with_end(world)


def test_correcting_the_post_ends_post_to_another_is_refused_naming_the_post_the_move_ended(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    before = world.log()
    answer = correct(world, placed + 1, appointment_reference="SK-PELAKSANA-1")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["corrected_fields.appointment_reference"]
    assert reason == LINKED.format(placed=placed) + (
        "naming Pengadministrasi Umum (PELAKSANA) instead, it would leave Sekretaris Dinas Kebersihan dan Pertamanan "
        "held from another agency. If the post that ended was Pengadministrasi Umum, confirm it (confirm: "
        "placement.ends_post) and send the correction again: the post end alone is corrected (its date too, when the "
        "correction changes it); if not, keep it naming Sekretaris Dinas Kebersihan dan Pertamanan."
    )
    assert world.log() == before
    assert held(world) == ("PROV-SUMUT", None)


def test_confirmed_the_post_ends_post_is_corrected_storing_the_confirmation_and_back_unasked(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    answer = correct(world, placed + 1, ENDS, appointment_reference="SK-PELAKSANA-1")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    corrected = world.services.ledger.get_events(BUDI)[-1]
    assert (corrected.target_version, corrected.confirmed) == (placed + 1, tuple(ENDS))
    assert held(world) == ("PROV-SUMUT", "ADMINISTRATOR")  # (as asked: the administrator's post held on)
    back = correct(world, placed + 1, appointment_reference=POST["reference"])
    assert back.status_code == 201, back.get_data(as_text=True)  # (back to the post the move ended: unasked)
    assert world.services.ledger.get_events(BUDI)[-1].confirmed == ()
    assert held(world) == ("PROV-SUMUT", None)


def test_the_post_the_move_ended_named_in_other_spacing_is_corrected_unasked(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    answer = correct(world, placed + 1, appointment_reference="821.2/0020 /2021")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert world.services.ledger.get_events(BUDI)[-1].confirmed == ()


def test_a_correction_of_both_its_post_and_date_is_asked_once_naming_the_post(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    both = {"appointment_reference": "SK-PELAKSANA-1", "effective_date": "2024-12-02"}
    answer = correct(world, placed + 1, **both)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    errors = answer.get_json()["errors"]
    assert list(errors) == ["corrected_fields.appointment_reference"], errors
    assert "(its date too, when the correction changes it)" in errors["corrected_fields.appointment_reference"][0]
    confirmed = correct(world, placed + 1, ENDS, **both)
    assert confirmed.status_code == 201, confirmed.get_data(as_text=True)
    assert world.services.ledger.get_events(BUDI)[-1].corrected_fields == both


def test_an_imports_correction_of_the_post_ends_post_is_refused_and_confirmed_by_name_recorded(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    row = {"kind": "correction", **f.correction(placed + 1, "2025-01-06", appointment_reference="SK-PELAKSANA-1")}
    refused = imported(world, row)
    assert refused["recorded"] == 0
    (reason,) = refused["rejected"][0]["errors"]["corrected_fields.appointment_reference"]
    assert reason.startswith(LINKED.format(placed=placed) + "naming Pengadministrasi Umum"), reason
    assert imported(world, {**row, "confirm": "placement.ends_post"})["recorded"] == 1
    assert held(world) == ("PROV-SUMUT", "ADMINISTRATOR")


def test_the_correction_form_asks_the_box_worded_for_the_post_and_ticked_corrects_it(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    world.catch_up()
    log_in(world, "admin")
    data = correction_form(world, placed + 1, **{"corrected.appointment_reference": "SK-PELAKSANA-1"})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert (
        "bila menyebut Pengadministrasi Umum (Jabatan Pelaksana) sebagai gantinya, jabatan Sekretaris Dinas "
        "Kebersihan dan Pertamanan tercatat tetap dipegang dari instansi lain"
    ) in page, page
    assert (
        'name="confirm" value="placement.ends_post" aria-describedby="corrected_fields.appointment_reference-error"'
    ) in page
    assert "Jabatan yang berakhir memang jabatan yang kini disebut: koreksi jabatan pada berakhirnya jabatan" in page
    assert "koreksi tanggal berakhirnya jabatan ini saja" not in page  # (the date's box)
    answer = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "placement.ends_post"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert held(world) == ("PROV-SUMUT", "ADMINISTRATOR")
    career = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert (
        "The post end was corrected to name another post than the one the placement it was recorded with ended, "
        "confirmed by admin-web (placement.ends_post)."
    ) in career
    assert "The post end's date was corrected away" not in career


def test_the_ticked_box_refused_for_another_reason_keeps_its_wording_for_the_post(world: World) -> None:
    _, placed = placed_with_end_after_another_post(world)
    world.catch_up()
    log_in(world, "admin")
    typed = {"corrected.appointment_reference": "SK-PELAKSANA-1", "corrected.effective_date": "2024-13-45"}
    data = {**correction_form(world, placed + 1, **typed), "confirm": "placement.ends_post"}
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert 'name="confirm" value="placement.ends_post" checked>' in page, page
    assert "Jabatan yang berakhir memang jabatan yang kini disebut" in page
    assert "koreksi tanggal berakhirnya jabatan ini saja" not in page
