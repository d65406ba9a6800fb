"""A record appointed under a wrong NIP (HR's typo) is voided by retracting its appointment, with a new event, once
every other fact of it is retracted: through the API and the career page's link. It was refused ("correct it
instead"), and a correction cannot change the NIP, so the mistaken record stayed in the roster, headcount and
fairness pools for good. Refused while a fact stands (naming it, nothing recorded); once voided no view holds a row
of it, its reads are 404 saying when, by whom and why it was voided, its history still lists every event, it takes
no new fact; its NIP is appointed afresh (test_voided_nip_appointed_afresh). On both stores."""

from __future__ import annotations

import pytest

from projections.registry import all_projections
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import form_of

VOID = {
    "kind": "retraction",
    "target_version": 1,
    "reason": "NIP salah ketik",
    "effective_date": "2024-02-01",
    "reference": "BATAL-NIP-1",
    "confirm_nip": SARI,  # (the NIP given again: a void cannot be undone)
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def view_rows(world: World, nip: str) -> dict[str, int]:
    """The rows each view table holds of a subject (the tables holding any)."""
    sql = world.services.projector.views.sql
    counts = {
        table.name: sql.scalar(f"SELECT COUNT(*) AS s FROM {table.name} WHERE subject = ?", (nip,))
        for projection in all_projections()
        for table in projection.tables
    }
    return {name: count for name, count in counts.items() if count}


def voided(world: World) -> World:
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=VOID)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["version"] == 2
    world.catch_up()
    return world


def test_the_appointment_is_not_retracted_while_a_fact_stands_and_nothing_is_recorded(world: World) -> None:
    before = world.log()
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=VOID)
    assert answer.status_code == 422, answer.get_json()
    [reason] = answer.get_json()["errors"]["target_version"]
    assert "only once every other fact of this record is retracted; still standing: version 2 (rank_promotion)." in (
        reason
    )
    assert world.log() == before


def test_a_voided_record_has_no_row_in_any_view(world: World) -> None:
    assert view_rows(world, SARI)  # (the roster, the timeline, ...)
    assert view_rows(voided(world), SARI) == {}
    assert view_rows(world, BUDI)  # (another record's rows stand)
    roster = world.get("/api/v1/employees", "admin").get_json()
    assert SARI not in {item["nip"] for item in roster["items"]}


def test_a_voided_record_is_rebuilt_with_no_row(world: World) -> None:
    voided(world).services.projector.rebuild()
    assert view_rows(world, SARI) == {}


@pytest.mark.parametrize("read", ["", "/timeline", "/eligibility"])
def test_a_voided_records_reads_are_not_found_saying_when_by_whom_and_why(world: World, read: str) -> None:
    answer = voided(world).get(f"/api/v1/employees/{SARI}{read}", "hr")
    assert answer.status_code == 404, answer.get_json()
    assert answer.get_json()["detail"] == (
        f"The record of NIP {SARI} was voided on 2024-02-01 by hr (version 2): NIP salah ketik. It is in no view; "
        "its events stay in its history."
    )
    outside = world.get(f"/api/v1/employees/{SARI}{read}", "hr_karo")  # (outside the scope: nothing told)
    assert outside.status_code == 404
    assert "voided" not in outside.get_json()["detail"]


def test_a_voided_records_history_still_lists_every_event(world: World) -> None:
    answer = voided(world).get(f"/api/v1/employees/{SARI}/events", "inspector")
    assert answer.status_code == 200, answer.get_json()
    assert [(i["version"], i["kind"]) for i in answer.get_json()["items"]] == [(1, "appointment"), (2, "retraction")]


def test_a_voided_record_takes_no_new_fact(world: World) -> None:
    voided(world)
    before = world.log()
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={"kind": "training", **f.training("2020-01-06")})
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["nip"] == [
        f"The record of NIP {SARI} was voided: its appointment was retracted by version 2. Nothing more is recorded "
        "in it until the NIP is appointed afresh, by an ordinary appointment (as a new employee is)."
    ]
    again = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=VOID)  # (the void sent again: as recorded)
    assert (again.status_code, again.get_json()["version"]) == (200, 2)
    assert world.log() == before


def test_the_record_form_tells_a_voided_record_takes_no_new_fact_until_its_nip_is_appointed_afresh(
    world: World,
) -> None:
    voided(world)
    log_in(world, "hr")
    before = world.log()
    fields = {k: str(v) for k, v in f.training("2020-01-06").items()}
    shown = {
        lang: world.client.post(
            f"/pages/record?kind=training&lang={lang}", data={**form_of(world, "training"), "nip": SARI, **fields}
        )
        for lang in ("id", "en")
    }
    assert {answer.status_code for answer in shown.values()} == {422}
    assert (
        "Tidak ada lagi yang dicatat di dalamnya sampai NIP itu diangkat kembali, dengan pengangkatan biasa (seperti "
        "pegawai baru)."
    ) in shown["id"].get_data(as_text=True)
    assert (
        "Nothing more is recorded in it until the NIP is appointed afresh, by an ordinary appointment (as a new "
        "employee is)."
    ) in shown["en"].get_data(as_text=True)
    assert world.log() == before


