"""A placement's correction or retraction and the post end rule placement.ends_post records with it. A correction of
a placement's agency or date that now moves the employee out of the agency while holding a managerial post was
recorded unasked, the post left held in the agency left; a retraction of a transfer recorded with its post end left the
post ended though the employee never moved. Now the correction is asked as the placement is (confirm:
placement.ends_post) and confirmed records the post's end with it; the retraction is refused naming the post end and
confirmed retracts both; a correction of the date of a placement with its post end is refused naming the post end, to
be corrected first. Both stores, through the API, an import and the record form."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from careerlog.application import Command, Migration
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction as correction_form
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_placement_ends_managerial_post import MOVE, holding, kinds_after

EVENTS = f"/api/v1/employees/{BUDI}/events"
ENDS = ["placement.ends_post"]
WITHIN = {**MOVE, "agency": "KOTA-MEDAN", "region": "12.71", "unit": "Bappeda"}  # (a placement within the agency)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def placed_with_end(world: World) -> tuple[int, int]:
    """Budi, holding the administrator's post, placed in PROV-SUMUT with its end: (the post's, the placement's)."""
    post = holding(world)
    answer = world.post(EVENTS, "admin", json={"kind": "placement", **MOVE, "confirm": ENDS})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    return post, answer.get_json()["version"]


def retract(world: World, version: int, **extra: Any) -> Any:
    return world.post(EVENTS, "admin", json={"kind": "retraction", **f.retraction(version, "2025-01-06"), **extra})


def correct(world: World, version: int, confirm: list[str] | None = None, **fields: Any) -> Any:
    body = {"kind": "correction", **f.correction(version, "2025-01-06", **fields)}
    return world.post(EVENTS, "admin", json=body if confirm is None else {**body, "confirm": confirm})


def held(world: World) -> tuple[Any, Any]:
    world.catch_up()
    profile = world.get(f"/api/v1/employees/{BUDI}").get_json()
    return profile["agency"], profile["post_kind"]


# ------------------------------------------------------------------------------------------------- retraction


def test_retracting_a_placement_recorded_with_its_post_end_is_refused_naming_the_post_end(world: World) -> None:
    _, placed = placed_with_end(world)
    before = world.log()
    answer = retract(world, placed)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["target_version"]
    assert reason.startswith(
        "The end of the post Sekretaris Dinas Kebersihan dan Pertamanan (ADMINISTRATOR) was recorded with this "
        f"placement, as version {placed + 1} (rule placement.ends_post): retracted alone, the placement would leave "
        "the post ended. If the employee did not move, confirm it (confirm: placement.ends_post) and send the "
        "retraction again"
    ), reason
    assert world.log() == before
    assert held(world) == ("PROV-SUMUT", None)


def test_confirmed_the_retraction_retracts_the_post_end_with_the_placement_and_the_post_is_held_again(
    world: World,
) -> None:
    post, placed = placed_with_end(world)
    body = {"kind": "retraction", **f.retraction(placed, "2025-01-06"), "confirm": ENDS}
    answer = world.post(EVENTS, "admin", json=body)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert answer.get_json()["version"] == placed + 2
    events = world.services.ledger.get_events(BUDI)
    undone, undone_end = events[-2], events[-1]
    assert (undone.KIND, undone.target_version, undone.confirmed) == ("retraction", placed, ("placement.ends_post",))
    assert (undone_end.KIND, undone_end.target_version, undone_end.confirmed) == ("retraction", placed + 1, ())
    assert undone_end.timestamp == undone.timestamp
    assert held(world) == ("KOTA-MEDAN", "ADMINISTRATOR")
    again = world.post(EVENTS, "admin", json=body)  # (the same retraction sent again: answered, nothing more)
    assert again.status_code == 200, again.get_data(as_text=True)
    assert again.get_json()["version"] == placed + 2
    assert len(kinds_after(world, post)) == 4


def test_a_placement_recorded_alone_is_retracted_unasked(world: World) -> None:
    post = holding(world)
    placed = world.services.ledger.record(BUDI, "placement", WITHIN, actor="admin").version
    answer = retract(world, placed)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "retraction"]


def test_a_post_end_whose_reference_is_corrected_to_its_own_decree_is_kept_by_the_placements_retraction(
    world: World,
) -> None:
    _, placed = placed_with_end(world)
    assert correct(world, placed + 1, reference="SK-BERHENTI-9").status_code == 201
    answer = retract(world, placed)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert held(world) == ("KOTA-MEDAN", None)  # (the post stays ended, by its own decree)


