"""The ledger's refusals on the pages: each raised as its template and values (careerlog.domain.wording), shown
in the visitor's language with the values localised, reading nothing back from the English; the CLI keeps the
English message as it was, and so does the API unless Accept-Language asks for Indonesian
(tests/functional/test_api_errors_in_the_clients_language.py)."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.application import NOT_APPOINTED, NOT_EMPLOYEE
from careerlog.domain.employee import DATED_AFTER
from careerlog.domain.errors import NotFound
from careerlog.domain.ledger import NOT_CORRECTABLE, NOT_RETRACTABLE
from careerlog.domain.wording import Reason, reason_of
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_accessibility import Elements
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from web.pages.messages import reason_text

OUTSIDE = f.nip(date(1991, 4, 4), date(2016, 3, 1), "F", sequence=705)


def appoint_outside(world: World, lang: str) -> str:
    """The HR of Kota Medan appointing someone in Kabupaten Karo on the record page: the refusal beside the agency."""
    payload = appointment_of(OUTSIDE, name="Tiur", agency="KAB-KARO", region="12.06")
    data = {**form_of(world, "appointment"), "nip": OUTSIDE, **{k: str(v) for k, v in payload.items()}}
    answer = world.client.post(f"/pages/record?kind=appointment&lang={lang}", data=data)
    assert answer.status_code == 422
    return Elements(answer.get_data(as_text=True)).text_of("agency-error")


def test_an_appointment_outside_the_scope_is_refused_in_the_visitors_language_naming_the_scope_so(
    world: World,
) -> None:
    log_in(world, "hr")  # Kota Medan only
    assert (
        appoint_outside(world, "id") == "Anda hanya dapat mengangkat pegawai dalam cakupan Anda (instansi KOTA-MEDAN)."
    )
    assert appoint_outside(world, "en") == "You may appoint only within your scope (agency KOTA-MEDAN)."
    assert all(subject != OUTSIDE for _, subject, _ in world.log())


@pytest.mark.parametrize(
    ("reason", "indonesian", "english"),
    [
        (
            NOT_CORRECTABLE.reason(kind="correction"),
            "Koreksi tidak dapat dikoreksi.",
            "A correction cannot be corrected.",
        ),
        (
            NOT_RETRACTABLE.reason(kind="retraction"),
            "Pembatalan tidak dapat dibatalkan.",
            "A retraction cannot be retracted.",
        ),
        (NOT_EMPLOYEE.reason(nip="UNIT:BKN:Biro"), "UNIT:BKN:Biro bukan pegawai.", "UNIT:BKN:Biro is not an employee."),
        (
            DATED_AFTER.reason(version=12, kind="training", day="2024-05-10"),
            "Versi 12 (Pelatihan) bertanggal 10 Mei 2024, setelah pemberhentian ini.",
            "Version 12 (training) is dated May 10, 2024, after this separation.",
        ),
    ],
)
def test_a_refusal_is_shown_by_its_templates_translation_with_its_values_localised(
    world: World, reason: Reason, indonesian: str, english: str
) -> None:
    """An event kind named mid-sentence is in lower case in English (as the API's code is), by its name in
    Indonesian."""
    with world.app.test_request_context("/pages/?lang=id"):
        assert reason_text(reason) == indonesian
    with world.app.test_request_context("/pages/?lang=en"):
        assert reason_text(reason) == english


def test_a_refusal_quoting_other_refusals_is_translated_part_by_part(world: World) -> None:
    """Retracting a death would leave the posthumous promotion without it: the refusal quotes that fact's own."""
    ledger = world.services.ledger
    ledger.record(BUDI, "status_change", f.status("DECEASED", "2024-06-01"), actor="test")  # version 3
    ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2024-06-01", kind="211"), actor="test")  # 4
    log_in(world, "hr")
    data = {"nip": BUDI, **{k: str(v) for k, v in f.retraction(3, "2024-06-02").items()}}
    before = world.log()
    shown = {}
    for lang in ("id", "en"):
        answer = world.client.post(
            f"/pages/record?kind=retraction&lang={lang}", data={**form_of(world, "retraction"), **data}
        )
        assert answer.status_code == 422
        shown[lang] = Elements(answer.get_data(as_text=True)).text_of("target_version-error")
    assert world.log() == before
    assert shown["id"] == (  # (the field by its name, as the form names it: it read "promotion_kind: ...")
        "Perubahan ini akan membuat versi 4 (Kenaikan pangkat) tidak konsisten: Jenis kenaikan pangkat: "
        "Kenaikan pangkat anumerta memerlukan kematian yang sudah dicatat lebih dahulu."
    )
    english = (
        "This change would make version 4 (rank_promotion) inconsistent: promotion_kind: "
        "A posthumous promotion needs the death recorded first."
    )
    shown_english = english.replace("(rank_promotion)", "(rank promotion)")
    shown_english = shown_english.replace("promotion_kind:", "Promotion kind:")
    assert shown["en"] == shown_english
    api = world.post(
        f"/api/v1/employees/{BUDI}/events", "hr", json={"kind": "retraction", **f.retraction(3, "2024-06-02")}
    )
    assert api.status_code == 422
    assert api.get_json()["errors"] == {"target_version": [english]}  # the API's body in English, as it was


def test_the_ledger_raises_its_refusals_with_their_templates_and_the_same_english(world: World) -> None:
    with pytest.raises(NotFound) as refused:
        world.services.ledger.get_employee("199001012020011999")
    reason = reason_of(refused.value)
    assert type(reason) is Reason
    assert reason.refusal is NOT_APPOINTED
    assert str(refused.value) == reason == "No employee with NIP 199001012020011999 has been appointed."