def test_a_voided_nip_is_named_as_no_mentor(world: World) -> None:
    voided(world)
    before = world.log()
    body = {"kind": "mentoring_start", "mentor_nip": SARI, "focus": "Arsip", **f.training("2020-01-06")}
    body = {k: body[k] for k in ("kind", "mentor_nip", "focus", "effective_date", "reference")}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "mentor_nip": [
            f"The record of NIP {SARI} was voided: its appointment was retracted by version 2. Nothing more is "
            "recorded in it until the NIP is appointed afresh, by an ordinary appointment (as a new employee is)."
        ]
    }
    assert world.log() == before


def test_the_career_page_offers_the_void_once_the_appointment_alone_stands_and_tells_it_after(world: World) -> None:
    log_in(world, "hr")
    link = f"/pages/record?kind=retraction&amp;nip={SARI}&amp;target_version=1"
    page = world.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True)
    assert "Void the record (wrong NIP)" in page
    assert link in page
    budi = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert "Void the record" not in budi  # (a promotion stands)
    voided(world)
    answer = world.client.get(f"/pages/employees/{SARI}?lang=en")
    assert answer.status_code == 404
    assert f"The record of NIP {SARI} was voided on" in answer.get_data(as_text=True)
    assert csrf_token(world.client)  # (still signed in)


def test_the_record_form_voids_the_record_and_refuses_it_naming_the_fact_standing(world: World) -> None:
    before = world.log()
    assert "still standing: version 2 (" in void_refused(world, "BATAL-NIP-2", "en")
    assert world.log() == before
    void = {"target_version": "1", "reason": "NIP salah ketik", "effective_date": "2024-02-01"}
    data = {**form_of(world, "retraction"), "nip": SARI, **void, "reference": "BATAL-NIP-1", "confirm_nip": SARI}
    answer = world.client.post("/pages/record?kind=retraction&lang=en", data=data, follow_redirects=True)
    assert answer.status_code == 200
    assert world.log()[-1][1:] == (SARI, 2)
    world.catch_up()
    assert view_rows(world, SARI) == {}


def test_the_refusal_of_a_void_names_the_mentoring_kinds_as_every_kind_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    void = {"target_version": "1", "reason": "NIP salah ketik", "effective_date": "2024-02-01"}
    data = {**form_of(world, "retraction"), "nip": BUDI, **void, "reference": "BATAL-NIP-2", "confirm_nip": BUDI}
    before = world.log()
    shown = world.client.post("/pages/record?kind=retraction&lang=id", data=data).get_data(as_text=True)
    assert "versi 2 (Kenaikan pangkat)" in shown  # (the fact standing: named so already)
    assert "(Penugasan peserta bimbingan dengan membatalkan Pembimbingan dimulai dalam catatan mentee)" in shown
    assert "(mentee_assigned dengan membatalkan mentoring_start" not in shown  # (the codes, as it named them)
    english = world.client.post("/pages/record?kind=retraction&lang=en", data=data).get_data(as_text=True)
    assert "(a mentee assigned by retracting the mentoring started in the mentee&#39;s record)" in english
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**VOID, "confirm_nip": BUDI})
    [reason] = answer.get_json()["errors"]["target_version"]  # (the API keeps the codes, as it names every kind)
    assert "(a mentee_assigned by retracting the mentoring_start in the mentee's record)" in reason
    assert world.log() == before


def test_the_record_forms_void_refused_names_a_few_facts_standing_and_counts_them_in_indonesian(world: World) -> None:
    """Until 2026-12-06 every fact standing was named in one sentence (some 450 on a demo's record)."""
    for day in range(1, 8):
        training = {"kind": "training", **f.training(f"2020-01-{day:02}", reference=f"VOID-T-{day}")}
        assert world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training).status_code == 201
    before = world.log()
    page = void_refused(world, "BATAL-NIP-3", "id")
    assert "lainnya (" in page
    assert " seluruhnya). " in page
    assert page.count("versi ") < 10
    assert world.log() == before


def void_refused(world: World, reference: str, lang: str) -> str:
    log_in(world, "hr")
    void = {"target_version": "1", "reason": "NIP salah ketik", "effective_date": "2024-02-01"}
    data = {**form_of(world, "retraction"), "nip": BUDI, **void, "reference": reference}
    refused = world.client.post(f"/pages/record?kind=retraction&lang={lang}", data=data)
    assert refused.status_code == 422
    return refused.get_data(as_text=True)