def test_an_imports_retraction_row_names_the_post_end_and_confirmed_by_name_retracts_both(world: World) -> None:
    _, placed = placed_with_end(world)
    row = {"kind": "retraction", "nip": BUDI, **f.retraction(placed, "2025-01-06")}

    def imported(row: dict[str, Any]) -> dict[str, Any]:
        data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "e.jsonl")}
        answer = world.post("/api/v1/imports", "admin", data=data, content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return dict(answer.get_json())

    refused = imported(row)
    assert refused["recorded"] == 0
    assert "confirm: placement.ends_post" in refused["rejected"][0]["errors"]["target_version"][0]
    assert imported({**row, "confirm": "placement.ends_post"})["recorded"] == 1
    assert held(world) == ("KOTA-MEDAN", "ADMINISTRATOR")


@pytest.mark.parametrize("cell", ["ya", True])
def test_a_yes_in_an_imports_retraction_row_confirms_the_post_end_it_is_asked(world: World, cell: Any) -> None:
    """A yes confirms what the import asks of the row (until 2026-12-05 a retraction's yes confirmed a rank jump alone,
    and the row was refused again with "ya" in its Konfirmasi column)."""
    _, placed = placed_with_end(world)
    row = {"kind": "retraction", "nip": BUDI, **f.retraction(placed, "2025-01-06"), "confirm": cell}
    data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "e.jsonl")}
    answer = world.post("/api/v1/imports", "admin", data=data, content_type="multipart/form-data")
    assert answer.get_json()["recorded"] == 1, answer.get_data(as_text=True)
    assert held(world) == ("KOTA-MEDAN", "ADMINISTRATOR")


def test_a_migration_retracts_the_placement_alone_as_its_log_holds_it(world: World) -> None:
    post, placed = placed_with_end(world)
    migration = Migration(recorded_at=datetime(2025, 1, 6, tzinfo=UTC), recorded_by="legacy")
    command = Command(BUDI, "retraction", f.retraction(placed, "2025-01-06"), migration=migration)
    (outcome,) = world.services.ledger.record_batch([command], actor="admin")
    assert not isinstance(outcome, Exception), outcome
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "post_end", "retraction"]


def test_the_retraction_form_offers_the_box_and_ticked_retracts_both(world: World) -> None:
    _, placed = placed_with_end(world)
    log_in(world, "admin")
    data = {**form_of(world, "retraction"), "nip": BUDI, **f.retraction(placed, "2025-01-06")}
    before = world.log()
    refused = world.client.post("/pages/record?kind=retraction", data=data)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert world.log() == before
    assert "centang kotak di bawah untuk mengonfirmasinya lalu kirim lagi formulir ini" in page, page
    assert 'name="confirm" value="placement.ends_post" aria-describedby="target_version-error"' in page
    assert "Pegawai tidak pindah: batalkan penempatannya" in page
    answer = world.client.post("/pages/record?kind=retraction", data={**data, "confirm": "placement.ends_post"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    said = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert (
        f"Berakhirnya jabatan yang dicatat bersama penempatan ini (versi {placed + 1}) dibatalkan bersamanya, sebagai "
        f"versi {placed + 3}: jabatan itu kembali dipegang."
    ) in said, said
    assert held(world) == ("KOTA-MEDAN", "ADMINISTRATOR")


# ------------------------------------------------------------------------------------------------- correction


def test_a_correction_moving_a_placement_into_another_agency_is_refused_naming_the_post(world: World) -> None:
    post = holding(world)
    placed = world.services.ledger.record(BUDI, "placement", WITHIN, actor="admin").version
    before = world.log()
    answer = correct(world, placed, agency="PROV-SUMUT", region="12")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["corrected_fields.agency"]
    assert reason.startswith(
        f"{BUDI} holds Sekretaris Dinas Kebersihan dan Pertamanan (ADMINISTRATOR, version {post}) in KOTA-MEDAN; "
        "a placement in another agency ends it on 2024-11-01 (rule placement.ends_post). If the decree does move "
        "the employee to PROV-SUMUT, confirm it (confirm: placement.ends_post)"
    ), reason
    assert world.log() == before


def test_confirmed_the_correction_records_the_posts_end_with_it_on_the_placements_day(world: World) -> None:
    post = holding(world)
    placed = world.services.ledger.record(BUDI, "placement", WITHIN, actor="admin").version
    answer = correct(world, placed, ENDS, agency="PROV-SUMUT", region="12")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    corrected = answer.get_json()["version"]
    assert kinds_after(world, post)[1:] == [
        (corrected, "correction", None),
        (corrected + 1, "post_end", "821.2/0020/2021"),
    ]
    events = world.services.ledger.get_events(BUDI)
    correction, ended = events[-2], events[-1]
    assert correction.confirmed == ("placement.ends_post",)
    assert (ended.effective_date.isoformat(), ended.reference) == (MOVE["effective_date"], MOVE["reference"])
    assert ended.timestamp == correction.timestamp
    assert held(world) == ("PROV-SUMUT", None)
    # (recorded with the correction, the post end is the placement's: its retraction names it)
    refused = retract(world, placed)
    assert refused.status_code == 422
    assert f"as version {corrected + 1}" in refused.get_json()["errors"]["target_version"][0]


def test_a_correction_of_a_placements_date_to_one_the_post_is_held_on_is_asked_beside_the_date(world: World) -> None:
    holding(world)  # (taken up 2021-03-16)
    early = {**MOVE, "effective_date": "2020-01-02"}
    placed = world.services.ledger.record(BUDI, "placement", early, actor="admin").version
    answer = correct(world, placed, effective_date="2024-11-01")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert "confirm: placement.ends_post" in answer.get_json()["errors"]["corrected_fields.effective_date"][0]


def test_a_placement_that_moved_unasked_before_the_rule_is_corrected_unasked(world: World) -> None:
    """A log's placement moving the employee while the post was held (recorded before the rule, or migrated) stays
    as recorded: a correction of its date asks nothing of the post it passed."""
    post = holding(world)
    migration = Migration(recorded_at=datetime(2024, 11, 2, tzinfo=UTC), recorded_by="legacy")
    (placed,) = world.services.ledger.record_batch(
        [Command(BUDI, "placement", MOVE, migration=migration)], actor="admin"
    )
    assert not isinstance(placed, Exception)
    answer = correct(world, placed.version, effective_date="2024-11-04")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "correction"]


def test_a_correction_of_the_date_of_a_placement_with_its_post_end_is_refused_naming_the_post_end(
    world: World,
) -> None:
    _, placed = placed_with_end(world)
    before = world.log()
    answer = correct(world, placed, ENDS, effective_date="2024-12-02")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["corrected_fields.effective_date"]
    assert reason == (
        "The end of the post Sekretaris Dinas Kebersihan dan Pertamanan (ADMINISTRATOR) was recorded with this "
        f"placement on 2024-11-01, as version {placed + 1} (rule placement.ends_post): correct the post end's date to "
        f"2024-12-02 first (a correction of version {placed + 1}, itself asked, as it moves the post end off this "
        "placement's day: confirm it when asked), then this placement's."
    )
    assert world.log() == before
    # the post end's date corrected first (asked: placement.ends_post), the placement's follows it; still one
    assert correct(world, placed + 1, effective_date="2024-12-02").status_code == 422
    assert correct(world, placed + 1, ENDS, effective_date="2024-12-02").status_code == 201
    assert correct(world, placed, effective_date="2024-12-02").status_code == 201
    assert "confirm: placement.ends_post" in retract(world, placed).get_json()["errors"]["target_version"][0]


def test_a_correction_of_the_unit_of_a_placement_with_its_post_end_is_recorded_unasked(world: World) -> None:
    post, placed = placed_with_end(world)
    answer = correct(world, placed, unit="Biro Umum")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "post_end", "correction"]


