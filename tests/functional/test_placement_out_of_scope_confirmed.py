"""A wrong transfer out of the agency could not be undone by the HR administrator who recorded it: a placement of a
KOTA-MEDAN employee in another agency was recorded at once; the "Tercatat" page linked to the career record with
wait_for, a 404 since the record had left the scope; and retracting or correcting it was refused "Tidak ada pegawai
dengan NIP ... yang telah diangkat", untrue to the officer who had just recorded it. Now the placement is refused
until the box beside the agency is ticked (as a rank jump's is); recorded, the page says the record has left the scope
and that only a national administrator can undo it (the receiving agency may not retract the placement that brought
the employee in: test_scope_moves), with no link to the record; and a NIP outside the scope is refused as not in
the scope's records, in the same words whether it was never appointed or is another agency's. The refusal is the
ledger's (careerlog.application.LEAVES_UNCONFIRMED, as the API, an import and the command line answer it), the box
its confirmation (confirm: placement.leaves_scope); a national administrator is not asked."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, MISSING, RINA, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

OUT = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06", "effective_date": "2024-01-02",
       "reference": "SK-PINDAH-9"}  # fmt: skip


def placed(world: World, **extra: str) -> tuple[int, str]:
    data = {**form_of(world, "placement"), "nip": BUDI, **OUT, **extra}
    answer = world.client.post("/pages/record?kind=placement", data=data)
    if answer.status_code == 302:
        location = answer.headers["Location"]
        return 302, location + "\n" + world.client.get(location).get_data(as_text=True)
    return answer.status_code, answer.get_data(as_text=True)


def test_a_placement_out_of_the_scope_waits_for_its_box_to_be_ticked(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    status, page = placed(world)
    assert status == 422
    assert world.log() == before
    assert "KAB-KARO di luar cakupan Anda" in page
    assert "hanya administrator nasional yang dapat menarik atau mengoreksinya" in page
    assert 'name="confirm" value="placement.leaves_scope" aria-describedby="agency-error"' in page


def test_a_ticked_placement_out_of_the_scope_says_who_can_undo_it_and_links_to_no_record(world: World) -> None:
    log_in(world, "hr")
    status, page = placed(world, confirm="placement.leaves_scope")
    assert status == 302
    location = page.splitlines()[0]
    assert "wait_for" not in location
    assert BUDI not in location
    assert "Riwayat ini telah keluar dari cakupan Anda (kini di KAB-KARO)" in page
    assert "hanya administrator nasional yang dapat menarik atau mengoreksinya" in page
    assert f"/pages/employees/{BUDI}" not in page


def test_a_placement_within_the_scope_asks_for_no_box(world: World) -> None:
    log_in(world, "hr")
    inside = {"agency": "KOTA-MEDAN", "unit": "Bappeda", "region": "12.71"}
    data = {**form_of(world, "placement"), "nip": BUDI, **OUT, **inside}
    answer = world.client.post("/pages/record?kind=placement", data=data)
    assert answer.status_code == 302
    assert "wait_for" in answer.headers["Location"]


@pytest.mark.parametrize("nip", [RINA, MISSING])
def test_a_nip_outside_the_scope_is_refused_as_not_in_its_records_alike_whether_it_exists_or_not(
    world: World, nip: str
) -> None:
    log_in(world, "hr")
    data = {**form_of(world, "retraction"), "nip": nip, "target_version": "1", "effective_date": "2024-01-03",
            "reference": "SK-TARIK-1"}  # fmt: skip
    page = world.client.post("/pages/record?kind=retraction", data=data).get_data(as_text=True)
    assert f"Tidak ada pegawai dengan NIP {nip} dalam catatan cakupan Anda" in page
    assert "yang telah diangkat." not in page


def test_the_form_asks_a_national_administrator_nothing_for_a_placement_anywhere(world: World) -> None:
    log_in(world, "admin")
    status, page = placed(world)
    assert status == 302
    assert "keluar dari cakupan Anda" not in page


def test_the_forms_box_is_the_ledgers_confirmation_and_a_bad_field_keeps_it_ticked(world: World) -> None:
    """The box sends the ledger's own confirmation (confirm: placement.leaves_scope), the one the API and an import
    send; ticked with another field refused, nothing is recorded and the box stays ticked."""
    log_in(world, "hr")
    before = world.log()
    status, page = placed(world, confirm="placement.leaves_scope", effective_date="2024-13-45")
    assert status == 422
    assert world.log() == before
    assert 'name="confirm" value="placement.leaves_scope" checked' in page