def test_an_imports_correction_row_confirmed_by_name_records_the_post_end(world: World) -> None:
    post = holding(world)
    placed = world.services.ledger.record(BUDI, "placement", WITHIN, actor="admin").version
    row = {
        "kind": "correction",
        "nip": BUDI,
        **f.correction(placed, "2025-01-06", agency="PROV-SUMUT", region="12"),
        "confirm": "placement.ends_post",
    }
    data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "e.jsonl")}
    answer = world.post("/api/v1/imports", "admin", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.get_json()["recorded"] == 1, json.dumps(answer.get_json())
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "correction", "post_end"]


def test_the_correction_form_offers_the_box_and_ticked_records_the_post_end(world: World) -> None:
    post = holding(world)
    placed = world.services.ledger.record(BUDI, "placement", WITHIN, actor="admin").version
    world.catch_up()
    log_in(world, "admin")
    data = correction_form(world, placed, **{"corrected.agency": "PROV-SUMUT", "corrected.region": "12"})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert re.search(
        r'name="confirm" value="placement.ends_post" aria-describedby="corrected_fields.agency-error"', page
    )
    assert "SK yang dikoreksi memang memindahkan pegawai ini ke instansi lain" in page
    answer = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "placement.ends_post"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    said = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "berakhir bersama penempatan ini pada 1 Nov 2024" in said, said
    assert [kind for _, kind, _ in kinds_after(world, post)] == ["placement", "correction", "post_end"]


def test_a_correction_of_a_placement_with_its_post_end_back_to_the_agency_left_is_refused_naming_the_post_end(
    world: World,
) -> None:
    _, placed = placed_with_end(world)
    before = world.log()
    answer = correct(world, placed, ENDS, agency="KOTA-MEDAN", region="12.71")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["corrected_fields.agency"]
    assert reason.startswith(
        "The end of the post Sekretaris Dinas Kebersihan dan Pertamanan (ADMINISTRATOR) was recorded with this "
        f"placement, as version {placed + 1} (rule placement.ends_post): corrected to KOTA-MEDAN, the agency the post "
        f"is held in, the placement would leave the post ended. Retract the post end (version {placed + 1}) first if "
        "the post was held on (a retraction itself asked, as this placement still stands then: confirm it when "
        "asked), or correct its reference to the decree that ended it; then correct this placement."
    ), reason
    assert world.log() == before
    # (the post end first, the placement's retained: asked, as the placement's post end retracted alone is)
    assert retract(world, placed + 1).status_code == 422
    assert retract(world, placed + 1, confirm=ENDS).status_code == 201  # (the post held again)
    assert correct(world, placed, agency="KOTA-MEDAN", region="12.71").status_code == 201
    assert held(world) == ("KOTA-MEDAN", "ADMINISTRATOR")


def test_a_correction_ending_several_posts_is_refused_even_confirmed_naming_each(world: World) -> None:
    first = holding(world)
    acting = holding(
        world, reference="SK-PLT-1", assignment="PLT", title="Plt Kepala Bidang", post_kind="PENGAWAS", level="IV.a"
    )
    placed = world.services.ledger.record(BUDI, "placement", WITHIN, actor="admin").version
    before = world.log()
    answer = correct(world, placed, ENDS, agency="PROV-SUMUT", region="12")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["corrected_fields.agency"]
    assert f"(ADMINISTRATOR, version {first})" in reason, reason
    assert f"(PENGAWAS, version {acting})" in reason
    assert world.log() == before


# ------------------------------------------------------------------------- after a correction of the reference


def test_a_placement_whose_reference_is_corrected_keeps_its_post_end_for_its_retraction(world: World) -> None:
    # (linked by the references as recorded: until 2026-12-05 the correction unlinked them, and the retraction,
    # recorded unasked, left the post ended though the employee was back in KOTA-MEDAN)
    _, placed = placed_with_end(world)
    assert correct(world, placed, reference="SK-MUTASI-BARU").status_code == 201
    before = world.log()
    answer = retract(world, placed)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert f"as version {placed + 1}" in answer.get_json()["errors"]["target_version"][0]
    assert world.log() == before
    assert retract(world, placed, confirm=ENDS).status_code == 201
    assert held(world) == ("KOTA-MEDAN", "ADMINISTRATOR")


def test_a_placement_whose_reference_is_corrected_keeps_its_post_end_for_corrections_of_its_date_and_agency(
    world: World,
) -> None:
    _, placed = placed_with_end(world)
    assert correct(world, placed, reference="SK-MUTASI-BARU").status_code == 201
    before = world.log()
    dated = correct(world, placed, ENDS, effective_date="2024-12-02")
    assert dated.status_code == 422, dated.get_data(as_text=True)
    assert f"as version {placed + 1}" in dated.get_json()["errors"]["corrected_fields.effective_date"][0]
    back = correct(world, placed, ENDS, agency="KOTA-MEDAN", region="12.71")
    assert back.status_code == 422, back.get_data(as_text=True)
    assert f"as version {placed + 1}" in back.get_json()["errors"]["corrected_fields.agency"][0]
    assert world.log() == before


def test_a_post_end_corrected_to_the_placements_new_reference_stays_with_it(world: World) -> None:
    _, placed = placed_with_end(world)
    assert correct(world, placed, reference="SK-MUTASI-BARU").status_code == 201
    assert correct(world, placed + 1, reference="SK-MUTASI-BARU").status_code == 201
    assert "confirm: placement.ends_post" in retract(world, placed).get_json()["errors"]["target_version"][0]


@pytest.mark.parametrize(
    ("corrected", "said"),
    [
        (
            {"corrected.effective_date": "2024-12-02"},
            "(koreksi atas versi {ended}, yang juga ditanyakan karena memindahkan berakhirnya jabatan dari hari "
            "penempatan ini: konfirmasikan bila ditanyakan), lalu tanggal penempatan ini.",
        ),
        (
            {"corrected.agency": "KOTA-MEDAN", "corrected.region": "12.71"},
            "Batalkan lebih dahulu berakhirnya jabatan (versi {ended}) bila jabatan itu tetap dipegang (pembatalan "
            "yang juga ditanyakan karena penempatan ini saat itu masih berlaku: konfirmasikan bila ditanyakan)",
        ),
    ],
)
def test_the_correction_forms_refusal_says_the_post_ends_own_step_is_asked_too(
    world: World, corrected: dict[str, str], said: str
) -> None:
    _, placed = placed_with_end(world)
    world.catch_up()
    log_in(world, "admin")
    refused = world.client.post("/pages/record?kind=correction", data=correction_form(world, placed, **corrected))
    assert refused.status_code == 422, refused.get_data(as_text=True)
    assert said.format(ended=placed + 1) in refused.get_data(as_text=True), refused.get_data(as_text=True)
